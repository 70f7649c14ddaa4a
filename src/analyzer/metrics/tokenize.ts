/**
 * The three tokenisations the metrics use, in one place. Each scans char codes once and writes token
 * hashes (two 32-bit lanes, see hashing.ts) and offsets into a reusable TokenBuffer: no per-token strings.
 *
 * - `splitOnSpace`: Python's `text.split(' ')` (empty tokens kept), as `ngram_diversity_score` of the
 *   `diversity` package does after joining the documents with ' '.
 * - `splitOnWhitespace`: Python's `text.split()` (runs of `str.isspace()` characters, no empty tokens), as
 *   `self_repetition_score` does.
 * - `words`: lower-cased runs of letters, digits and combining marks, with an apostrophe kept between two
 *   word characters ("don't"). Punctuation is dropped, as in datatrove's `simplify_text` before MinHash
 *   shingling. Used for distinct-n, entropy, vocabulary, openings, MinHash and style words. Scripts written
 *   without spaces (Chinese, Japanese, Thai) come out as one word per run, a known limit.
 */
import { LANE_A_SEED, LANE_B_SEED, fmix32, stepA, stepB } from './hashing';

export class TokenBuffer {
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  length = 0;

  push(a: number, b: number, start: number, end: number): void {
    if (this.length === this.a.length) this.grow();
    const i = this.length++;
    this.a[i] = a;
    this.b[i] = b;
    this.start[i] = start;
    this.end[i] = end;
  }

  private grow(): void {
    const size = this.a.length * 2;
    const a = new Uint32Array(size);
    const b = new Uint32Array(size);
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    a.set(this.a);
    b.set(this.b);
    start.set(this.start);
    end.set(this.end);
    this.a = a;
    this.b = b;
    this.start = start;
    this.end = end;
  }
}

function pushToken(out: TokenBuffer, text: string, from: number, to: number): void {
  let a = LANE_A_SEED;
  let b = LANE_B_SEED;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    a = stepA(a, c);
    b = stepB(b, c);
  }
  out.push(fmix32(a ^ (to - from)), fmix32(b + (to - from)), from, to);
}

/** Python `text.split(' ')`: every U+0020 separates, so "a  b" gives ["a", "", "b"] and "" gives [""]. */
export function splitOnSpace(text: string, out: TokenBuffer): void {
  out.length = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 32) {
      pushToken(out, text, from, i);
      from = i + 1;
    }
  }
  pushToken(out, text, from, text.length);
}

/** Python's `str.isspace()` for one UTF-16 code unit. */
export function isPythonSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python `text.split()`: tokens between runs of whitespace, none empty. */
export function splitOnWhitespace(text: string, out: TokenBuffer): void {
  out.length = 0;
  let from = -1;
  for (let i = 0; i < text.length; i++) {
    if (isPythonSpace(text.charCodeAt(i))) {
      if (from >= 0) pushToken(out, text, from, i);
      from = -1;
    } else if (from < 0) from = i;
  }
  if (from >= 0) pushToken(out, text, from, text.length);
}

/** 1 for letters, digits and marks (\p{L}\p{N}\p{M}) of the Basic Multilingual Plane; built once. */
const WORD_CHAR: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  const re = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 128) table[c] = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
    else table[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return table;
})();

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Word tokens of an already lower-cased text (callers lower-case once per record). */
export function words(lower: string, out: TokenBuffer): void {
  out.length = 0;
  const n = lower.length;
  let i = 0;
  while (i < n) {
    if (WORD_CHAR[lower.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const from = i;
    let a = LANE_A_SEED;
    let b = LANE_B_SEED;
    while (i < n) {
      const c = lower.charCodeAt(i);
      if (WORD_CHAR[c] === 1 || (isApostrophe(c) && i + 1 < n && WORD_CHAR[lower.charCodeAt(i + 1)] === 1 && i > from)) {
        const folded = c === 0x2019 ? 39 : c;
        a = stepA(a, folded);
        b = stepB(b, folded);
        i++;
      } else break;
    }
    out.push(fmix32(a ^ (i - from)), fmix32(b + (i - from)), from, i);
  }
}

/** Hash lanes of one word as `words` would compute them, for looking words up in hashed tables. */
export function wordHash(word: string): { a: number; b: number } {
  const out = new TokenBuffer();
  words(word.toLowerCase(), out);
  return { a: out.a[0] ?? 0, b: out.b[0] ?? 0 };
}
