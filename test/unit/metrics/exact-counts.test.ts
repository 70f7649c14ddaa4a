/**
 * ExactCounts against a Map: counts and distinct keys whether the occurrences stayed in memory or went to runs
 * (combined per partition, read back several partitions at a time), after merging chunks that crossed a
 * structured clone, and from the state an older table wrote (a CountTable's distinct keys with their counts).
 */
import { strict as assert } from 'node:assert';
import { CountTable } from '../../../src/analyzer/metrics/count-table';
import { ExactCounts, type ExactCountsState } from '../../../src/analyzer/metrics/exact-counts';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';

/** Keys over the whole 53-bit range (every partition), a fifth of them frequent. */
function occurrences(seed: number, count: number): number[] {
  const random = mulberry32(seed);
  const frequent = Array.from({ length: 50 }, () => Math.floor(random() * 2 ** 53));
  return Array.from({ length: count }, () => (random() < 0.2 ? (frequent[Math.floor(random() * 50)] ?? 0) : Math.floor(random() * 2 ** 53)));
}

function countsOf(keys: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function visited(table: ExactCounts): [number, number][] {
  const out: [number, number][] = [];
  table.forEach((key, count) => out.push([key, count]));
  return out;
}

const sorted = (counts: Map<number, number>): [number, number][] => [...counts].sort((x, y) => x[0] - y[0]);

describe('ExactCounts', () => {
  const keys = occurrences(3, 6000);
  const expected = countsOf(keys);

  for (const memoryKeys of [100, 1 << 20]) {
    it(`counts exactly in key order with ${memoryKeys} occurrences in memory, merged from cloned chunks`, () => {
      const whole = new ExactCounts(memoryKeys);
      for (const key of keys) whole.add(key);
      assert.deepEqual(visited(whole), sorted(expected));
      assert.equal(whole.distinct(), expected.size);
      whole.release();

      const chunks = [0, 1700, 1701, 4000, keys.length].slice(1).map((end, i, ends) => {
        const part = new ExactCounts(memoryKeys);
        for (const key of keys.slice(i === 0 ? 0 : ends[i - 1], end)) part.add(key);
        return ExactCounts.fromState(structuredClone(part.toState()), memoryKeys);
      });
      const [first, ...rest] = chunks as [ExactCounts, ...ExactCounts[]];
      for (const chunk of rest) first.merge(chunk);
      assert.deepEqual(visited(first), sorted(expected));
      first.release();
    });
  }

  it('counts distinct keys without counting occurrences', () => {
    const set = new ExactCounts(100, false);
    for (const key of keys) set.add(key);
    assert.equal(set.distinct(), expected.size);
    set.release();
  });

  it('reads the state of an older table: distinct keys with their counts', () => {
    const older = new CountTable({ budget: 2 ** 31 });
    for (const key of keys) older.add(key);
    const state: ExactCountsState = { table: older.toState(), runs: [] };
    const table = ExactCounts.fromState(state, 100);
    for (const key of keys.slice(0, 500)) table.add(key);
    assert.deepEqual(visited(table), sorted(countsOf([...keys, ...keys.slice(0, 500)])));
    table.release();
  });
});
