import { strict as assert } from 'node:assert';
import { LineIndex, type Range, TextRange } from '../../../src/core/range';
import { SourceRanges } from '../../../src/core/source-ranges';
import { withPlainRanges } from '../../../src/server/lint-wire';

const text = 'sources:\n  - id: a\n    files: [a.jsonl]\n    rows: 12\n';
const lines = new LineIndex(text);
const at = (snippet: string): TextRange => new TextRange(lines, text.indexOf(snippet), text.indexOf(snippet) + snippet.length);
const plain = (range: Range | undefined): Range | undefined => (range === undefined ? undefined : { start: range.start, end: range.end });

describe('core/source-ranges SourceRanges', () => {
  it('reads back each range written, as the positions of its offsets, and undefined for a field never written or cleared', () => {
    const ranges = new SourceRanges(at('- id: a\n    files: [a.jsonl]\n    rows: 12'), at('a\n'));
    ranges.files = at('[a.jsonl]');
    ranges.rows = at('12');
    ranges['generator.model'] = at('rows');
    assert.deepEqual(plain(ranges.files), plain(at('[a.jsonl]')));
    assert.deepEqual(plain(ranges.rows), { start: { line: 3, character: 10 }, end: { line: 3, character: 12 } });
    assert.deepEqual(plain(ranges['generator.model']), plain(at('rows')));
    assert.deepEqual(plain(ranges.id), plain(at('a\n')));
    assert.equal(ranges.origin, undefined);
    ranges.rows = undefined;
    assert.equal(ranges.rows, undefined);
  });

  it('keeps a Range over another text, or a plain one, as it is, until the field is written again', () => {
    const other = new TextRange(new LineIndex(text), 0, 7);
    const literal: Range = { start: { line: 9, character: 1 }, end: { line: 9, character: 2 } };
    const ranges = new SourceRanges(at('- id: a'), at('a\n'));
    ranges.files = other;
    ranges.origin = literal;
    assert.equal(ranges.files, other);
    assert.equal(ranges.origin, literal);
    ranges.origin = at('12');
    assert.deepEqual(plain(ranges.origin), plain(at('12')));
    ranges.files = undefined;
    assert.equal(ranges.files, undefined);
    // Without a TextRange for `self` there is no text to keep offsets in: every range is kept as it is.
    const loose = new SourceRanges(literal, literal);
    loose.rows = at('12');
    assert.deepEqual(plain(loose.rows), plain(at('12')));
    assert.equal(loose.self, literal);
  });

  it('compares by its ranges: equal over the same offsets, unequal when one field differs', () => {
    const make = (rows: string): SourceRanges => {
      const ranges = new SourceRanges(at('- id: a'), at('a\n'));
      ranges.rows = at(rows);
      return ranges;
    };
    assert.deepStrictEqual(make('12'), make('12'));
    assert.notDeepStrictEqual(make('12'), make('rows'));
  });

  it('writes to JSON and across the lint wire as the record of the ranges it has, in the order of the fields', () => {
    const ranges = new SourceRanges(at('- id: a'), at('a\n'));
    ranges.rows = at('12');
    ranges.files = at('[a.jsonl]');
    const record = { self: plain(at('- id: a')), id: plain(at('a\n')), files: plain(at('[a.jsonl]')), rows: plain(at('12')) };
    assert.equal(JSON.stringify(ranges), JSON.stringify(record));
    assert.deepStrictEqual(withPlainRanges({ ranges }), { ranges: record });
  });
});
