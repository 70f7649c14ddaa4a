/**
 * The provenance score's per-record phrase signal: a hashed naive-Bayes table of word unigrams and
 * bigrams (character bigrams for scripts written without spaces), each bucket holding log(share among
 * machine-written records / share among human-written ones) as learnt by scripts/train-provenance.ts.
 * A record's `phraseLogRatio` is the mean over its tokens, so it does not grow with length. The table is
 * shipped in model.json as 8-bit values (base64), 64 KiB.
 */
import { stringKey } from '../metrics/hashing';
import { splitWords } from './features';

export const PHRASE_BUCKETS = 1 << 16;
/** One step of the 8-bit encoding, in nats. */
export const PHRASE_SCALE = 0.05;

const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

function bucket(s: string): number {
  return stringKey(s) % PHRASE_BUCKETS;
}

/** Bucket ids of a text's unigrams and bigrams. */
export function phraseBuckets(text: string): number[] {
  const tokens: string[] = [];
  for (const w of splitWords(text.toLowerCase()).words) {
    if (UNSPACED_RE.test(w) && w.length > 1) for (let i = 0; i + 1 < w.length; i++) tokens.push(w.slice(i, i + 2));
    else tokens.push(w);
  }
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(bucket(tokens[i] as string));
    if (i > 0) out.push(bucket(`${tokens[i - 1]} ${tokens[i]}`));
  }
  return out;
}

export function phraseScore(table: Float32Array, buckets: readonly number[]): number {
  if (buckets.length === 0) return 0;
  let sum = 0;
  for (const b of buckets) sum += table[b] ?? 0;
  return sum / buckets.length;
}

export function encodePhrases(table: Float32Array): string {
  const bytes = new Int8Array(table.length);
  for (let i = 0; i < table.length; i++) bytes[i] = Math.max(-127, Math.min(127, Math.round((table[i] ?? 0) / PHRASE_SCALE)));
  return Buffer.from(bytes.buffer).toString('base64');
}

export function decodePhrases(data: string): Float32Array {
  const bytes = new Int8Array(Buffer.from(data, 'base64'));
  const table = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) table[i] = (bytes[i] ?? 0) * PHRASE_SCALE;
  return table;
}
