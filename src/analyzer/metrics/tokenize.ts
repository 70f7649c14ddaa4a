/**
 * The three tokenisations the metrics use, in one place. Each scans char codes and writes token
 * hashes (two 32-bit lanes, see hashing.ts) and offsets into a reusable TokenBuffer: no per-token strings.
 *
 * - `splitOnSpace`: Python's `text.split(' ')` (empty tokens kept), as `ngram_diversity_score` of the
 *   `diversity` package does after joining the documents with ' '.
 * - `whitespaceFromSpace`: Python's `text.split()` (runs of `str.isspace()` characters, no empty tokens), as
 *   `self_repetition_score` does; made from `splitOnSpace`'s tokens, whose hashes it reuses.
 * - `words`: lower-cased runs of letters, digits and combining marks, with an apostrophe kept between two
 *   word characters ("don't"). Punctuation is dropped, as in datatrove's `simplify_text` before MinHash
 *   shingling. Used for distinct-n, entropy, vocabulary, openings, MinHash and style words. Scripts written
 *   without spaces (Chinese, Japanese, Thai) come out as one word per run, a known limit. The same scan gives the
 *   text's exact-duplicate key.
 *
 * Each scan reads a character once: a pass over a record's characters costs about as much in loading them as in
 * hashing them, and the three used to be five (the split() check and the exact key were passes of their own).
 */
import { WORD_CHAR } from '../char-tables';
import { LANE_A_SEED, LANE_B_SEED, fmix32, key53, stepA, stepB } from './hashing';

export class TokenBuffer {
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  length = 0;

  /**
   * The index of a new token, whose lanes and offsets the caller writes there: no method takes the lanes, as a
   * 32-bit hash passed to a method V8 did not inline is boxed (a heap number per lane per token, a tenth of a
   * worker's garbage).
   */
  next(): number {
    if (this.length === this.a.length) this.grow();
    return this.length++;
  }

  /** Appends tokens [from, to) of `source`, lanes and offsets: a run of them copied at once, not token by token. */
  appendFrom(source: TokenBuffer, from: number, to: number): void {
    const count = to - from;
    if (count <= 0) return;
    while (this.length + count > this.a.length) this.grow();
    const at = this.length;
    if (count < APPEND_BY_SET) {
      for (let i = 0; i < count; i++) {
        this.a[at + i] = source.a[from + i] ?? 0;
        this.b[at + i] = source.b[from + i] ?? 0;
        this.start[at + i] = source.start[from + i] ?? 0;
        this.end[at + i] = source.end[from + i] ?? 0;
      }
    } else {
      this.a.set(source.a.subarray(from, to), at);
      this.b.set(source.b.subarray(from, to), at);
      this.start.set(source.start.subarray(from, to), at);
      this.end.set(source.end.subarray(from, to), at);
    }
    this.length += count;
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

/** Runs of at least this many tokens are appended by `set` (a view of each array, then a copy), shorter ones by a loop. */
const APPEND_BY_SET = 16;

/** Appends the token text[from..to) with its hash lanes. */
function pushToken(out: TokenBuffer, text: string, from: number, to: number): void {
  let a = LANE_A_SEED;
  let b = LANE_B_SEED;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    a = stepA(a, c);
    b = stepB(b, c);
  }
  const i = out.next();
  out.a[i] = fmix32(a ^ (to - from));
  out.b[i] = fmix32(b + (to - from));
  out.start[i] = from;
  out.end[i] = to;
}

/** `splitOnSpace`'s tokens, and which of them are not `split()` tokens as they are, for `whitespaceFromSpace`. */
export class SpaceTokens extends TokenBuffer {
  /** Indexes of the tokens that are empty or hold a tab, a newline or another `str.isspace()` character, ascending. */
  irregular = new Int32Array(64);
  irregularCount = 0;

  markIrregular(token: number): void {
    if (this.irregularCount === this.irregular.length) {
      const grown = new Int32Array(this.irregular.length * 2);
      grown.set(this.irregular);
      this.irregular = grown;
    }
    this.irregular[this.irregularCount++] = token;
  }
}

/**
 * Python `text.split(' ')`: every U+0020 separates, so "a  b" gives ["a", "", "b"] and "" gives [""]. One scan hashes
 * each token as it finds its end, and notes the tokens that are not split() tokens as they are (empty, or holding
 * other whitespace): split() drops or splits only those.
 */
export function splitOnSpace(text: string, out: SpaceTokens): void {
  out.length = 0;
  out.irregularCount = 0;
  const n = text.length;
  let from = 0;
  let a = LANE_A_SEED;
  let b = LANE_B_SEED;
  let spaced = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c === 32) {
      const t = out.next();
      out.a[t] = fmix32(a ^ (i - from));
      out.b[t] = fmix32(b + (i - from));
      out.start[t] = from;
      out.end[t] = i;
      if (spaced || i === from) out.markIrregular(t);
      from = i + 1;
      a = LANE_A_SEED;
      b = LANE_B_SEED;
      spaced = false;
      continue;
    }
    // isPythonSpace is false for every code unit in 33..0x84 (the usual ones): one comparison for them.
    if ((c < 32 || c >= 0x85) && isPythonSpace(c)) spaced = true;
    a = stepA(a, c);
    b = stepB(b, c);
  }
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

/** Appends Python `text.slice(from, to).split()`'s tokens (offsets into `text`): tokens between runs of whitespace, none empty. */
function splitRangeOnWhitespace(text: string, from: number, to: number, out: TokenBuffer): void {
  let start = -1;
  for (let i = from; i < to; i++) {
    if (isPythonSpace(text.charCodeAt(i))) {
      if (start >= 0) pushToken(out, text, start, i);
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) pushToken(out, text, start, to);
}

/**
 * Python `text.split()` from `text`'s `splitOnSpace` tokens, without hashing the text again. A token of
 * split(' ') is one of split() when it is not empty and holds no other whitespace: its ends are spaces or the text's
 * ends, and a token's lanes depend on its characters alone. The runs of such tokens between the irregular ones are
 * copied whole; of the others, empty ones are dropped and those holding a newline or a tab split again (records
 * joined from several fields have one such token per join).
 */
export function whitespaceFromSpace(text: string, space: SpaceTokens, out: TokenBuffer): void {
  out.length = 0;
  let from = 0;
  for (let k = 0; k < space.irregularCount; k++) {
    const t = space.irregular[k] ?? 0;
    out.appendFrom(space, from, t);
    const start = space.start[t] ?? 0;
    const end = space.end[t] ?? 0;
    if (start < end) splitRangeOnWhitespace(text, start, end, out);
    from = t + 1;
  }
  out.appendFrom(space, from, space.length);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/**
 * Word tokens of an already lower-cased text (callers lower-case once per record). Returns, from the same scan, the
 * text's exact-duplicate key: `stringKey` (hashing.ts) of the text with each run of whitespace (`str.isspace()`)
 * made one space and the ends trimmed, so texts that differ only in case and spacing share it.
 */
export function words(lower: string, out: TokenBuffer): number {
  out.length = 0;
  const n = lower.length;
  // The exact key's lanes, over every character but whitespace, and a space for each run of it between others.
  let ka = LANE_A_SEED;
  let kb = LANE_B_SEED;
  let pendingSpace = false;
  let started = false;
  let i = 0;
  while (i < n) {
    const first = lower.charCodeAt(i);
    if (WORD_CHAR[first] !== 1) {
      if (isPythonSpace(first)) pendingSpace = started;
      else {
        if (pendingSpace) {
          ka = stepA(ka, 32);
          kb = stepB(kb, 32);
          pendingSpace = false;
        }
        started = true;
        ka = stepA(ka, first);
        kb = stepB(kb, first);
      }
      i++;
      continue;
    }
    if (pendingSpace) {
      ka = stepA(ka, 32);
      kb = stepB(kb, 32);
      pendingSpace = false;
    }
    started = true;
    const from = i;
    let a = LANE_A_SEED;
    let b = LANE_B_SEED;
    while (i < n) {
      const c = lower.charCodeAt(i);
      if (WORD_CHAR[c] === 1 || (isApostrophe(c) && i + 1 < n && WORD_CHAR[lower.charCodeAt(i + 1)] === 1 && i > from)) {
        const folded = c === 0x2019 ? 39 : c;
        a = stepA(a, folded);
        b = stepB(b, folded);
        ka = stepA(ka, c);
        kb = stepB(kb, c);
        i++;
      } else break;
    }
    const t = out.next();
    out.a[t] = fmix32(a ^ (i - from));
    out.b[t] = fmix32(b + (i - from));
    out.start[t] = from;
    out.end[t] = i;
  }
  return key53(fmix32(ka), fmix32(kb));
}

/** Hash lanes of one word as `words` would compute them, for looking words up in hashed tables. */
export function wordHash(word: string): { a: number; b: number } {
  const out = new TokenBuffer();
  words(word.toLowerCase(), out);
  return { a: out.a[0] ?? 0, b: out.b[0] ?? 0 };
}
