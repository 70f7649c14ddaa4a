import { strict as assert } from 'node:assert';
import { rowLabel } from '../../../../src/core/rules/data-figures';

describe('rowLabel', () => {
  it('names a record by line, or by index when it has one (a JSON array record has both: one-line arrays put all on line 1)', () => {
    assert.equal(rowLabel({ file: '/d/reddit.jsonl', line: 12 }), 'reddit.jsonl:12');
    assert.equal(rowLabel({ file: '/d/alpaca.json', line: 1, index: 2458 }), 'alpaca.json[2458]');
    assert.equal(rowLabel({ file: '/d/part.parquet', index: 3 }), 'part.parquet[3]');
    assert.equal(rowLabel({ file: '/d/notes.txt' }), 'notes.txt');
  });

  it('names the file as the view shows it, in the same shape: `synthlint profile` gives the path from the working folder', () => {
    assert.equal(rowLabel({ file: '/w/data/alpaca.json', line: 1, index: 7 }, 'data/alpaca.json'), 'data/alpaca.json[7]');
    assert.equal(rowLabel({ file: '/w/data/reddit.jsonl', line: 12 }, 'data/reddit.jsonl'), 'data/reddit.jsonl:12');
  });
});
