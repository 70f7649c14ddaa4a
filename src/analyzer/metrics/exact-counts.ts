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
 *
 * A table that only counts distinct keys may hold them in a set first (`heldKeys`), for a stream that repeats a
 * small set of keys (ngramDiversity's unigrams: at 20 MB, 3 M occurrences of 0.1 M keys): it writes no run while
 * the set holds at most `heldKeys`, and past that its keys go to the buffer and the set starts again, so the memory
 * stays bounded and the distinct keys are those of the set, the buffer and the runs together.
 *
 * The end-of-source pass over the partitions is cut into jobs of partition ranges (`finishJobs`) that other
 * threads run (`summarizePartitions`, the pool's workers at settle, finish-jobs.ts), each giving the range's distinct keys and,
 * for counted tables, its counts above 1 in key order; `adopt` takes them in range order. Those counts are all a
 * sum over the table needs: a count of 1 adds 1·log2(1) = 0, so the sum over them in key order is the sum over
 * every key, bit for bit.
 */
import type { CountTableState } from './count-table';
import { KeySet } from './key-set';
import { ScratchTable } from './scratch-table';
import { deleteRuns, inlineRunOf, PARTITIONS, RunFile, RunReader, watchSpillFolder, type FileRun, type RunPart, type SpillRun } from './spill-runs';

/** The CountTableState fields of a table that was never sampled. */
const UNSAMPLED = { level: 0, budget: 2 ** 31, sketch: false } as const;

export interface ExactCountsState {
  /**
   * The occurrences in memory (a key may repeat) with their counts, or only the keys when the table does not
   * count (`counted` false). Shaped as a never-sampled CountTableState, as this state was before.
   */
  table: CountTableState | { keys: Float64Array };
  runs: SpillRun[];
  /** A table with `heldKeys`: the distinct keys its set holds (in no run and not in `table`). */
  held?: Float64Array;
}

/**
 * A table whose first run combined to more than this share of its records writes its later runs uncombined. Combining
 * a run inserts every key into a small table, and the end inserts what is left into a partition's table again: it
 * pays only when it drops most of the keys (the 20 MB corpus's unigrams keep 24%; its bigrams 63-69% and trigrams
 * 89%, which at the former 0.9 were combined for nothing: 2.7% more instructions for a task and its end, callgrind).
 */
const COMBINE_WORTHWHILE_BELOW = 0.3;

/** A partition's keys summed, in one table reused for every partition. */
const partition = new ScratchTable();

/** A range of partitions of a table's runs, for another thread (the runs are files, so the job is small). */
export interface ExactCountsJob {
  runs: FileRun[];
  from: number;
  to: number;
  /** Whether the counts above 1 are wanted (a counted table's sums), or only the distinct keys. */
  counted: boolean;
}

/** What a range of partitions holds: its distinct keys and (counted) its counts above 1, in key order. */
export interface ExactCountsSummary {
  distinct: number;
  repeated?: Uint32Array;
}

export class ExactCounts {
  private keys: Float64Array;
  /** Counted tables: each buffered occurrence's count (1 when added, more when it comes from a merged state). */
  private counts: Uint32Array | undefined;
  private length = 0;
  private runs: SpillRun[] = [];
  /** Where this table's runs are written. */
  private readonly file = new RunFile();
  /** The pass over the partitions as the jobs made it (adopt), until anything is added. */
  private adopted: ExactCountsSummary | undefined;
  /** Whether runs are written with equal keys combined (see makeRoom). */
  private combining = true;
  /** With `heldKeys`: the distinct keys added since the set last went to the buffer. */
  private readonly held: KeySet | undefined;

  /**
   * `counted` false: only `distinct` is asked for, so no count is kept (runs then hold zeros), and with `heldKeys` > 0
   * the keys are held in a set of at most that many before they go to the buffer (see the file comment).
   */
  constructor(
    private readonly memoryKeys: number,
    counted = true,
    private readonly heldKeys = 0,
  ) {
    watchSpillFolder();
    const capacity = Math.max(1, Math.min(memoryKeys, 1024));
    this.keys = new Float64Array(capacity);
    this.counts = counted ? new Uint32Array(capacity) : undefined;
    this.held = !counted && heldKeys > 0 ? new KeySet() : undefined;
  }

  add(key: number, count = 1): void {
    this.adopted = undefined;
    const held = this.held;
    if (held) {
      held.add(key);
      if (held.size > this.heldKeys) this.releaseHeld();
      return;
    }
    this.append(key, count);
  }

  /** Appends an occurrence to the buffer. */
  private append(key: number, count: number): void {
    if (this.length === this.keys.length) this.makeRoom();
    this.keys[this.length] = key;
    if (this.counts) this.counts[this.length] = count;
    this.length++;
  }

  /** The held keys go to the buffer (and from there to runs), and the set starts again. */
  private releaseHeld(): void {
    const held = this.held;
    if (!held || held.size === 0) return;
    for (const key of held.keys()) this.append(key, 1);
    held.clear();
  }

  /** Whether every key is in the held set: then the distinct keys are its size, with no pass over partitions. */
  private get allHeld(): boolean {
    return this.held !== undefined && this.runs.length === 0 && this.length === 0;
  }

  /** `add(keys[i])` for each i < length (as CountTable.addAll, so the word tables take a record's keys alike). */
  addAll(keys: Float64Array, length: number): void {
    for (let i = 0; i < length; i++) this.add(keys[i] ?? 0);
  }

  /** Grows the buffer up to `memoryKeys`, then writes it out as a run. */
  private makeRoom(): void {
    if (this.keys.length >= this.memoryKeys) {
      const run = this.file.write(this.keys, this.counts, this.length, this.combining);
      // Combining a run that it barely shrinks (n-grams of n ≥ 3 are nearly all distinct) costs a table insertion per
      // key for nothing: the table's later runs are written as they come, and the end sums every partition anyway.
      if (this.combining && (run.offsets[PARTITIONS] ?? 0) > COMBINE_WORTHWHILE_BELOW * this.length) this.combining = false;
      this.runs.push(run);
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
    this.adopted = undefined;
    this.runs.push(...other.runs);
    other.runs = [];
    const theirs = other.held?.keys();
    if (theirs && this.held) {
      this.held.addAll(theirs);
      if (this.held.size > this.heldKeys) this.releaseHeld();
    } else if (theirs) for (const key of theirs) this.append(key, 1);
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

  /** Distinct keys. */
  distinct(): number {
    return this.summary().distinct;
  }

  /**
   * The range jobs of the pass over the partitions (see the file comment), or none when nothing was spilled (the
   * pass is then over memory alone, and short). The occurrences still in memory become a run of their own first.
   */
  finishJobs(ranges: number): ExactCountsJob[] {
    if (this.runs.length === 0) return [];
    this.releaseHeld();
    if (this.length > 0) {
      this.runs.push(this.file.write(this.keys, this.counts, this.length, true));
      this.length = 0;
    }
    const runs = this.runs.map((run) => this.file.adopt(run));
    return partitionRanges(ranges).map(([from, to]) => ({ runs, from, to, counted: this.counts !== undefined }));
  }

  /** The summaries of `finishJobs`' jobs, in their order. */
  adopt(summaries: readonly ExactCountsSummary[]): void {
    let distinct = 0;
    let repeated = 0;
    for (const s of summaries) {
      distinct += s.distinct;
      repeated += s.repeated?.length ?? 0;
    }
    const all = new Uint32Array(repeated);
    let at = 0;
    for (const s of summaries) {
      if (!s.repeated) continue;
      all.set(s.repeated, at);
      at += s.repeated.length;
    }
    this.adopted = { distinct, repeated: all };
  }

  /** Every partition's summary (distinct keys; counted, the counts above 1 in key order): adopted from the jobs, or made here. */
  summary(): ExactCountsSummary {
    if (this.adopted) return this.adopted;
    if (this.allHeld) return { distinct: this.held?.size ?? 0 };
    this.releaseHeld();
    const runs = this.length > 0 ? [...this.runs, inlineRunOf(this.keys, this.counts, this.length, true)] : this.runs;
    return summarizeRuns(runs, 0, PARTITIONS, this.counts !== undefined);
  }

  toState(): ExactCountsState {
    const keys = this.keys.slice(0, this.length);
    const table = this.counts ? { keys, counts: this.counts.slice(0, this.length), ...UNSAMPLED } : { keys };
    return this.held ? { table, runs: this.runs, held: this.held.keys() } : { table, runs: this.runs };
  }

  static fromState(state: ExactCountsState, memoryKeys: number, heldKeys = 0): ExactCounts {
    const counted = 'counts' in state.table;
    const table = new ExactCounts(memoryKeys, counted, heldKeys);
    if (state.table.keys.length > 0) {
      table.keys = state.table.keys;
      table.counts = 'counts' in state.table ? state.table.counts : undefined;
      table.length = state.table.keys.length;
    }
    table.runs = state.runs.map((run) => table.file.adopt(run));
    if (state.held) {
      if (table.held) table.held.addAll(state.held);
      else for (const key of state.held) table.append(key, 1);
    }
    if ((table.held?.size ?? 0) > heldKeys) table.releaseHeld();
    return table;
  }

  /** Deletes the runs' files; the table is spent. */
  release(): void {
    deleteRuns(this.runs);
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

/** `ranges` ranges of about equal numbers of partitions, covering them all in order. */
export function partitionRanges(ranges: number): [number, number][] {
  const n = Math.max(1, Math.min(PARTITIONS, ranges));
  return Array.from({ length: n }, (_, i) => [Math.floor((i * PARTITIONS) / n), Math.floor(((i + 1) * PARTITIONS) / n)]);
}

/** Runs a range job (in any thread). */
export function summarizePartitions(job: ExactCountsJob): ExactCountsSummary {
  return summarizeRuns(job.runs, job.from, job.to, job.counted);
}

function summarizeRuns(runs: readonly SpillRun[], from: number, to: number, counted: boolean): ExactCountsSummary {
  const reader = new RunReader(runs);
  const summary: RangeSummary = { distinct: 0, repeated: new Uint32Array(counted ? 1024 : 0), length: 0 };
  try {
    summarizeRange(reader, from, to, counted, summary);
  } finally {
    reader.close();
  }
  return counted ? { distinct: summary.distinct, repeated: summary.repeated.slice(0, summary.length) } : { distinct: summary.distinct };
}

/** What summarizeRange has found so far: distinct keys, and the counts above 1 in `repeated[0, length)`. */
interface RangeSummary {
  distinct: number;
  repeated: Uint32Array;
  length: number;
}

/**
 * summarizeRuns' loop over partitions, a function of its own that ends with its loop. V8 optimises the loop while it
 * runs (on-stack replacement), from the feedback gathered so far; with the reader's close and the result after it in
 * the same function, that code met them without feedback and was thrown away at the end of nearly every job (7 of a
 * 20 MB profile's 99 deoptimisations, each followed by another compile).
 */
function summarizeRange(reader: RunReader, from: number, to: number, counted: boolean, summary: RangeSummary): void {
  let sorted = new Float64Array(0);
  for (let p = from; p < to; p++) {
    const size = combine(reader.parts(p));
    summary.distinct += size;
    if (!counted) continue;
    if (sorted.length < size) sorted = new Float64Array(size * 2);
    // Only the keys counted twice or more are sorted (a count of 1 adds nothing to a sum over the table): the words
    // unit alone over the 5 MB corpus went 3.835 -> 3.817 G instructions (callgrind), all of it the sort's.
    let repeatedKeys = 0;
    for (let i = 0; i < size; i++) if (partition.sumAt(i) > 1) sorted[repeatedKeys++] = partition.keyAt(i);
    for (const key of sorted.subarray(0, repeatedKeys).sort()) {
      const count = partition.sumOf(key);
      if (summary.length === summary.repeated.length) {
        const grown = new Uint32Array(summary.repeated.length * 2);
        grown.set(summary.repeated);
        summary.repeated = grown;
      }
      summary.repeated[summary.length++] = count;
    }
  }
}
