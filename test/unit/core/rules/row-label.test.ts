import { strict as assert } from 'node:assert';
import { rowLabel } from '../../../../src/core/rules/data-figures';

describe('rowLabel', () => {
  it('names a record by line, or by index when it has one (a JSON array record has both: one-line arrays put all on line 1)', () => {
    assert.equal(rowLabel({ file: '/d/reddit.jsonl', line: 12 }), 'reddit.jsonl:12');
    assert.equal(rowLabel({ file: '/d/alpaca.json', line: 1, index: 2458 }), 'alpaca.json[2458]');
    assert.equal(rowLabel({ file: '/d/part.parquet', index: 3 }), 'part.parquet[3]');
    assert.equal(rowLabel({ file: '/d/notes.txt' }), 'notes.txt');
  });
});
