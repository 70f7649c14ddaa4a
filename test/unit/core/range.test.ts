import { strict as assert } from 'node:assert';
import { serialize, deserialize } from 'node:v8';
import { LineIndex, type Position, TextRange } from '../../../src/core/range';

/** The position of `offset` counted character by character: what every lookup order must agree with. */
function counted(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const line = before.split('\n').length - 1;
  return { line, character: clamped - (before.lastIndexOf('\n') + 1) };
}

describe('core/range LineIndex', () => {
  const text = ['a: 1', '', 'sources:', '  - id: x', '    files: [x.jsonl]', '', '', '', '', '', '  - id: y', 'last'].join('\n');
  const offsets = Array.from({ length: text.length + 3 }, (_, i) => i - 1);

  it('gives the same positions in document order, in reverse, and in a scattered order', () => {
    const orders = [offsets, [...offsets].reverse(), offsets.map((_, i) => offsets[(i * 7) % offsets.length] ?? 0)];
    for (const order of orders) {
      const index = new LineIndex(text);
      for (const offset of order) assert.deepEqual(index.positionAt(offset), counted(text, offset), `offset ${offset}`);
    }
  });

  it('finds a line far past the last one asked for, and the first line after the last', () => {
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(text.length - 1), counted(text, text.length - 1));
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(text.indexOf('  - id: y')), { line: 10, character: 0 });
  });
});

describe('core/range TextRange', () => {
  const text = ['name: x', 'sources:', '  - id: alpaca', '    files: [a.jsonl, "b c.jsonl"]', 'last'].join('\n');
  const spans = Array.from({ length: text.length + 1 }, (_, i) => [i, Math.min(text.length, i + 11)] as const);

  it('reads as the range LineIndex.rangeOf gives for the same offsets, in any order of reading', () => {
    const lines = new LineIndex(text);
    const lazy = spans.map(([from, to]) => new TextRange(lines, from, to));
    // Ends first and backwards: the positions come from the offsets, not from the order they are asked in.
    for (let i = lazy.length - 1; i >= 0; i--) assert.deepEqual(lazy[i]?.end, counted(text, spans[i]?.[1] ?? 0));
    for (const [i, [from, to]] of spans.entries()) assert.deepEqual({ start: lazy[i]?.start, end: lazy[i]?.end }, new LineIndex(text).rangeOf(from, to));
  });

  it('writes to JSON as a plain range, keys in the same order', () => {
    const lines = new LineIndex(text);
    const from = text.indexOf('"b c');
    const plain = lines.rangeOf(from, from + 11);
    assert.equal(JSON.stringify({ range: new TextRange(lines, from, from + 11) }), JSON.stringify({ range: plain }));
    assert.equal(JSON.stringify(plain), '{"start":{"line":3,"character":21},"end":{"line":3,"character":32}}');
  });

  it('keeps the line index and the positions out of comparisons and clones: read or not, two ranges over the same offsets are equal', () => {
    const read = new TextRange(new LineIndex(text), 3, 12);
    assert.deepEqual(read.end, { line: 1, character: 4 });
    assert.deepStrictEqual(read, new TextRange(new LineIndex(`${text}\nmore`), 3, 12));
    // Why the lint thread's wire writes ranges out before a structured clone (src/server/lint-wire.ts).
    assert.deepStrictEqual(deserialize(serialize(read)), { startOffset: 3, endOffset: 12 });
  });
});
