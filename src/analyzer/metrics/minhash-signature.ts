/**
 * MinHash signatures of documents' word-shingle sets, with datatrove's defaults (huggingface/datatrove,
 * src/datatrove/pipeline/dedup/minhash.py, `MinhashConfig`): shingles are word 5-grams of lower-cased,
 * punctuation-free text, 14 bands × 8 rows = 112 hashes of 32 bits. The 112 hash functions are
 * x -> xorshift16(a_j * x + b_j) mod 2^32 (a_j odd, from a seeded PRNG): cheap bijections on 32-bit shingle
 * hashes, where datatrove uses (a_j x + b_j) mod (2^61 - 1).
 *
 * Only the low 8 bits of each minimum are kept (b-bit minwise hashing, Li & König, "b-Bit Minwise Hashing", WWW
 * 2010): 112 bytes a document. Two 8-bit values match with probability J + (1 - J) / 256, so with m matches of
 * 112 the unbiased estimate is (m / 112 - 1/256) / (1 - 1/256); at J = 0.72 its standard error grows by under 1%
 * over full minima, for a quarter of their memory. A band's key is a hash of its 8 bytes: two documents share it
 * with probability (J + (1 - J) / 256)^8, J^8 within 0.2% for J ≥ 0.5, and unrelated documents with 2^-64.
 * Keys from the bytes (not the full minima) mean a stored signature is all a document needs for its bands.
 */
import { fmix32, key53, mulberry32 } from './hashing';

export const MINHASH_BANDS = 14;
export const MINHASH_ROWS = 8;
export const MINHASH_HASHES = MINHASH_BANDS * MINHASH_ROWS;
export const SHINGLE_WORDS = 5;
const NO_MINIMUM = 0xffffffff;
/** Probability that the low 8 bits of two different minima agree. */
const BBIT_COLLISION = 1 / 256;

const PARAMS = (() => {
  const random = mulberry32(1);
  const a = new Int32Array(MINHASH_HASHES);
  const b = new Int32Array(MINHASH_HASHES);
  for (let j = 0; j < MINHASH_HASHES; j++) {
    a[j] = (Math.floor(random() * 4294967296) | 1) | 0;
    b[j] = Math.floor(random() * 4294967296) | 0;
  }
  return { a, b };
})();

/** 32-bit hash of the shingle of SHINGLE_WORDS words starting at word `s`. */
export function shingleHash(a: Uint32Array, b: Uint32Array, s: number): number {
  let h = 0x27d4eb2d;
  for (let k = s; k < s + SHINGLE_WORDS; k++) h = Math.imul(h ^ (a[k] ?? 0), 0x01000193) ^ (b[k] ?? 0);
  return fmix32(h);
}

/**
 * The b-bit signature of one word sequence into `out` at `at` (112 bytes); false, and `out` untouched, when
 * it has no shingle (under 5 words: no signature, as in datatrove).
 */
export function bbitSignature(a: Uint32Array, b: Uint32Array, length: number, minima: Uint32Array, out: Uint8Array, at: number): boolean {
  const count = length - SHINGLE_WORDS + 1;
  if (count <= 0) return false;
  minima.fill(NO_MINIMUM);
  const pa = PARAMS.a;
  const pb = PARAMS.b;
  for (let s = 0; s < count; s++) {
    const x = shingleHash(a, b, s) | 0;
    for (let j = 0; j < MINHASH_HASHES; j++) {
      let v = (Math.imul(x, pa[j] ?? 1) + (pb[j] ?? 0)) | 0;
      v ^= v >>> 16;
      if (v >>> 0 < (minima[j] ?? 0)) minima[j] = v >>> 0;
    }
  }
  for (let j = 0; j < MINHASH_HASHES; j++) out[at + j] = (minima[j] ?? 0) & 0xff;
  return true;
}

/** The 53-bit key of band `band` of the signature at `at` of `bytes`. */
export function bandKey(bytes: Uint8Array, at: number, band: number): number {
  let ha = Math.imul(band + 1, 0x9e3779b1);
  let hb = band;
  const start = at + band * MINHASH_ROWS;
  for (let r = start; r < start + MINHASH_ROWS; r++) {
    const v = bytes[r] ?? 0;
    ha = Math.imul(ha ^ v, 0x01000193);
    hb = Math.imul(hb + v, 0x5bd1e995) ^ (hb >>> 15);
  }
  return key53(fmix32(ha), fmix32(hb));
}

/** Unbiased b-bit estimate of the Jaccard similarity of two signatures; below 0 when fewer bytes match than chance. */
export function bbitJaccard(x: Uint8Array, xAt: number, y: Uint8Array, yAt: number): number {
  let same = 0;
  for (let j = 0; j < MINHASH_HASHES; j++) if (x[xAt + j] === y[yAt + j]) same++;
  return (same / MINHASH_HASHES - BBIT_COLLISION) / (1 - BBIT_COLLISION);
}
