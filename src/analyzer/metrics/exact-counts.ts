/**
 * Exact counts of 53-bit keys (hashing.ts) in bounded memory, for the n-gram tables within the exact limit
 * (ngramDiversity's unique n-grams, distinct2 and entropy2's bigrams). A CountTable aggregates up to
 * `memoryKeys` keys (a KeySet when only distinct keys are asked for); past that its (key, count) pairs are written as a run to a temporary file (spill-runs.ts)
 * and the table starts again. At the end each partition of the key space is gathered from every run, summed and
 * visited in key order.
 *
 * Merging appends the other table's runs and adds its keys: counts are sums, so any chunking gives the same
 * (key, count) set, and visiting in key order makes sums over it (entropy) the same to the last bit.
 */
import { CountTable, type CountTableState } from './count-table';
import { KeySet } from './key-set';
import { deleteRun, PARTITIONS, RunReader, toFileRun, watchSpillFolder, writeRun, type RunPart, type SpillRun } from './spill-runs';

/** A CountTable budget never reached: the table here spills instead of sampling. */
const NEVER_SAMPLED = 2 ** 31;

export interface ExactCountsState {
  /** The keys in memory with their counts, or only the keys when the table does not count (`counted` false). */
  table: CountTableState | { keys: Float64Array };
  runs: SpillRun[];
}

/** The keys in memory: with their counts, or a set when only the distinct keys matter (a third of the work and memory). */
type Memory = { table: CountTable } | { set: KeySet };

export class ExactCounts {
  private memory: Memory;
  private runs: SpillRun[] = [];
  private spillKeys: Float64Array | undefined;

  /** `counted` false: only `distinct` is asked for, so no count is kept (runs then hold zeros). */
  constructor(
    private readonly memoryKeys: number,
    private readonly counted = true,
  ) {
    watchSpillFolder();
    this.memory = this.empty();
  }

  private empty(): Memory {
    return this.counted ? { table: new CountTable({ budget: NEVER_SAMPLED }) } : { set: new KeySet() };
  }

  private get size(): number {
    return 'table' in this.memory ? this.memory.table.size : this.memory.set.size;
  }

  add(key: number, count = 1): void {
    const memory = this.memory;
    if ('set' in memory) memory.set.add(key);
    else memory.table.add(key, count);
    if (this.size > this.memoryKeys) this.spill();
  }

  private spill(): void {
    const memory = this.memory;
    if ('set' in memory) {
      // The keys go through a buffer of this table's own: a spill every 2^16 keys would otherwise leave a dead one each time.
      this.spillKeys ??= new Float64Array(this.memoryKeys + 1);
      this.runs.push(writeRun(memory.set.keys(this.spillKeys), undefined));
    } else this.runs.push(runOf(memory));
    if ('set' in memory) memory.set.clear();
    else memory.table.clear();
  }

  /** Adds `other`'s counts; `other` is spent (its runs now belong to this table). */
  merge(other: ExactCounts): void {
    this.runs.push(...other.runs);
    other.runs = [];
    const mine = this.memory;
    const theirs = other.memory;
    // A table that would not fit beside this one becomes a run of its own rather than doubling this one.
    if (this.size + other.size > this.memoryKeys) this.runs.push(runOf(theirs));
    else if ('table' in mine && 'table' in theirs) mine.table.merge(theirs.table);
    else if ('set' in mine && 'set' in theirs) mine.set.addAll(theirs.set.keys());
  }

  /** Visits every key with its total count, in increasing key order (counted tables). */
  forEach(visit: (key: number, count: number) => void): void {
    if (this.runs.length === 0) {
      if ('table' in this.memory) visitSorted(this.memory.table, visit);
      return;
    }
    this.eachPartition((parts) => {
      const table = new CountTable({ budget: NEVER_SAMPLED });
      for (const { keys, values } of parts) for (let i = 0; i < keys.length; i++) table.add(keys[i] ?? 0, values[i] ?? 0);
      visitSorted(table, visit);
    });
  }

  /** Distinct keys (a pass over the runs when there are any). */
  distinct(): number {
    if (this.runs.length === 0) return this.size;
    let distinct = 0;
    this.eachPartition((parts) => {
      const set = new KeySet();
      for (const { keys } of parts) set.addAll(keys);
      distinct += set.size;
    });
    return distinct;
  }

  /** Hands each partition of every run to `use`, the keys in memory written out first. */
  private eachPartition(use: (parts: RunPart[]) => void): void {
    if (this.size > 0) this.spill();
    const reader = new RunReader(this.runs);
    try {
      for (let p = 0; p < PARTITIONS; p++) use(reader.parts(p));
    } finally {
      reader.close();
    }
  }

  toState(): ExactCountsState {
    const memory = this.memory;
    return { table: 'table' in memory ? memory.table.toState() : { keys: memory.set.keys() }, runs: this.runs };
  }

  static fromState(state: ExactCountsState, memoryKeys: number): ExactCounts {
    const counted = 'counts' in state.table;
    const table = new ExactCounts(memoryKeys, counted);
    if ('counts' in state.table) table.memory = { table: CountTable.fromState(state.table) };
    else {
      const set = new KeySet();
      set.addAll(state.table.keys);
      table.memory = { set };
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

function runOf(memory: Memory): SpillRun {
  if ('set' in memory) return writeRun(memory.set.keys(), undefined);
  const state = memory.table.toState();
  return writeRun(state.keys, state.counts);
}

function visitSorted(table: CountTable, visit: (key: number, count: number) => void): void {
  const keys = table.toState().keys.slice().sort();
  for (const key of keys) visit(key, table.count(key));
}
