/**
 * Number-only hashing for the metrics' hot paths: tokens are hashed from char codes while scanning, n-grams
 * are combined from token hashes, so no substring or n-gram string is allocated per token.
 *
 * Keys are 53-bit integers held in a JS number (two independent 32-bit lanes, 32 + 21 bits), so they fit
 * a Float64Array exactly. Two distinct n-grams share a key with probability 2^-53: at 10^7 distinct keys
 * the chance that any count is off by one is about 0.5%, far below every figure's rounding.
 */

const TWO_POW_21 = 2097152;

/** murmur3's 32-bit finaliser: full avalanche, so low bits can be used for sampling and LSH bands. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lane seeds for FNV-1a-style token hashing (lane A) and a multiply-rotate hash (lane B). */
export const LANE_A_SEED = 0x811c9dc5;
export const LANE_B_SEED = 0x9747b28c;

/** One step of lane A (FNV-1a over UTF-16 code units). */
export function stepA(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

/** One step of lane B (multiply-rotate, independent of lane A). */
export function stepB(h: number, code: number): number {
  h = Math.imul(h ^ code, 0x5bd1e995);
  return (h << 13) | (h >>> 19);
}

/** Joins the two lanes into one 53-bit key. */
export function key53(a: number, b: number): number {
  return (a >>> 0) * TWO_POW_21 + ((b >>> 0) >>> 11);
}

/** Lane A of a key (its high 32 bits). */
export function keyHigh(key: number): number {
  return Math.floor(key / TWO_POW_21) >>> 0;
}

const NGRAM_MUL_A = 0x01000193;
const NGRAM_MUL_B = 0x9e3779b1;
const NGRAM_SEED_A = 0x27d4eb2d;
const NGRAM_SEED_B = 0x165667b1;

/**
 * Key of the n-gram of token hashes `a[start..start+n)` / `b[start..start+n)`: an order-sensitive
 * polynomial over the token hashes, finalised per lane. `n` is mixed in so a unigram never equals a bigram.
 */
export function ngramKey(a: Uint32Array, b: Uint32Array, start: number, n: number): number {
  let ha = Math.imul(n, NGRAM_SEED_A);
  let hb = Math.imul(n, NGRAM_SEED_B);
  for (let i = start; i < start + n; i++) {
    ha = (Math.imul(ha, NGRAM_MUL_A) + (a[i] ?? 0)) | 0;
    hb = (Math.imul(hb, NGRAM_MUL_B) + (b[i] ?? 0)) | 0;
  }
  return key53(fmix32(ha), fmix32(hb ^ 0x5bd1e995));
}

/**
 * `ngramKey` of the n-grams starting at 0..count-1 into `out[0..count)`: one call for a record's n-grams, so no key
 * crosses a call boundary (a 53-bit number returned by a function that is not inlined is a heap number). The
 * polynomial rolls from one n-gram to the next (the token leaving times M^(n-1) taken off, times M, the token entering
 * added): two multiplies a lane for any n instead of n. Arithmetic modulo 2^32 is a ring, so the keys are ngramKey's
 * bit for bit.
 */
export function ngramKeysInto(a: Uint32Array, b: Uint32Array, n: number, count: number, out: Float64Array): void {
  if (count <= 0) return;
  // M^(n-1) of each lane, and the seed's term n·seed·M^n.
  let topA = 1;
  let topB = 1;
  for (let j = 1; j < n; j++) {
    topA = Math.imul(topA, NGRAM_MUL_A);
    topB = Math.imul(topB, NGRAM_MUL_B);
  }
  const seedA = Math.imul(Math.imul(Math.imul(n, NGRAM_SEED_A), topA), NGRAM_MUL_A);
  const seedB = Math.imul(Math.imul(Math.imul(n, NGRAM_SEED_B), topB), NGRAM_MUL_B);
  let sumA = 0;
  let sumB = 0;
  for (let j = 0; j < n; j++) {
    sumA = (Math.imul(sumA, NGRAM_MUL_A) + (a[j] ?? 0)) | 0;
    sumB = (Math.imul(sumB, NGRAM_MUL_B) + (b[j] ?? 0)) | 0;
  }
  out[0] = key53(fmix32((seedA + sumA) | 0), fmix32(((seedB + sumB) | 0) ^ 0x5bd1e995));
  for (let i = 1; i < count; i++) {
    sumA = (Math.imul((sumA - Math.imul(a[i - 1] ?? 0, topA)) | 0, NGRAM_MUL_A) + (a[i + n - 1] ?? 0)) | 0;
    sumB = (Math.imul((sumB - Math.imul(b[i - 1] ?? 0, topB)) | 0, NGRAM_MUL_B) + (b[i + n - 1] ?? 0)) | 0;
    out[i] = key53(fmix32((seedA + sumA) | 0), fmix32(((seedB + sumB) | 0) ^ 0x5bd1e995));
  }
}

/**
 * `ngramKey` of the n-grams ending at `end`, for n = 1..maxN (only those starting at 0 or later), into `out`;
 * returns how many. The polynomial is built backwards one token at a time (seed·M^n + sum of t[end-j]·M^j), so
 * the n keys cost n multiply-adds per lane instead of n(n+1)/2; the keys are ngramKey's, bit for bit.
 */
export function ngramKeysEndingAt(a: Uint32Array, b: Uint32Array, end: number, maxN: number, out: Float64Array): number {
  let sumA = 0;
  let sumB = 0;
  let powA = 1;
  let powB = 1;
  let n = 0;
  while (n < maxN && end - n >= 0) {
    sumA = (sumA + Math.imul(a[end - n] ?? 0, powA)) | 0;
    sumB = (sumB + Math.imul(b[end - n] ?? 0, powB)) | 0;
    powA = Math.imul(powA, NGRAM_MUL_A);
    powB = Math.imul(powB, NGRAM_MUL_B);
    n++;
    const ha = (Math.imul(Math.imul(n, NGRAM_SEED_A), powA) + sumA) | 0;
    const hb = (Math.imul(Math.imul(n, NGRAM_SEED_B), powB) + sumB) | 0;
    out[n - 1] = key53(fmix32(ha), fmix32(hb ^ 0x5bd1e995));
  }
  return n;
}

/** The lanes of the string key being built (stringKey, joinedKey): module state, so hashing a part returns nothing to box. */
let laneA = LANE_A_SEED;
let laneB = LANE_B_SEED;

function hashChars(text: string, end: number): void {
  let a = laneA;
  let b = laneB;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    a = stepA(a, c);
    b = stepB(b, c);
  }
  laneA = a;
  laneB = b;
}

/** Hash of a whole string into a 53-bit key (for labels, phrases, normalised documents). */
export function stringKey(text: string): number {
  laneA = LANE_A_SEED;
  laneB = LANE_B_SEED;
  hashChars(text, text.length);
  return key53(fmix32(laneA), fmix32(laneB));
}

/**
 * `stringKey(head + "\u0000" + text.slice(0, end))`, bit for bit, without building that string: a key per record
 * then allocates nothing.
 */
export function joinedKey(head: string, text: string, end: number): number {
  laneA = LANE_A_SEED;
  laneB = LANE_B_SEED;
  hashChars(head, head.length);
  laneA = stepA(laneA, 0);
  laneB = stepB(laneB, 0);
  hashChars(text, end);
  return key53(fmix32(laneA), fmix32(laneB));
}

/** mulberry32: a small seeded PRNG, so hash parameters and test fixtures are the same on every run. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
