import { strict as assert } from 'node:assert';
import { ProfileAccumulator } from '../../../src/analyzer/metrics/accumulator';
import { TextExtractor } from '../../../src/analyzer/extract';
import { measured } from './helpers';

/** Instruction records through the real extractor, as the analyzer feeds them. */
function openingsOf(records: { instruction: string; output: string }[]) {
  const extractor = new TextExtractor({ schema: 'alpaca', fields: ['instruction', 'input', 'output'] });
  const acc = new ProfileAccumulator();
  records.forEach((r, i) => {
    const extracted = extractor.text(r)!;
    acc.add(extracted.text, { file: 'd.jsonl', line: i + 1 }, extracted.responseStart);
  });
  return measured(acc.finish()).metrics.templateOpenings;
}

describe('templateOpenings', () => {
  it('measures the response, so templated answers show even when every prompt differs', () => {
    const prompts = ['Plan a trip to Rome.', 'Summarise this memo.', 'Write a haiku on rain.', 'List three prime numbers.'];
    const o = openingsOf(prompts.map((instruction, i) => ({ instruction, output: `Sure! Here is the answer number ${i}.` })));
    assert.equal(o.share3.value, 1);
    assert.deepEqual(o.top3[0], { text: 'sure! here is', count: 4 });
  });

  it('does not count prompts that open alike when the answers vary (the human part of the record)', () => {
    const outputs = ['Open settings first.', 'Call the bank today.', 'Restart it twice, then wait.', 'Nobody knows yet, sadly.'];
    const o = openingsOf(outputs.map((output, i) => ({ instruction: `How do I fix problem ${i}?`, output })));
    assert.equal(o.share3.value, 0);
    assert.deepEqual(o.top3, []);
  });
});
