/**
 * ExactCounts against a Map: counts and distinct keys whether the occurrences stayed in memory or went to runs
 * (combined per partition, read back several partitions at a time), after merging chunks that crossed a
 * structured clone, from the state an older table wrote (a CountTable's distinct keys with their counts), from
 * the pass over the partitions cut into range jobs (as the pool's workers run them at settle), and for a table that
 * only counts distinct keys, from runs of keys alone, and from a set of held keys in memory and past its size.
 */
import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import { CountTable } from '../../../src/analyzer/metrics/count-table';
import { ExactCounts, summarizePartitions, type ExactCountsState, type ExactCountsSummary } from '../../../src/analyzer/metrics/exact-counts';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { inlineRuns, PARTITIONS, type FileRun } from '../../../src/analyzer/metrics/spill-runs';
import { runFiles } from './helpers';

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

/** What a table's summary must be: its distinct keys and its counts above 1, in key order. */
function summaryOf(counts: Map<number, number>): ExactCountsSummary {
  const repeated = [...counts].sort((x, y) => x[0] - y[0]).flatMap(([, count]) => (count > 1 ? [count] : []));
  return { distinct: counts.size, repeated: Uint32Array.from(repeated) };
}

describe('ExactCounts', () => {
  const keys = occurrences(3, 6000);
  const expected = countsOf(keys);

  for (const memoryKeys of [100, 1 << 20]) {
    it(`counts exactly in key order with ${memoryKeys} occurrences in memory, merged from cloned chunks`, () => {
      const whole = new ExactCounts(memoryKeys);
      for (const key of keys) whole.add(key);
      assert.deepEqual(whole.summary(), summaryOf(expected));
      assert.equal(whole.distinct(), expected.size);
      whole.release();

      const chunks = [0, 1700, 1701, 4000, keys.length].slice(1).map((end, i, ends) => {
        const part = new ExactCounts(memoryKeys);
        for (const key of keys.slice(i === 0 ? 0 : ends[i - 1], end)) part.add(key);
        return ExactCounts.fromState(structuredClone(part.toState()), memoryKeys);
      });
      const [first, ...rest] = chunks as [ExactCounts, ...ExactCounts[]];
      for (const chunk of rest) first.merge(chunk);
      assert.deepEqual(first.summary(), summaryOf(expected));
      first.release();
    });
  }

  for (const ranges of [1, 3, 8]) {
    it(`gives the same summary from the pass cut into ${ranges} range jobs, each run on its own`, () => {
      const table = new ExactCounts(100);
      for (const key of keys) table.add(key);
      const jobs = table.finishJobs(ranges);
      assert.equal(jobs.length, ranges);
      table.adopt(jobs.map((job) => summarizePartitions(structuredClone(job))));
      assert.deepEqual(table.summary(), summaryOf(expected));
      table.add(keys[0] ?? 0);
      assert.deepEqual(table.summary(), summaryOf(countsOf([...keys, keys[0] ?? 0])), 'a key added after the jobs counts');
      table.release();
    });
  }

  it('has no jobs when nothing was spilled: the pass is over memory', () => {
    const table = new ExactCounts(1 << 20);
    for (const key of keys) table.add(key);
    assert.deepEqual(table.finishJobs(8), []);
    assert.deepEqual(table.summary(), summaryOf(expected));
  });

  it('counts exactly when its runs stop being combined (nearly all distinct) and when they stay combined (repeated)', () => {
    const random = mulberry32(9);
    // 400 draws from 5 keys (runs that combine well), then 3,000 new keys (runs written as they come), then both.
    const few = Array.from({ length: 5 }, () => Math.floor(random() * 2 ** 53));
    const distinct = Array.from({ length: 3000 }, () => Math.floor(random() * 2 ** 53));
    for (const order of [[...Array.from({ length: 400 }, (_, i) => few[i % 5] ?? 0), ...distinct, ...few], [...distinct, ...few, ...few]]) {
      const table = new ExactCounts(100);
      table.addAll(Float64Array.from(order), order.length);
      assert.deepEqual(table.summary(), summaryOf(countsOf(order)));
      assert.equal(table.distinct(), countsOf(order).size);
      table.release();
    }
  });

  it('counts distinct keys without counting occurrences', () => {
    const set = new ExactCounts(100, false);
    for (const key of keys) set.add(key);
    assert.equal(set.distinct(), expected.size);
    set.adopt(set.finishJobs(4).map(summarizePartitions));
    assert.deepEqual(set.summary(), { distinct: expected.size, repeated: new Uint32Array(0) });
    set.release();
  });

  it('writes a table that does not count as runs of keys alone, read back alike from files and from inlined states', () => {
    const set = new ExactCounts(100, false);
    for (const key of keys) set.add(key);
    const state = set.toState();
    const fileRuns = state.runs.filter((run): run is FileRun => 'spillFile' in run);
    assert.ok(fileRuns.length > 10);
    for (const run of fileRuns) assert.equal(run.value, 0);
    // The table's runs follow one another in one file, eight bytes a key and no value.
    assert.deepEqual(new Set(fileRuns.map((run) => run.spillFile)).size, 1);
    const keysIn = fileRuns.map((run) => run.offsets[PARTITIONS] ?? 0);
    assert.deepEqual(
      fileRuns.map((run) => run.start),
      keysIn.map((_, i) => 8 * keysIn.slice(0, i).reduce((a, k) => a + k, 0)),
    );
    assert.equal(statSync(fileRuns[0]?.spillFile ?? '').size, 8 * keysIn.reduce((a, k) => a + k, 0));
    // A shard's partial profile carries the runs inline (their values 0s); the merging machine writes them out again.
    const moved = ExactCounts.fromState(structuredClone(inlineRuns(state)), 100);
    assert.equal(moved.distinct(), expected.size);
    const other = new ExactCounts(100, false);
    for (const key of keys.slice(0, 700)) other.add(key);
    moved.merge(other);
    moved.adopt(moved.finishJobs(3).map(summarizePartitions));
    assert.deepEqual(moved.summary(), { distinct: expected.size, repeated: new Uint32Array(0) });
    moved.release();
    set.release();
  });

  it('writes the runs of occurrences as they came as keys alone, their counts all 1, read back alike from files and inlined states', () => {
    const random = mulberry32(5);
    const distinct = Array.from({ length: 3000 }, () => Math.floor(random() * 2 ** 53));
    const order = [...distinct, ...distinct.slice(0, 500)];
    const table = new ExactCounts(100);
    table.addAll(Float64Array.from(order), order.length);
    const fileRuns = table.toState().runs.filter((run): run is FileRun => 'spillFile' in run);
    // The first run is combined (and keeps its counts); the later ones are written as they come.
    assert.equal(fileRuns[0]?.value, undefined);
    assert.ok(fileRuns.slice(1).length > 10 && fileRuns.slice(1).every((run) => run.value === 1));
    const bytes = fileRuns.reduce((sum, run) => sum + (run.offsets[PARTITIONS] ?? 0) * (run.value === undefined ? 12 : 8), 0);
    assert.equal(statSync(fileRuns[0]?.spillFile ?? '').size, bytes, 'eight bytes a key where every count is 1');
    assert.deepEqual(table.summary(), summaryOf(countsOf(order)));
    const moved = ExactCounts.fromState(structuredClone(inlineRuns(table.toState())), 100);
    moved.adopt(moved.finishJobs(4).map(summarizePartitions));
    assert.deepEqual(moved.summary(), summaryOf(countsOf(order)));
    moved.release();
    table.release();
  });

  it('writes runs longer than one write whole (spill-runs.ts writes 64 KiB at a time), counted and not', () => {
    const many = occurrences(11, 5 * 2 ** 14);
    for (const counted of [true, false]) {
      const table = new ExactCounts(2 ** 14, counted);
      table.addAll(Float64Array.from(many), many.length);
      const fileRuns = table.toState().runs.filter((run): run is FileRun => 'spillFile' in run);
      assert.ok(fileRuns.length >= 4);
      const bytes = fileRuns.reduce((sum, run) => sum + (run.offsets[PARTITIONS] ?? 0) * (run.value === undefined ? 12 : 8), 0);
      assert.ok(bytes / fileRuns.length > 64 * 1024);
      assert.equal(statSync(fileRuns[0]?.spillFile ?? '').size, bytes);
      const counts = countsOf(many);
      assert.deepEqual(table.summary(), counted ? summaryOf(counts) : { distinct: counts.size });
      table.release();
    }
  });

  for (const heldKeys of [1 << 20, 40]) {
    it(`counts distinct keys held in a set of at most ${heldKeys} first, as without it, merged from cloned chunks and from range jobs`, () => {
      // The keys repeat: 6,000 occurrences of ~4,800 keys, every one in every partition's range.
      const before = new Set(runFiles());
      const whole = new ExactCounts(100, false, heldKeys);
      for (const key of keys) whole.add(key);
      const state = whole.toState();
      if (heldKeys > expected.size) {
        assert.deepEqual(state.runs, [], 'no run while the set holds every key');
        assert.equal(state.held?.length, expected.size);
        assert.deepEqual(whole.finishJobs(8), []);
        assert.deepEqual(runFiles().filter((f) => !before.has(f)), [], 'no file written');
      } else assert.ok(state.runs.length > 10, 'past the set, the keys are spilled');
      assert.equal(whole.distinct(), expected.size);
      whole.release();

      const chunks = [0, 1700, 1701, 4000, keys.length].slice(1).map((end, i, ends) => {
        const part = new ExactCounts(100, false, heldKeys);
        for (const key of keys.slice(i === 0 ? 0 : ends[i - 1], end)) part.add(key);
        return ExactCounts.fromState(structuredClone(inlineRuns(part.toState())), 100, heldKeys);
      });
      const [first, ...rest] = chunks as [ExactCounts, ...ExactCounts[]];
      for (const chunk of rest) first.merge(chunk);
      const jobs = first.finishJobs(3);
      if (jobs.length > 0) first.adopt(jobs.map((job) => summarizePartitions(structuredClone(job))));
      assert.equal(first.distinct(), expected.size);
      first.release();
    });
  }

  it('reads the state of an older table: distinct keys with their counts', () => {
    const older = new CountTable({ budget: 2 ** 31 });
    for (const key of keys) older.add(key);
    const state: ExactCountsState = { table: older.toState(), runs: [] };
    const table = ExactCounts.fromState(state, 100);
    for (const key of keys.slice(0, 500)) table.add(key);
    assert.deepEqual(table.summary(), summaryOf(countsOf([...keys, ...keys.slice(0, 500)])));
    table.release();
  });
});
