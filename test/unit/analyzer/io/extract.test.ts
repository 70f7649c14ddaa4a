import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { candidateFields, compilePath, planText, TextExtractor } from '../../../../src/analyzer/extract';
import { readAll, SHARED } from './helpers';

describe('text extraction', () => {
  it('follows field paths through arrays and indexes', () => {
    const rec = { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }], tags: ['a', 'b'] };
    const out: string[] = [];
    compilePath('messages[].content')(rec, out);
    compilePath('messages[1].role')(rec, out);
    compilePath('tags')(rec, out);
    compilePath('missing.deep[].x')(rec, out);
    assert.deepEqual(out, ['hi', 'hello', 'assistant', 'a', 'b']);
  });

  it('joins a record’s texts with a newline, skips empty fields, and marks where the response starts', () => {
    const ex = new TextExtractor({ schema: 'alpaca', fields: ['instruction', 'input', 'output'] });
    assert.deepEqual(ex.text({ instruction: 'Name a colour.', input: '', output: 'Red' }), { text: 'Name a colour.\nRed', responseStart: 15 });
    assert.equal(ex.text({ unrelated: 1 }), undefined);
    assert.deepEqual(new TextExtractor({ schema: 'plain', fields: [] }).text('a line'), { text: 'a line', responseStart: 0 });
  });

  const cases: [string, unknown, string, string[]][] = [
    ['alpaca', { instruction: 'i', input: '', output: 'o' }, 'alpaca', ['instruction', 'input', 'output']],
    ['dolly', { instruction: 'i', context: '', response: 'r', category: 'qa' }, 'dolly', ['instruction', 'context', 'response']],
    ['sharegpt', { conversations: [{ from: 'human', value: 'q' }] }, 'sharegpt', ['conversations[].value']],
    ['openai chat', { messages: [{ role: 'user', content: 'q' }] }, 'openai-chat', ['messages[].content']],
    ['prompt/completion', { prompt: 'p', completion: 'c' }, 'prompt-completion', ['prompt', 'completion']],
    ['prompt/response', { prompt: 'p', response: 'r', id: 3 }, 'prompt-response', ['prompt', 'response']],
    ['text', { text: 't', meta: 1 }, 'text', ['text']],
    ['content', { content: 'c' }, 'content', ['content']],
    ['plain strings', 'just a line', 'plain', []],
  ];
  for (const [name, record, schema, fields] of cases) {
    it(`detects ${name}`, () => assert.deepEqual(planText([record, record]), { schema, fields }));
  }

  it('uses the manifest’s fields when told, and never guesses M4’s human_text/machine_text', async () => {
    const { records } = await readAll(path.join(SHARED, 'm4/wikihow_llama2.jsonl'));
    const sample = records.slice(0, 50).map((r) => r.value);
    assert.equal(planText(sample).schema, 'unknown');
    const told = planText(sample, ['machine_text']);
    assert.deepEqual(told, { schema: 'fields', fields: ['machine_text'] });
    assert.equal(new TextExtractor(told).text(sample[0])?.text, (sample[0] as { machine_text: string }).machine_text);
  });

  it('detects alpaca on the shared alpaca file', async () => {
    const { records } = await readAll(path.join(SHARED, 'instruct/alpaca_5000.json'));
    assert.equal(planText(records.slice(0, 50).map((r) => r.value)).schema, 'alpaca');
  });

  it('offers, for a schema it does not know, the paths text: takes, one level down: the seed tasks\' answers are in instances[].output', async () => {
    const { records } = await readAll(path.join(SHARED, 'instruct/self_instruct_seed_tasks.jsonl'));
    const sample = records.slice(0, 50).map((r) => r.value);
    assert.equal(planText(sample).schema, 'unknown');
    const fields = candidateFields(sample);
    assert.deepEqual(fields, ['id', 'name', 'instruction', 'instances[].input', 'instances[].output']);
    // Every path offered is one text: reads.
    const extractor = new TextExtractor(planText(sample, fields));
    assert.ok(sample.every((r) => extractor.text(r) !== undefined));
    assert.deepEqual(candidateFields([{ tags: ['a', 'b'], meta: { title: 't', n: 1 }, turns: [{ role: 'user', text: 'hi', deeper: [{ x: 'no' }] }] }]), ['tags', 'meta.title', 'turns[].role', 'turns[].text']);
  });
});
