/**
 * `ngramDiversity` as `ngram_diversity_score` of the `diversity` package (Shaib et al. 2024;
 * diversity/ngram_diversity.py, num_n = 4, after Meister et al. 2022): the documents are joined with ' ' and
 * split on ' ', and the score is the sum over n = 1..4 of unique n-grams / all n-grams of that one token
 * stream (0 to 4; lower = more repetitive). Joining then splitting on the same character equals
 * concatenating each document's `split(' ')`, and n-grams run across document boundaries, as in the package.
 *
 * Mergeable: per n, the exact set of its n-grams (key-set.ts) until it holds `budget` keys, then a
 * HyperLogLog of them (built from the set, which held every key until then), plus the first and last three
 * tokens of the chunk, from which merge adds the n-grams that span two chunks. Only the unique counts are
 * needed, so no table of counts is kept. A union above the budget is a HyperLogLog whichever way the chunks
 * were cut, so merged chunks give the single pass's figure. Within the exact limit (`spillAboveKeys` > 0) each
 * n's n-grams go to an exact table that spills to temporary files instead (exact-counts.ts): no budget, no sketch.
 * The unigrams' table holds its keys in a set up to UNIGRAMS_HELD first, and spills only past it.
 */
import type { Estimate } from '../../core/profile';
import { ExactCounts, summarizePartitions, type ExactCountsJob, type ExactCountsState, type ExactCountsSummary } from './exact-counts';
import { ngramKey, ngramKeysEndingAt } from './hashing';
import { HyperLogLog } from './hyperloglog';
import { KeySet } from './key-set';
import type { RecordView } from './record';
import { classUnit } from './unit';

export const NGRAM_MAX_N = 4;
const EDGE = NGRAM_MAX_N - 1;

/**
 * Distinct unigrams the exact unigram table holds in memory before it spills (ExactCounts' `heldKeys`; a KeySet of
 * at most 4 MiB). The `split(' ')` tokens of the 20 MB bench corpus are 3.0 M occurrences of 102 K words (177 K at 64
 * MB): as a buffer of occurrences they were bucketed, combined to ~24 % and spilled, run after run, to count them.
 * Bigrams and longer n-grams are mostly distinct within a run, so a set would only add a probe per occurrence.
 */
export const UNIGRAMS_HELD = 2 ** 18;

/** One n's unique n-grams: their keys while exact, a HyperLogLog's registers past the budget, or a spilling exact table. */
export type UniqueState = { keys: Float64Array } | { hll: Uint8Array } | { exact: ExactCountsState };

export interface NgramDiversityState {
  unique: UniqueState[];
  tokens: number;
  headA: number[];
  headB: number[];
  tailA: number[];
  tailB: number[];
}

/**
 * The unique n-grams of one n: a KeySet up to the budget, a HyperLogLog above. A chunk's keys from another
 * thread stay a plain array (`moved`) until something is added to them: they are usually only poured into
 * the pool's set, or adopted whole by an empty one, and hashing them first would cost a table for nothing.
 */
class Unique {
  set: KeySet | undefined;
  hll: HyperLogLog | undefined;
  /** Within the exact limit, instead of the set and the HyperLogLog. */
  private exact: ExactCounts | undefined;
  private moved: Float64Array | undefined;

  /** `heldKeys`: the exact table's set (ExactCounts), for the unigrams. */
  constructor(
    private readonly budget: number,
    private readonly spillAboveKeys: number,
    heldKeys = 0,
  ) {
    if (spillAboveKeys > 0) this.exact = new ExactCounts(spillAboveKeys, false, heldKeys);
    else this.set = new KeySet();
  }

  add(key: number): void {
    if (this.exact) {
      this.exact.add(key);
      return;
    }
    const set = this.table();
    if (set) {
      set.add(key);
      if (set.size > this.budget) this.toSketch();
    } else this.hll?.add(key);
  }

  /** The set, with moved keys hashed into it first. */
  private table(): KeySet | undefined {
    const moved = this.moved;
    if (moved && this.set) {
      this.moved = undefined;
      this.set.addAll(moved);
    }
    return this.set;
  }

  private toSketch(): HyperLogLog {
    const hll = new HyperLogLog();
    for (const key of this.keys()) hll.add(key);
    this.set = undefined;
    this.moved = undefined;
    this.hll = hll;
    return hll;
  }

  private keys(): Float64Array {
    return this.moved ?? this.set?.keys() ?? new Float64Array(0);
  }

  /** Adds `other`'s n-grams; `other` is spent (its keys may be adopted). */
  merge(other: Unique): void {
    if (this.exact && other.exact) {
      this.exact.merge(other.exact);
      return;
    }
    if (other.hll) {
      (this.hll ?? this.toSketch()).merge(other.hll);
      return;
    }
    const theirs = other.moved ?? other.set?.keys() ?? new Float64Array(0);
    if (!this.set) {
      for (const key of theirs) this.hll?.add(key);
      return;
    }
    if (this.set.size === 0 && !this.moved) this.moved = theirs;
    else {
      const set = this.table() as KeySet;
      set.addAll(theirs);
    }
    if (this.count() > this.budget) this.toSketch();
  }

  count(): number {
    if (this.exact) return this.exact.distinct();
    if (this.hll) return this.hll.estimate();
    return this.moved && this.set?.size === 0 ? this.moved.length : (this.table()?.size ?? 0);
  }

  toState(): UniqueState {
    if (this.exact) return { exact: this.exact.toState() };
    return this.hll ? { hll: this.hll.registers } : { keys: this.keys() };
  }

  static fromState(state: UniqueState, budget: number, spillAboveKeys: number, heldKeys: number): Unique {
    const u = new Unique(budget, 0);
    if ('exact' in state) {
      u.set = undefined;
      u.exact = ExactCounts.fromState(state.exact, spillAboveKeys, heldKeys);
    } else if ('keys' in state) u.moved = state.keys;
    else {
      u.set = undefined;
      u.hll = new HyperLogLog(state.hll.slice());
    }
    return u;
  }

  release(): void {
    this.exact?.release();
  }

  /** The exact table's range jobs (exact-counts.ts). */
  finishJobs(ranges: number): ExactCountsJob[] {
    return this.exact?.finishJobs(ranges) ?? [];
  }

  adopt(summaries: readonly ExactCountsSummary[]): void {
    this.exact?.adopt(summaries);
  }
}

/** The exact table's `heldKeys` of the n-grams at index n (n + 1 tokens). */
function heldKeysOf(n: number): number {
  return n === 0 ? UNIGRAMS_HELD : 0;
}

/** The first `aLength` tokens (one lane) of `a` followed by the first `bLength` of `b`. */
function joined(a: Uint32Array, aLength: number, b: Uint32Array, bLength: number): Uint32Array {
  const out = new Uint32Array(aLength + bLength);
  out.set(a.subarray(0, aLength));
  out.set(b.subarray(0, bLength), aLength);
  return out;
}

/** A range job of one n's exact table, and its result. */
export interface NgramDiversityJob {
  n: number;
  job: ExactCountsJob;
}
export interface NgramDiversityJobResult {
  n: number;
  summary: ExactCountsSummary;
}

export class NgramDiversity {
  private tables: Unique[];
  private tokens = 0;
  /**
   * The first EDGE tokens and the last EDGE so far (oldest first), each in the first headLength / tailLength slots.
   * Typed arrays, not number arrays: a token's lanes are uint32, and the first one past 2^30 turned a number array
   * of small integers into one of doubles, which made V8 throw away and recompile `add` (its largest function) a
   * few times a profile in each thread; a tail allocated per length did the same by its map.
   */
  private readonly headA = new Uint32Array(EDGE);
  private readonly headB = new Uint32Array(EDGE);
  private headLength = 0;
  private readonly tailA = new Uint32Array(EDGE);
  private readonly tailB = new Uint32Array(EDGE);
  private tailLength = 0;
  /** Rolling window of the last EDGE tokens plus the current record's tokens. */
  private windowA = new Uint32Array(4096);
  private windowB = new Uint32Array(4096);
  private readonly keys = new Float64Array(NGRAM_MAX_N);

  constructor(
    private readonly budget: number,
    private readonly spillAboveKeys: number,
  ) {
    this.tables = Array.from({ length: NGRAM_MAX_N }, (_, n) => new Unique(budget, spillAboveKeys, heldKeysOf(n)));
  }

  add(record: RecordView): void {
    const t = record.spaceTokens();
    const carried = this.tailLength;
    const total = carried + t.length;
    if (this.windowA.length < total) {
      this.windowA = new Uint32Array(total * 2);
      this.windowB = new Uint32Array(total * 2);
    }
    const wa = this.windowA;
    const wb = this.windowB;
    for (let i = 0; i < carried; i++) {
      wa[i] = this.tailA[i] ?? 0;
      wb[i] = this.tailB[i] ?? 0;
    }
    wa.set(t.a.subarray(0, t.length), carried);
    wb.set(t.b.subarray(0, t.length), carried);
    // Every n-gram that ends inside this record; those ending earlier were counted before.
    const keys = this.keys;
    const tables = this.tables;
    for (let end = carried; end < total; end++) {
      const count = ngramKeysEndingAt(wa, wb, end, NGRAM_MAX_N, keys);
      for (let n = 0; n < count; n++) tables[n]?.add(keys[n] ?? 0);
    }
    for (let i = 0; i < t.length && this.headLength < EDGE; i++) {
      this.headA[this.headLength] = t.a[i] ?? 0;
      this.headB[this.headLength] = t.b[i] ?? 0;
      this.headLength++;
    }
    this.tokens += t.length;
    const keep = Math.min(EDGE, total);
    for (let i = 0; i < keep; i++) {
      this.tailA[i] = wa[total - keep + i] ?? 0;
      this.tailB[i] = wb[total - keep + i] ?? 0;
    }
    this.tailLength = keep;
  }

  merge(other: NgramDiversity): void {
    if (other.tokens === 0) return;
    const left = this.tailLength;
    const a = joined(this.tailA, left, other.headA, other.headLength);
    const b = joined(this.tailB, left, other.headB, other.headLength);
    // The n-grams that start in this chunk's tail and end in the other's head: neither side saw them whole.
    for (let end = left; end < a.length; end++) {
      for (let n = end - left + 2; n <= NGRAM_MAX_N; n++) {
        const start = end - n + 1;
        if (start < 0) break;
        this.tables[n - 1]?.add(ngramKey(a, b, start, n));
      }
    }
    for (let n = 0; n < NGRAM_MAX_N; n++) {
      const mine = this.tables[n];
      const theirs = other.tables[n];
      if (mine && theirs) mine.merge(theirs);
    }
    for (let i = 0; i < other.headLength && this.headLength < EDGE; i++) {
      this.headA[this.headLength] = other.headA[i] ?? 0;
      this.headB[this.headLength] = other.headB[i] ?? 0;
      this.headLength++;
    }
    // The last EDGE tokens of this chunk's tail followed by the other's (all of it, EDGE tokens, when it is that long).
    const tailA = joined(this.tailA, this.tailLength, other.tailA, other.tailLength);
    const tailB = joined(this.tailB, this.tailLength, other.tailB, other.tailLength);
    this.tailLength = Math.min(EDGE, tailA.length);
    this.tailA.set(tailA.subarray(tailA.length - this.tailLength));
    this.tailB.set(tailB.subarray(tailB.length - this.tailLength));
    this.tokens += other.tokens;
  }

  toState(): NgramDiversityState {
    return {
      unique: this.tables.map((t) => t.toState()),
      tokens: this.tokens,
      headA: Array.from(this.headA.subarray(0, this.headLength)),
      headB: Array.from(this.headB.subarray(0, this.headLength)),
      tailA: Array.from(this.tailA.subarray(0, this.tailLength)),
      tailB: Array.from(this.tailB.subarray(0, this.tailLength)),
    };
  }

  static fromState(state: NgramDiversityState, budget: number, spillAboveKeys: number): NgramDiversity {
    const d = new NgramDiversity(budget, 0);
    d.tables = state.unique.map((t, n) => Unique.fromState(t, budget, spillAboveKeys, heldKeysOf(n)));
    d.tokens = state.tokens;
    d.headA.set(state.headA);
    d.headB.set(state.headB);
    d.headLength = state.headA.length;
    d.tailA.set(state.tailA);
    d.tailB.set(state.tailB);
    d.tailLength = state.tailA.length;
    return d;
  }

  release(): void {
    for (const t of this.tables) t.release();
  }

  /** Every n's exact table's range jobs, in the order of n. */
  finishJobs(ranges: number): NgramDiversityJob[] {
    return this.tables.flatMap((t, n) => t.finishJobs(ranges).map((job) => ({ n, job })));
  }

  /** The results of `finishJobs`' jobs, in their order. */
  adopt(results: readonly NgramDiversityJobResult[]): void {
    this.tables.forEach((t, n) => {
      const mine = results.filter((r) => r.n === n).map((r) => r.summary);
      if (mine.length > 0) t.adopt(mine);
    });
  }

  /** Whether any unique count is an estimate (the table was sampled). */
  get estimated(): boolean {
    return this.tables.some((t) => t.hll !== undefined);
  }

  finish(): Estimate {
    let score = 0;
    for (let n = 1; n <= NGRAM_MAX_N; n++) {
      const total = this.tokens - n + 1;
      // nltk.ngrams yields nothing for a stream shorter than n; the package would divide by zero there.
      if (total <= 0) continue;
      score += Math.min(1, (this.tables[n - 1]?.count() ?? 0) / total);
    }
    return { value: score };
  }
}

export const ngramDiversityUnit = classUnit<NgramDiversity, NgramDiversityState, { distinctBudget: number; spillAboveKeys: number }>({
  name: 'ngramDiversity',
  create: (o) => new NgramDiversity(o.distinctBudget, o.spillAboveKeys),
  fromState: (state, o) => NgramDiversity.fromState(state, o.distinctBudget, o.spillAboveKeys),
  finishJobs: (m, ranges) => m.finishJobs(ranges),
  runFinishJob: (job) => {
    const { n, job: range } = job as NgramDiversityJob;
    return { n, summary: summarizePartitions(range) } satisfies NgramDiversityJobResult;
  },
  adoptFinishJobs: (m, results) => m.adopt(results as NgramDiversityJobResult[]),
  finish: (m) => ({ metrics: { ngramDiversity: m.finish() }, estimated: m.estimated ? ['ngramDiversity'] : [] }),
  off: { metrics: { ngramDiversity: { value: 0 } } },
});
