/**
 * `nearDuplicateRate` and `exactDuplicateRate`. Shingles are word 5-grams of lower-cased, punctuation-free text
 * (minhash-signature.ts); the rate is (documents in a cluster minus one per cluster) / documents, where a cluster
 * joins documents whose shingle sets reach Jaccard `threshold` (default 0.72) and exact duplicates.
 *
 * Within the exact limit (`exact`): every document's shingle set is kept and every pair at or above the
 * threshold is found at the end (similarity-join.ts), the exact rate.
 *
 * Above it: MinHash-LSH over **every** record (datatrove's 14 bands × 8 rows). Each document's b-bit signature
 * and row go to a store that spills to a temporary file (lsh-documents.ts); at the end band keys are grouped
 * partition by partition and candidate pairs verified by their estimated Jaccard (lsh-clusters.ts). The rate is
 * then a sketch of the exact one (missed pairs near the threshold, b-bit noise) and says so in `estimated`;
 * docs/metrics.md states its measured error. Exact duplicates are joined by their keys in both modes, so the
 * rate is never below the exact-duplicate rate.
 *
 * Merging appends the other chunk's documents in order, so merged chunks give exactly the single-pass figures.
 * `exactDuplicateRate` covers all records: a hash of the lower-cased, whitespace-collapsed text counted in a
 * CountTable (a distinct sample above its budget).
 */
import type { Estimate, NearDuplicatePair, RowRef } from '../../core/profile';
import { CountTable, type CountTableState } from './count-table';
import { LshDocuments, type LshDocumentsState } from './lsh-documents';
import { MINHASH_BANDS } from './minhash-signature';
import { inRankOrder, isSharedSearch, searchFromTop, searchingFromBelow, sharedSearch, type FoundPiece, type SharedSearch } from './join-split';
import { Pacer, runNow, runPaced, type Work } from './pacer';
import type { RecordView } from './record';
import { ShingleSetStore, type ShingleSets } from './shingle-sets';
import { findPairs, planning, rankRanges, searching, type FoundPairs, type JoinJob, type JoinPlan } from './similarity-join';
import { UnionFind } from './union-find';
import { classUnit, type BesideBatch } from './unit';

export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.72;
export const MAX_PAIR_EXAMPLES = 5;
/**
 * Below this many distinct shingle sets the join's search stays in the pool's thread, and below this many documents
 * (which the sets can only be fewer than) the whole join runs there in settle, beside the n-gram tables' finish
 * jobs, so the pool's threads and this one work at once (accumulator.ts). Splitting it costs about
 * 0.4 s of CPU in all (a batch of fresh threads, the search's code compiled in each, its ranges' own clusters).
 * At 20 MB (40,150 sets, a 0.45 s search) that cost more CPU than it took off the pool's thread and did not
 * shorten the run. At 64 MB (128,446 sets, a 3-4 s search) the process's CPU stayed the same and the pool's
 * thread went from 5.5-7.2 s to 1.7-2.2 s (docs/benchmarks.md). The search grows about as the sets' count squared.
 */
export const SPLIT_JOIN_MIN_SETS = 2 ** 16;
/** The join's search is cut into this many times the ranges the accumulator asks for (see finishJobs). */
const JOIN_RANGES_PER_RANGE = 4;
/**
 * Memory per document the LSH store keeps in memory (`memoryDocs`): its 128-byte record, and at the end its 14
 * band keys and exact key in the runs being written (12 bytes each, twice: the buffer and its bucketed copy).
 */
export const MINHASH_BYTES_PER_DOC = 128 + (MINHASH_BANDS + 1) * 12 * 2;

export interface MinHashOptions {
  /** LSH: documents kept in memory before the rest go to a temporary file (the band keys' runs scale with it). */
  memoryDocs: number;
  threshold: number;
  exactBudget: number;
  /**
   * Keep every record's shingle set instead of its signature and find every pair at or above the threshold
   * at the end (similarity-join.ts): the exact rate, for sources within the exact limit. `memoryDocs` is then
   * not used.
   */
  exact?: boolean;
  /**
   * Exact mode with the pool's threads: the fewest distinct shingle sets for which the join's search is split
   * across them (default SPLIT_JOIN_MIN_SETS); below it this thread searches alone.
   */
  splitJoinFrom?: number;
}

/** Exact mode: every document's row, exact key and shingle set. */
export interface ShingleSetsState {
  docs: number;
  files: string[];
  /** Per document: index into `files`, 1-based line or -1, 0-based index or -1. */
  fileOf: Int32Array;
  lines: Int32Array;
  indices: Int32Array;
  /** Per document: its exact-duplicate key (RecordView.exactKey), joined before the shingle sets. */
  exactKeys: Float64Array;
  /** Every document's sorted shingle hashes, back to back, and where each document's set ends. */
  shingles: Uint32Array;
  shingleEnds: Uint32Array;
}

export interface NearDuplicateState {
  records: number;
  exact: CountTableState;
  /** Exact mode's documents. */
  sets?: ShingleSetsState;
  /** LSH's documents. */
  lsh?: LshDocumentsState;
}

export interface NearDuplicateFigures {
  nearDuplicateRate: Estimate;
  exactDuplicateRate: Estimate;
  pairs: NearDuplicatePair[];
}

export class NearDuplicates {
  private records = 0;
  private exact: CountTable;
  private duplicates = 0;
  private pairs: NearDuplicatePair[] = [];
  /** LSH mode: every document's signature and row. */
  private lsh: LshDocuments | undefined;
  /** Exact mode: each document's row and exact key (see ShingleSetsState). */
  private docs = 0;
  private files: string[] = [];
  private fileIndex = new Map<string, number>();
  private fileOf = new Int32Array(64);
  private lines = new Int32Array(64);
  private indices = new Int32Array(64);
  private exactKeys = new Float64Array(64);
  /** Exact mode: the clusters of the last join. */
  private clusters = new UnionFind(0);
  /** The clusters' test and join as the join's search calls them (similarity-join.ts). */
  private readonly together = (x: number, y: number): boolean => this.clusters.together(x, y);
  private readonly joinPair = (y: number, x: number, jaccard: number): void => this.join(y, x, jaccard);
  /** Exact mode: the documents' shingle sets. */
  private sets = new ShingleSetStore();
  /** Exact mode: whether the join found every pair (false past MAX_JOIN_SETS distinct sets). */
  private joined: boolean | undefined;
  /** The documents the last clustering covered, so finish does not cluster again after settle. */
  private clusteredDocs = -1;
  /**
   * Exact mode: a state not yet replayed: a chunk's state is usually only merged into another accumulator,
   * which appends its documents itself, so fromState defers the work until it is needed.
   */
  private pending: ShingleSetsState | undefined;

  constructor(private readonly options: MinHashOptions) {
    this.exact = new CountTable({ budget: options.exactBudget });
    if (!options.exact) this.lsh = new LshDocuments(options.memoryDocs);
  }

  add(record: RecordView): void {
    this.replay();
    this.records++;
    const key = record.exactKey();
    this.exact.add(key);
    if (this.lsh) {
      this.lsh.add(record.words(), record.row, key);
      return;
    }
    this.sets.add(record.words());
    this.storeDocument(record.row, key);
  }

  /** Exact mode: the row and exact key of the document whose shingles were just appended. */
  private storeDocument(row: RowRef | { file: number; line: number; index: number }, exactKey: number): void {
    this.ensureCapacity();
    const own = this.docs++;
    this.exactKeys[own] = exactKey;
    this.storeRow(own, row);
  }

  private ensureCapacity(): void {
    if (this.docs < this.lines.length) return;
    const size = this.lines.length * 2;
    const grow32 = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.fileOf = grow32(this.fileOf);
    this.lines = grow32(this.lines);
    this.indices = grow32(this.indices);
    const exactKeys = new Float64Array(size);
    exactKeys.set(this.exactKeys);
    this.exactKeys = exactKeys;
  }

  private storeRow(doc: number, row: RowRef | { file: number; line: number; index: number }): void {
    if (typeof row.file === 'number') {
      this.fileOf[doc] = row.file;
    } else {
      let f = this.fileIndex.get(row.file);
      if (f === undefined) {
        f = this.files.length;
        this.files.push(row.file);
        this.fileIndex.set(row.file, f);
      }
      this.fileOf[doc] = f;
    }
    this.lines[doc] = row.line ?? -1;
    this.indices[doc] = row.index ?? -1;
  }

  private rowOf(doc: number): RowRef {
    const row: RowRef = { file: this.files[this.fileOf[doc] ?? 0] ?? '' };
    const line = this.lines[doc] ?? -1;
    const index = this.indices[doc] ?? -1;
    if (line >= 0) row.line = line;
    if (index >= 0) row.index = index;
    return row;
  }

  merge(other: NearDuplicates): void {
    this.replay();
    this.records += other.records;
    this.exact.merge(other.exact);
    if (this.lsh && other.lsh) {
      this.lsh.merge(other.lsh);
      return;
    }
    const theirs: ShingleSetsState = other.pending ?? other.setsState();
    const remap = theirs.files.map((file) => {
      let f = this.fileIndex.get(file);
      if (f === undefined) {
        f = this.files.length;
        this.files.push(file);
        this.fileIndex.set(file, f);
      }
      return f;
    });
    this.appendShingleSets(theirs, (f) => remap[f] ?? 0);
  }

  /** Exact mode: appends another chunk's documents (their shingle sets, rows and exact keys) after these. */
  private appendShingleSets(theirs: ShingleSetsState, fileIndex: (d: number) => number): void {
    this.sets.appendBlock(theirs.shingles, theirs.shingleEnds, theirs.docs);
    for (let d = 0; d < theirs.docs; d++) {
      this.storeDocument({ file: fileIndex(theirs.fileOf[d] ?? 0), line: theirs.lines[d] ?? -1, index: theirs.indices[d] ?? -1 }, theirs.exactKeys[d] ?? 0);
    }
  }

  /** Exact mode: this chunk's documents as a state (the shingle sets copied back to back). */
  private setsState(): ShingleSetsState {
    return {
      docs: this.docs,
      files: this.files.slice(),
      fileOf: this.fileOf.slice(0, this.docs),
      lines: this.lines.slice(0, this.docs),
      indices: this.indices.slice(0, this.docs),
      exactKeys: this.exactKeys.slice(0, this.docs),
      ...this.sets.concatenated(),
    };
  }

  toState(): NearDuplicateState {
    this.replay();
    const common = { records: this.records, exact: this.exact.toState() };
    return this.lsh ? { ...common, lsh: this.lsh.toState() } : { ...common, sets: this.setsState() };
  }

  static fromState(state: NearDuplicateState, options: MinHashOptions): NearDuplicates {
    const n = new NearDuplicates(options);
    n.records = state.records;
    n.exact = CountTable.fromState(state.exact);
    if (state.lsh) n.lsh = LshDocuments.fromState(state.lsh, options.memoryDocs);
    else n.pending = state.sets;
    return n;
  }

  private replay(): void {
    const state = this.pending;
    if (!state) return;
    this.pending = undefined;
    for (const file of state.files) {
      this.fileIndex.set(file, this.files.length);
      this.files.push(file);
    }
    this.appendShingleSets(state, (f) => f);
  }

  /**
   * Exact mode, as Work (pacer.ts): the plan (`planned`), then the search: here, or with `ranges`, cut into about that
   * many jobs of rank ranges for other threads (`findPairs`), whose pairs `adopt` replays. With `ranges`, the search is
   * still made here when small enough (SPLIT_JOIN_MIN_SETS).
   */
  private *joining(ranges?: number): Work<JoinJob[]> {
    const planned = yield* this.planned(ranges !== undefined);
    if (!planned) return [];
    const { sets, plan } = planned;
    if (ranges === undefined || plan.byRank.length < (this.options.splitJoinFrom ?? SPLIT_JOIN_MIN_SETS)) {
      yield searching(sets, plan, this.options.threshold, this.together, this.joinPair);
      this.joinedAll(true);
      return [];
    }
    // More ranges than the other units' jobs: a range's work is only estimated (rankRanges), and the pool hands
    // the next range to whichever worker is free.
    return rankRanges(sets, plan, ranges * JOIN_RANGES_PER_RANGE).map(([from, to]) => ({ sets, plan, threshold: this.options.threshold, from, to }));
  }

  /**
   * Exact mode, as Work: new clusters joining exact duplicates, then identical sets, then the plan and its index
   * (similarity-join.ts); `shared`: the sets and index in SharedArrayBuffers, for other threads. Undefined when the
   * distinct sets are too many to rank: only those were joined, and the join is done.
   */
  private *planned(shared: boolean): Work<{ sets: ShingleSets; plan: JoinPlan } | undefined> {
    yield* this.joiningExactKeys();
    const sets = shared ? this.sets.sharedSets() : this.sets.sets();
    const plan = yield* planning(sets, this.options.threshold, this.together, this.joinPair);
    if (!plan) {
      this.joinedAll(false);
      return undefined;
    }
    return { sets, plan };
  }

  /** Exact mode: new clusters joining the documents with one exact key: the join's first step. */
  private *joiningExactKeys(): Work<void> {
    // From scratch each time: finish can be called again after more records came in.
    this.clusters = new UnionFind(this.docs);
    this.pairs = [];
    const firstWithKey = new Map<number, number>();
    yield {
      count: this.docs,
      run: (from, to) => {
        for (let d = from; d < to; d++) {
          const key = this.exactKeys[d] ?? 0;
          const first = firstWithKey.get(key);
          if (first === undefined) firstWithKey.set(key, d);
          else this.join(first, d, 1);
        }
      },
    };
  }

  /** Exact mode: the join is done (`complete`: every pair was searched) and covers every document so far. */
  private joinedAll(complete: boolean): void {
    this.joined = complete;
    this.duplicates = this.clusters.joined;
    this.clusteredDocs = this.docs;
  }

  /**
   * Exact mode: the join, its search cut into about `ranges` jobs of rank ranges for the pool's workers (see
   * `joining`), run between the pacer's pauses: this thread hears the abort only between them. None when there
   * is nothing to search, below the documents the split starts from (`splitsJoin`: settle makes the join), or when
   * the distinct sets were too few (the search was made here and now).
   */
  finishJobs(ranges: number, pacer = new Pacer()): Promise<JoinJob[]> {
    if (!this.splitsJoin()) return Promise.resolve([]);
    return runPaced(this.joining(ranges), pacer);
  }

  /**
   * Exact mode: whether the join's search may be cut into jobs (`finishJobs`), from SPLIT_JOIN_MIN_SETS documents
   * (their distinct sets, known only once the index is built, may still be too few: it then searches here). Else
   * `settle` makes the whole join in this thread, while the other units' jobs run on the pool's threads.
   */
  splitsJoin(): boolean {
    this.replay();
    return !this.lsh && this.docs > 0 && this.docs >= (this.options.splitJoinFrom ?? SPLIT_JOIN_MIN_SETS);
  }

  /** Exact mode: the pairs `finishJobs`' jobs found, in job order, joined as one thread's search would join them. */
  adopt(found: readonly FoundPairs[]): void {
    for (const { ys, xs, jaccards } of found) {
      for (let i = 0; i < ys.length; i++) this.join(ys[i] ?? 0, xs[i] ?? 0, jaccards[i] ?? 0);
    }
    this.joinedAll(true);
  }

  /**
   * The clusters of every document so far, as Work (pacer.ts): the exact join (exact duplicates, then every pair
   * of documents at or above the threshold, once), or LSH's.
   */
  private *clustering(): Work<void> {
    this.replay();
    const docs = this.lsh ? this.lsh.length : this.docs;
    if (this.clusteredDocs === docs) return;
    if (!this.lsh) {
      yield* this.joining();
      return;
    }
    const { duplicates, pairs } = yield* this.lsh.clustering(this.options.threshold, MAX_PAIR_EXAMPLES);
    this.clusteredDocs = docs;
    this.duplicates = duplicates;
    this.pairs = pairs;
  }

  /**
   * The clustering, ahead of finish, while the compression stream finishes (MetricUnit.settle), between the pacer's
   * pauses. With `beside`, the exact join's search is shared with the threads of the batch under way (join-split.ts):
   * this thread searches from the bottom, and they from the top once their jobs are done.
   */
  async settle(pacer: Pacer, beside?: BesideBatch): Promise<void> {
    this.replay();
    if (!beside || this.lsh || this.clusteredDocs === this.docs) {
      await runPaced(this.clustering(), pacer);
      return;
    }
    const planned = await runPaced(this.planned(true), pacer);
    if (!planned) return;
    const search = sharedSearch(planned.sets, planned.plan, this.options.threshold);
    const helped = beside(search);
    // Heard here if this thread stops first (an abort between two pieces): the pool rejects it as it ends.
    helped.catch(() => undefined);
    await runPaced(searchingFromBelow(search, this.together, this.joinPair), pacer);
    this.adopt(inRankOrder((await pacer.race(helped)) as FoundPiece[][]));
  }

  /**
   * Exact mode: joins two documents' clusters, keeping the first pairs that joined two clusters as examples (a
   * pair already together joins nothing).
   */
  private join(x: number, y: number, jaccard: number): void {
    if (this.clusters.union(x, y) && this.pairs.length < MAX_PAIR_EXAMPLES) this.pairs.push({ a: this.rowOf(x), b: this.rowOf(y), jaccard });
  }

  finish(): NearDuplicateFigures {
    runNow(this.clustering());
    let exactDuplicates = 0;
    this.exact.forEach((_key, count) => {
      exactDuplicates += count - 1;
    });
    const exactRate = this.records === 0 ? 0 : Math.min(1, (exactDuplicates * this.exact.scale) / this.records);
    return { nearDuplicateRate: this.nearRate(exactRate), exactDuplicateRate: { value: exactRate }, pairs: this.pairs.slice() };
  }

  /**
   * The near-duplicate rate over every record, never below `exactRate` (which is itself a sample's estimate past
   * its budget, so it may exceed the clusters' exact-key joins by its sampling error).
   */
  private nearRate(exactRate: number): Estimate {
    // More distinct sets than the join can rank: only exact duplicates were joined, a lower bound.
    if (this.joined === false) return { value: exactRate, ci95: [exactRate, 1] };
    return { value: this.records === 0 ? 0 : Math.max(exactRate, this.duplicates / this.records) };
  }

  /** Deletes the LSH store's temporary file; the metric is spent. */
  release(): void {
    this.lsh?.release();
  }
}

export const nearDuplicatesUnit = classUnit<NearDuplicates, NearDuplicateState, { minhash: MinHashOptions }>({
  name: 'nearDuplicates',
  create: (o) => new NearDuplicates(o.minhash),
  fromState: (state, o) => NearDuplicates.fromState(state, o.minhash),
  settle: (m, pacer, beside) => m.settle(pacer, beside),
  finishJobs: (m, ranges, pacer) => m.finishJobs(ranges, pacer),
  finishPhase: (m) => (m.splitsJoin() ? 1 : 0),
  runFinishJob: (job) => (isSharedSearch(job as object) ? searchFromTop(job as SharedSearch) : findPairs(job as JoinJob)),
  adoptFinishJobs: (m, results) => m.adopt(results as FoundPairs[]),
  finish(m, _records, o) {
    const { nearDuplicateRate, exactDuplicateRate, pairs } = m.finish();
    return {
      metrics: { nearDuplicateRate, exactDuplicateRate },
      profile: { nearDuplicatePairs: pairs },
      // LSH is a sketch of the exact join (docs/metrics.md states its measured error).
      estimated: nearDuplicateRate.ci95 || !o.minhash.exact ? ['nearDuplicateRate'] : [],
    };
  },
  off: { metrics: { nearDuplicateRate: { value: 0 }, exactDuplicateRate: { value: 0 } }, profile: { nearDuplicatePairs: [] } },
});
