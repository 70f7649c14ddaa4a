/**
 * Exact counts of 53-bit keys (hashing.ts) in bounded memory, for the n-gram tables within the exact limit
 * (ngramDiversity's unique n-grams, distinct2 and entropy2's bigrams). Occurrences are appended to a buffer of at
 * most `memoryKeys`; a full buffer is written as a run to a temporary file (spill-runs.ts), bucketed by partition
 * with equal keys combined. At the end each partition of the key space is gathered from every run (and the
 * buffer), summed and visited in key order.
 *
 * Why a buffer and not a hash table of the distinct keys: n-grams of n ≥ 2 are mostly distinct, so a table of them
 * combined little and cost a probe into megabytes of slots for every occurrence, a cache miss each (the largest
 * single cost of a profile). Appending is sequential, and combining one partition (1/256 of a run) at a time
 * probes a table that stays in the fastest cache.
 *
 * Merging appends the other table's runs and occurrences: counts are sums, so any chunking gives the same
 * (key, count) set, and visiting in key order makes sums over it (entropy) the same to the last bit.
 */
import type { CountTableState } from './count-table';
import { ScratchTable } from './scratch-table';
import { deleteRun, inlineRunOf, PARTITIONS, RunReader, toFileRun, watchSpillFolder, writeRun, type RunPart, type SpillRun } from './spill-runs';

/** The CountTableState fields of a table that was never sampled. */
const UNSAMPLED = { level: 0, budget: 2 ** 31, sketch: false } as const;

export interface ExactCountsState {
  /**
   * The occurrences in memory (a key may repeat) with their counts, or only the keys when the table does not
   * count (`counted` false). Shaped as a never-sampled CountTableState, as this state was before.
   */
  table: CountTableState | { keys: Float64Array };
  runs: SpillRun[];
}

/** A partition's keys summed, in one table reused for every partition. */
const partition = new ScratchTable();

export class ExactCounts {
  private keys: Float64Array;
  /** Counted tables: each buffered occurrence's count (1 when added, more when it comes from a merged state). */
  private counts: Uint32Array | undefined;
  private length = 0;
  private runs: SpillRun[] = [];

  /** `counted` false: only `distinct` is asked for, so no count is kept (runs then hold zeros). */
  constructor(
    private readonly memoryKeys: number,
    counted = true,
  ) {
    watchSpillFolder();
    const capacity = Math.max(1, Math.min(memoryKeys, 1024));
    this.keys = new Float64Array(capacity);
    this.counts = counted ? new Uint32Array(capacity) : undefined;
  }

  add(key: number, count = 1): void {
    if (this.length === this.keys.length) this.makeRoom();
    this.keys[this.length] = key;
    if (this.counts) this.counts[this.length] = count;
    this.length++;
  }

  /** Grows the buffer up to `memoryKeys`, then writes it out as a run. */
  private makeRoom(): void {
    if (this.keys.length >= this.memoryKeys) {
      this.runs.push(writeRun(this.keys, this.counts, this.length, true));
      this.length = 0;
      return;
    }
    const size = Math.min(this.memoryKeys, this.keys.length * 2);
    const keys = new Float64Array(size);
    keys.set(this.keys.subarray(0, this.length));
    this.keys = keys;
    if (this.counts) {
      const counts = new Uint32Array(size);
      counts.set(this.counts.subarray(0, this.length));
      this.counts = counts;
    }
  }

  /** Adds `other`'s counts; `other` is spent (its runs now belong to this table). */
  merge(other: ExactCounts): void {
    this.runs.push(...other.runs);
    other.runs = [];
    let done = 0;
    while (done < other.length) {
      if (this.length === this.keys.length) this.makeRoom();
      const n = Math.min(other.length - done, this.keys.length - this.length);
      this.keys.set(other.keys.subarray(done, done + n), this.length);
      if (this.counts && other.counts) this.counts.set(other.counts.subarray(done, done + n), this.length);
      this.length += n;
      done += n;
    }
  }

  /** Visits every key with its total count, in increasing key order (counted tables). */
  forEach(visit: (key: number, count: number) => void): void {
    let sorted = new Float64Array(0);
    this.eachPartition((parts) => {
      const distinct = combine(parts);
      if (sorted.length < distinct) sorted = new Float64Array(distinct * 2);
      for (let i = 0; i < distinct; i++) sorted[i] = partition.keyAt(i);
      const keys = sorted.subarray(0, distinct).sort();
      for (const key of keys) visit(key, partition.sumOf(key));
    });
  }

  /** Distinct keys. */
  distinct(): number {
    let distinct = 0;
    this.eachPartition((parts) => (distinct += combine(parts)));
    return distinct;
  }

  /** Hands each partition of every run, and of the occurrences still in memory, to `use`. */
  private eachPartition(use: (parts: RunPart[]) => void): void {
    const runs = this.length > 0 ? [...this.runs, inlineRunOf(this.keys, this.counts, this.length, true)] : this.runs;
    const reader = new RunReader(runs);
    try {
      for (let p = 0; p < PARTITIONS; p++) use(reader.parts(p));
    } finally {
      reader.close();
    }
  }

  toState(): ExactCountsState {
    const keys = this.keys.slice(0, this.length);
    return { table: this.counts ? { keys, counts: this.counts.slice(0, this.length), ...UNSAMPLED } : { keys }, runs: this.runs };
  }

  static fromState(state: ExactCountsState, memoryKeys: number): ExactCounts {
    const counted = 'counts' in state.table;
    const table = new ExactCounts(memoryKeys, counted);
    if (state.table.keys.length > 0) {
      table.keys = state.table.keys;
      table.counts = 'counts' in state.table ? state.table.counts : undefined;
      table.length = state.table.keys.length;
    }
    table.runs = state.runs.map(toFileRun);
    return table;
  }

  /** Deletes the runs' files; the table is spent. */
  release(): void {
    for (const run of this.runs) deleteRun(run);
    this.runs = [];
  }
}

/** Sums one partition's parts into `partition`; returns its distinct keys. */
function combine(parts: readonly RunPart[]): number {
  let records = 0;
  for (const part of parts) records += part.keys.length;
  partition.reset(records);
  for (const { keys, values } of parts) for (let i = 0; i < keys.length; i++) partition.add(keys[i] ?? 0, values[i] ?? 0);
  return partition.size;
}
