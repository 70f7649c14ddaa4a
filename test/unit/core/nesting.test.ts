// The nesting guard (core/nesting.ts) runs before the `yaml` package reads a text: where it first counts more levels than the
// limit, and what it counts and skips (quotes, comments, a dash inside a word), are fixed by these cases.
import { strict as assert } from 'node:assert';
import { MAX_NESTING, tooDeepAt } from '../../../src/core/nesting';

describe('core/nesting tooDeepAt', () => {
  // [what the case shows, text, limit, the offset where it goes past that limit]; with 5 levels more allowed, -1.
  const cases: [string, string, number, number][] = [
    ['flow brackets: the one past the limit', 'a: [[[x]]]\n', 2, 4],
    ['block indentation and flow brackets together', 'a:\n  b: [x]\n', 2, 8],
    ['each dash of `- - -` opens a level', 'a:\n  - - - x\n', 3, 7],
    ['a dash inside a word opens none', 'a: b-c-d\n  e: f\n', 1, 11],
    ['brackets in quotes count for nothing', 'a: "[[[[" \n', 1, -1],
    ['a quote inside a word opens no string', "a: don't [[\n", 2, 10],
    ['brackets in a trailing comment count for nothing', 'a: x # [[[[\n', 1, -1],
    ['a `#` at a line start opens no level, and the brackets after it count', '# [[[\n', 1, 3],
    ['a backslash before a line break in double quotes carries the string on', 'a: "x\\\n[[[["\n', 1, -1],
    ['an unclosed quote ends at its line', 'a: "x\n[[[\n', 2, 7],
    ['tabs indent', 'a:\n\t\tb: 1\n\t\t\tc: 2\n', 2, 13],
    ['blank lines and a carriage return at a line start open no level', 'a:\n   \n\r\n  b: [c]\n', 2, 14],
  ];
  for (const [what, text, max, offset] of cases) {
    it(what, () => {
      assert.equal(tooDeepAt(text, max), offset);
      assert.equal(tooDeepAt(text, max + 5), -1);
    });
  }

  it('finds the level past the default limit in flow, block and dash nesting', () => {
    assert.equal(tooDeepAt(`a: ${'['.repeat(MAX_NESTING + 10)}`), 3 + MAX_NESTING - 1);
    const block = Array.from({ length: MAX_NESTING + 1 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    assert.equal(tooDeepAt(block), block.lastIndexOf('\n') + 1 + MAX_NESTING);
    assert.equal(tooDeepAt(`- ${'- '.repeat(MAX_NESTING)}x`), 2 * (MAX_NESTING - 1));
    assert.equal(tooDeepAt(`a: ${'['.repeat(MAX_NESTING - 1)}`), -1);
  });
});
