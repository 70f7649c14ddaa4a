import { strict as assert } from 'node:assert';
import { LineIndex, type Position } from '../../../src/core/range';

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
