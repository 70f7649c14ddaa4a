/**
 * The join's search (similarity-join.ts) against every pair scored here by its true Jaccard similarity: distinct sets
 * drawn from a small pool of shingles, many of them edited copies of others, so that pairs fall on both sides of each
 * threshold. The search probes each set's prefix against a shorter indexed prefix of the smaller sets (PPJoin's
 * mid-prefix); it must still meet every pair at or above the threshold, and score it exactly.
 */
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { runNow } from '../../../src/analyzer/metrics/pacer';
import { planning, probeRanks } from '../../../src/analyzer/metrics/similarity-join';
import type { ShingleSets } from '../../../src/analyzer/metrics/shingle-sets';

/** `count` distinct, non-empty sorted sets of up to 40 shingles from a pool of 80, half of them edits of earlier ones. */
function randomSets(seed: number, count: number): number[][] {
  const random = mulberry32(seed);
  const pool = Array.from({ length: 80 }, () => Math.floor(random() * 2 ** 32));
  const pick = (): number => pool[Math.floor(random() * pool.length)] ?? 0;
  const seen = new Set<string>();
  const sets: number[][] = [];
  while (sets.length < count) {
    const base = sets.length > 0 && random() < 0.5 ? sets[Math.floor(random() * sets.length)] : undefined;
    const set = new Set(base ?? Array.from({ length: 1 + Math.floor(random() * 40) }, pick));
    for (let e = Math.floor(random() * 4); e > 0; e--) {
      if (random() < 0.5) set.add(pick());
      else set.delete([...set][Math.floor(random() * set.size)] ?? 0);
    }
    const sorted = [...set].sort((x, y) => x - y);
    const key = sorted.join(',');
    if (sorted.length === 0 || seen.has(key)) continue;
    seen.add(key);
    sets.push(sorted);
  }
  return sets;
}

function shingleSets(sets: readonly number[][]): ShingleSets {
  const ends = new Uint32Array(sets.length);
  let at = 0;
  sets.forEach((s, d) => (ends[d] = at += s.length));
  return { docs: sets.length, blockOf: new Uint32Array(sets.length), starts: Uint32Array.from(sets, (_, d) => (d === 0 ? 0 : (ends[d - 1] ?? 0))), ends, blocks: [Uint32Array.from(sets.flat())] };
}

function jaccard(x: readonly number[], y: readonly number[]): number {
  const ys = new Set(y);
  const o = x.filter((s) => ys.has(s)).length;
  return o / (x.length + y.length - o);
}

describe('the exact join\'s search (similarity-join.ts)', () => {
  for (const threshold of [0.3, 0.5, 0.72, 0.85, 0.95]) {
    it(`meets every pair at or above Jaccard ${threshold}, with its exact Jaccard, and no other`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const sets = randomSets(seed * 100 + threshold * 100, 400);
        const expected = new Map<string, number>();
        sets.forEach((x, a) => sets.forEach((y, b) => a < b && jaccard(x, y) >= threshold && expected.set(`${a} ${b}`, jaccard(x, y))));
        const found = new Map<string, number>();
        const record = (y: number, x: number, j: number): void => void found.set(`${Math.min(x, y)} ${Math.max(x, y)}`, j);
        const all = shingleSets(sets);
        const plan = runNow(planning(all, threshold, () => false, record));
        assert.ok(plan);
        probeRanks(all, plan, threshold, 0, plan.byRank.length, () => false, record);
        assert.ok(expected.size > 20, `the sets should hold pairs at ${threshold} (seed ${seed}: ${expected.size})`);
        assert.equal(found.size, expected.size, `seed ${seed}`);
        for (const [pair, j] of expected) assert.ok(Math.abs((found.get(pair) ?? -1) - j) < 1e-12, `seed ${seed}, pair ${pair}: ${found.get(pair)} against ${j}`);
      }
    });
  }
});
