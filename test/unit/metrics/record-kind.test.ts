/**
 * What the provenance score reads: only prose records (record-kind.ts), on layout-normalised text
 * (features.ts layoutNormalised), and a source with too few prose records is `insufficient`, saying how
 * many records were prose and what was set aside.
 */
import { strict as assert } from 'node:assert';
import { layoutNormalised, recordFeatures, sampleFeatures } from '../../../src/analyzer/provenance/features';
import { recordKind } from '../../../src/analyzer/provenance/record-kind';
import { ProvenanceSample } from '../../../src/analyzer/provenance/unit';
import { RecordView } from '../../../src/analyzer/metrics/record';
import { proseRecords } from '../../../src/core/rules/format';
import { formatProvenance } from '../../../src/report/format';

const PROSE = 'If you told me a year ago that I would finish a marathon today, I would have laughed. Your support had a huge effect on me!';

describe('record kinds of the provenance score', () => {
  it('tells prose from code, tables, lists, labels and short answers', () => {
    const cases: [string, string][] = [
      [PROSE, 'prose'],
      ['Confident', 'label'],
      ['Mystery, Sci-Fi, Drama', 'label'],
      ["No, that's wrong, I think.", 'short'],
      ['def is_prime(n):\n    if n == 1:\n        return False\n    for i in range(2, n):\n        if n % i == 0:\n            return False\n    return True', 'code'],
      ['Item | Number | Price\nShirts | 2 | $10\nPants | 1 | $20\nDress | 1 | $30', 'table'],
      ['- binary search trees\n- pop in javascript arrays\n- audio chunking algorithm\n- merge sort in place', 'list'],
      ['introduction, background, motivation, problem statement, research question, objectives, significance, outline, related work, appendix', 'list'],
      ['See https://stackoverflow.com/questions/5767325/how-can-i-remove-a-specific-item-from-an-array for the details of it', 'list'],
      // A numbered list of sentences is prose: chat models write them, and that is part of what the score reads.
      ['1. Introduce yourself and say what you are interested in.\n2. Ask people to share their favourite hobby or activity.\n3. Play a game like Two Truths and a Lie.', 'prose'],
      // A scraped page's debris does not make prose into code.
      [' Clean it with a soft, lint-free cloth before you start.;\n\n,,, Be sure to check the local building codes first.;\n', 'prose'],
    ];
    for (const [text, kind] of cases) assert.equal(recordKind(text), kind, text);
  });

  it('reads layout debris as nothing: the features of a scraped page equal those of its clean text', () => {
    const scraped = ' Do not attempt this unless you know the job.\n\n,,,,,, A booklet of numbers is a great aid.\n, Mark the terminals 1 and 3., Write the number on tape.;\n\n\n';
    const clean = 'Do not attempt this unless you know the job.\nA booklet of numbers is a great aid.\nMark the terminals 1 and 3. Write the number on tape.';
    assert.equal(layoutNormalised(scraped), clean);
    assert.deepEqual(recordFeatures(scraped), recordFeatures(clean));
    assert.deepEqual(sampleFeatures([scraped, scraped], [10, 20]), sampleFeatures([clean, clean], [10, 20]));
    // Words, commas between them and double spaces (typing, not layout) stay.
    assert.equal(layoutNormalised('one,  two, three'), 'one,  two, three');
    assert.equal(layoutNormalised('a, b,, c'), 'a, b, c');
  });

  it('scores only the prose of a source, and says how much there was when it is too little', () => {
    const sample = new ProvenanceSample();
    const view = new RecordView();
    const texts = [...Array.from({ length: 30 }, (_, i) => `Label ${i}`), ...Array.from({ length: 12 }, (_, i) => `${PROSE} (${i})`)];
    texts.forEach((t, i) => {
      view.reset(t, { file: 'd.jsonl', line: i + 1 });
      sample.add(view);
    });
    const p = sample.finish();
    assert.equal(p.verdict, 'insufficient');
    assert.deepEqual([p.records, p.sampled, p.setAside], [12, 42, { label: 30 }]);
    assert.ok(p.machineLike.every((m) => m.text.startsWith(PROSE)));
    assert.equal(proseRecords(p), '12 prose records of 42 (set aside: 30 labels)');
    assert.equal(formatProvenance(p), 'too few prose records to tell: 12 prose records of 42 (set aside: 30 labels)');
  });
});
