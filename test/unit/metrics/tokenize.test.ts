/**
 * The tokenisers against plain string splits: Python's `split(' ')` and `split()` rebuilt with JS strings, each
 * token's hash lanes taken by hashing the token alone. `split()` is made from `split(' ')`'s tokens (their hashes
 * reused), so it must equal the direct split whatever whitespace the text mixes in.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { stringKey } from '../../../src/analyzer/metrics/hashing';
import { isPythonSpace, SpaceTokens, splitOnSpace, TokenBuffer, whitespaceFromSpace, words } from '../../../src/analyzer/metrics/tokenize';

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
  const buffer = new SpaceTokens();
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
        const buffer = new SpaceTokens();
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
        const space = new SpaceTokens();
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
    const space = new SpaceTokens();
    const out = new TokenBuffer();
    splitOnSpace(text, space);
    whitespaceFromSpace(text, space, out);
    assert.equal(space.length, 3000);
    assert.deepEqual(tokensOf(text, out), pythonSplit(text));
  });

  it('copies long runs of plain tokens between irregular ones, past the buffers’ first size', () => {
    const run = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
    const text = [run(40, 'a'), run(3, 'b'), run(2000, 'c'), run(17, 'd')].join('\t x  ') + '  ';
    const space = new SpaceTokens();
    const out = new TokenBuffer();
    splitOnSpace(text, space);
    whitespaceFromSpace(text, space, out);
    assert.deepEqual(tokensOf(text, out), pythonSplit(text));
  });

  /** A word character as `words` has it: a letter, digit or mark of the BMP (astral ones are not). */
  const isWordChar = (c: number): boolean => (c < 0xd800 || c > 0xdfff) && /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
  const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

  /** `words` by hand: runs of word characters with an apostrophe kept between two, each hashed with ’ as '. */
  function wordsByHand(lower: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < lower.length) {
      if (!isWordChar(lower.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < lower.length) {
        const c = lower.charCodeAt(i);
        const inner = isApostrophe(c) && i > start && i + 1 < lower.length && isWordChar(lower.charCodeAt(i + 1));
        if (!isWordChar(c) && !inner) break;
        i++;
      }
      const text = lower.slice(start, i);
      tokens.push({ text, start, end: i, ...lanesOf(text.replace(/\u2019/g, "'")) });
    }
    return tokens;
  }

  /** Texts for `words` and the exact key: cases, apostrophes in and out of words, marks, astral characters, every kind of whitespace. */
  const wordText = fc
    .array(
      fc.constantFrom('a', 'Bc', 'DON\u2019T', "it's", "'", '\u2019', "x'", '\u00c9T\u00c9', 'e\u0301', '\u0130', '\u03a3\u03a3', '\u{1f600}', '\u{10400}', '\u00df', '-', ',', '.', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2028', '\u3000', '\u0085', '\u001c', '\u200b', ''),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('words gives the hand-made word tokens, and the exact key of the text with its whitespace runs collapsed and trimmed', () => {
    fc.assert(
      fc.property(wordText, (text) => {
        const lower = text.toLowerCase();
        const buffer = new TokenBuffer();
        const key = words(lower, buffer);
        assert.deepEqual(tokensOf(lower, buffer), wordsByHand(lower));
        assert.equal(key, stringKey(pythonSplit(lower).map((t) => t.text).join(' ')));
      }),
      { numRuns: 500 },
    );
  });

  it('the exact key tells apart what the word tokens do not, and only spacing and case are lost', () => {
    const keyOf = (text: string): number => words(text.toLowerCase(), new TokenBuffer());
    assert.equal(keyOf('  Don\u2019t\tstop\n\nNOW '), keyOf('don\u2019t stop now'));
    assert.equal(keyOf(''), keyOf(' \n\u3000'));
    assert.notEqual(keyOf('don\u2019t stop'), keyOf("don't stop"));
    assert.notEqual(keyOf('stop, now'), keyOf('stop now'));
    assert.notEqual(keyOf('a b'), keyOf('ab'));
    assert.notEqual(keyOf('\u{1f600} a'), keyOf('a'));
  });
});

