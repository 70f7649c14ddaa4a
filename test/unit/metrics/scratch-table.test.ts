/**
 * ScratchTable against a Map: many fills of random sizes, keys repeated within a fill and across fills, keys that
 * share their low 32 bits (the same first slot), a fill after a larger one (stale slots must read as empty).
 */
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { ScratchTable } from '../../../src/analyzer/metrics/scratch-table';

describe('ScratchTable', () => {
  it('sums values per key and lists keys in first-added order, fill after fill', () => {
    const random = mulberry32(5);
    const table = new ScratchTable();
    const pool = Array.from({ length: 3000 }, (_, i) =>
      // A third of the keys share their low 32 bits with another key: they probe from the same slot.
      i % 3 === 0 ? Math.floor(random() * 2 ** 21) * 2 ** 32 + 12345 : Math.floor(random() * 2 ** 53),
    );
    for (const distinct of [0, 1, 5, 300, 2000, 3, 700, 1, 2500]) {
      const keys = pool.slice(0, distinct).sort(() => random() - 0.5);
      table.reset(distinct);
      const expected = new Map<number, number>();
      for (let i = 0; i < distinct * 3; i++) {
        const key = keys[Math.floor(random() * distinct)] ?? 0;
        const value = Math.floor(random() * 10);
        assert.equal(table.add(key, value), !expected.has(key));
        expected.set(key, (expected.get(key) ?? 0) + value);
      }
      const got = new Map<number, number>();
      for (let i = 0; i < table.size; i++) got.set(table.keyAt(i), table.sumAt(i));
      assert.deepEqual([...got.keys()], [...expected.keys()], `first-added order, ${distinct} keys`);
      assert.deepEqual(got, expected);
    }
  });
});
