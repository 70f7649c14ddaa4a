/**
 * The tokenisers against plain string splits: Python's `split(' ')` and `split()` rebuilt with JS strings, each
 * token's hash lanes taken by hashing the token alone. `split()` is made from `split(' ')`'s tokens (their hashes
 * reused), so it must equal the direct split whatever whitespace the text mixes in.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isPythonSpace, splitOnSpace, TokenBuffer, whitespaceFromSpace } from '../../../src/analyzer/metrics/tokenize';

interface Token {
  text: string;
  start: number;
  end: number;
  a: number;
  b: number;
}

function tokensOf(text: string, buffer: TokenBuffer): Token[] {
  return Array.from({ length: buffer.length }, (_, i) => {
    const start = buffer.start[i] ?? 0;
    const end = buffer.end[i] ?? 0;
    return { text: text.slice(start, end), start, end, a: buffer.a[i] ?? 0, b: buffer.b[i] ?? 0 };
  });
}

/** The lanes of one token hashed on its own (a text without U+0020 is one `split(' ')` token). */
function lanesOf(token: string): { a: number; b: number } {
  const buffer = new TokenBuffer();
  splitOnSpace(token, buffer);
  return { a: buffer.a[0] ?? 0, b: buffer.b[0] ?? 0 };
}

/** Python `text.split()` by characters: maximal runs of non-whitespace, with their offsets. */
function pythonSplit(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isPythonSpace(text.charCodeAt(i));
    if (space && start >= 0) {
      const token = text.slice(start, i);
      tokens.push({ text: token, start, end: i, ...lanesOf(token) });
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return tokens;
}

/** Texts mixing words with every kind of whitespace the tokenisers tell apart (ASCII, Latin-1, Unicode). */
const mixedText = fc
  .array(fc.constantFrom('a', 'Bc', 'don\u2019t', '\u00e9t\u00e9', '\u{1f600}', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2028', '\u3000', '\u0085', '\u001c', ''), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('tokenize', () => {
  it('splitOnSpace is Python split(" "): empty tokens kept, each hashed alone', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const buffer = new TokenBuffer();
        splitOnSpace(text, buffer);
        let at = 0;
        const expected = text.split(' ').map((token) => {
          const t = { text: token, start: at, end: at + token.length, ...lanesOf(token) };
          at += token.length + 1;
          return t;
        });
        assert.deepEqual(tokensOf(text, buffer), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('whitespaceFromSpace is Python split(), lanes and offsets included', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const space = new TokenBuffer();
        const out = new TokenBuffer();
        splitOnSpace(text, space);
        whitespaceFromSpace(text, space, out);
        assert.deepEqual(tokensOf(text, out), pythonSplit(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every token past the buffers’ first size', () => {
    const text = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `w${i}\n` : `w${i}`)).join(' ');
    const space = new TokenBuffer();
    const out = new TokenBuffer();
    splitOnSpace(text, space);
    whitespaceFromSpace(text, space, out);
    assert.equal(space.length, 3000);
    assert.deepEqual(tokensOf(text, out), pythonSplit(text));
  });
});
