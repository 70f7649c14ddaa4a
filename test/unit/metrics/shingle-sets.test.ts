/**
 * A document's shingle set as the join reads it (sorted, de-duplicated 32-bit hashes) against the engine's sort of
 * the hashes made one by one here: at every size the store sorts by buckets, at the bucket sort's bounds, past them
 * (the engine's sort), with repeated shingles, and with hashes on both sides of 2^31 (the sort flips their top bit).
 */
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { SHINGLE_WORDS, shingleHash } from '../../../src/analyzer/metrics/minhash-signature';
import { ShingleSetStore } from '../../../src/analyzer/metrics/shingle-sets';

interface Words {
  a: Uint32Array;
  b: Uint32Array;
  length: number;
}

/** `length` words drawn from `distinct` random ones: few distinct words repeat shingles. */
function wordsOf(random: () => number, length: number, distinct: number): Words {
  const lanes = Array.from({ length: Math.min(distinct, length) }, () => [Math.floor(random() * 2 ** 32), Math.floor(random() * 2 ** 32)] as const);
  const a = new Uint32Array(length);
  const b = new Uint32Array(length);
  for (let i = 0; i < length; i++) {
    const [la, lb] = lanes[distinct >= length ? i : Math.floor(random() * distinct)] ?? [0, 0];
    a[i] = la;
    b[i] = lb;
  }
  return { a, b, length };
}

function expectedSet(words: Words): number[] {
  const hashes: number[] = [];
  for (let s = 0; s + SHINGLE_WORDS <= words.length; s++) hashes.push(shingleHash(words.a, words.b, s));
  return [...new Set(hashes)].sort((x, y) => x - y);
}

function storedSets(store: ShingleSetStore): number[][] {
  const { docs, blockOf, starts, ends, blocks } = store.sets();
  return Array.from({ length: docs }, (_, d) => Array.from((blocks[blockOf[d] ?? 0] ?? new Uint32Array(0)).subarray(starts[d] ?? 0, ends[d] ?? 0)));
}

describe('ShingleSetStore', () => {
  it('keeps each document’s sorted, de-duplicated shingle hashes, at every size', () => {
    const random = mulberry32(5);
    const lengths = [0, 1, 4, 5, 6, 7, 8, 9, 12, 13, 20, 36, 37, 69, 70, 133, 134, 260, 1000, 4099, 4100, 4101, 5000, 70_000];
    const docs: Words[] = [];
    for (const length of lengths) {
      docs.push(wordsOf(random, length, length));
      docs.push(wordsOf(random, length, 3));
    }
    const store = new ShingleSetStore();
    for (const words of docs) store.add(words);
    const sets = storedSets(store);
    docs.forEach((words, d) => assert.deepEqual(sets[d], expectedSet(words), `document ${d} of ${words.length} words`));
    // Both halves of the hash range were sorted across the flipped top bit.
    const all = sets.flat();
    assert.ok(all.some((h) => h < 2 ** 31) && all.some((h) => h >= 2 ** 31));
  });
});
