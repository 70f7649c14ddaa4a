/**
 * `selfRepetition` (self-repetition.ts) exactly, in bounded memory, for sources within the exact limit. The score
 * is the mean over documents of ln(s_d + 1), s_d = Σ over the document's distinct 4-grams g of (df(g) − 1), df(g)
 * the documents containing g. Every (4-gram, document) pair is kept, a run of them spilled to a temporary file
 * (spill-runs.ts) whenever `memoryPairs` are held. At the end, one partition of the 4-grams at a time: the
 * partition's pairs give each 4-gram's df, and each pair adds df − 1 to its document's s_d. A 4-gram lies in one
 * partition, so each df is whole when it is used; only s (a number per document) spans the partitions.
 *
 * Document numbers in a run are the accumulator's own; a merged run keeps the base of the chunk that wrote it,
 * so s_d lands on the document's place in file order. s_d are integer sums, exact in a float64, and the logs are
 * added in document order: merged chunks give the single pass's figure to the last bit.
 *
 * The pass over the partitions is cut into jobs of partition ranges (`finishJobs`) that other threads run
 * (`sharedInPartitions`, the pool's workers at settle); each gives every document's s_d over its range, and
 * `adopt` adds them up: integer sums again, so the figure is the same to the last bit.
 */
import type { Estimate } from '../../core/profile';
import { ngramKeysInto } from './hashing';
import type { RecordView } from './record';
import { ScratchTable } from './scratch-table';
import { partitionRanges } from './exact-counts';
import { deleteRuns, PARTITIONS, RunFile, RunReader, watchSpillFolder, type FileRun, type SpillRun } from './spill-runs';

const N = 4;

/** A run of pairs and the number of the first document of the chunk that wrote it. */
interface PairRun {
  run: SpillRun;
  base: number;
}

/** A range of partitions of the pairs' runs, for another thread. */
export interface SelfRepetitionJob {
  runs: { run: FileRun; base: number }[];
  documents: number;
  from: number;
  to: number;
}

export interface ExactSelfRepetitionState {
  documents: number;
  /** The pairs still in memory: 4-gram keys and their documents' numbers. */
  grams: Float64Array;
  docs: Uint32Array;
  runs: PairRun[];
}

export class ExactSelfRepetition {
  private documents = 0;
  private grams: Float64Array;
  private docs: Uint32Array;
  private pairs = 0;
  private runs: PairRun[] = [];
  /** Where this table's runs are written. */
  private readonly file = new RunFile();
  private scratch = new Float64Array(1024);
  /** The current document's distinct 4-grams (a hash table, where sorting them cost a twentieth of a worker's CPU). */
  private readonly seen = new ScratchTable();
  /** Every document's s_d as the jobs made it (adopt), until anything is added. */
  private adopted: Float64Array | undefined;

  constructor(private readonly memoryPairs: number) {
    watchSpillFolder();
    this.grams = new Float64Array(Math.min(memoryPairs, 1024));
    this.docs = new Uint32Array(this.grams.length);
  }

  add(record: RecordView): void {
    this.adopted = undefined;
    const doc = this.documents++;
    const t = record.whitespaceTokens();
    const count = t.length - N + 1;
    if (count <= 0) return;
    if (this.scratch.length < count) this.scratch = new Float64Array(count * 2);
    const keys = this.scratch;
    ngramKeysInto(t.a, t.b, N, count, keys);
    // The document's distinct 4-grams in first-seen order: the pairs' order within a document changes no sum.
    const seen = this.seen;
    seen.reset(count);
    for (let i = 0; i < count; i++) {
      const key = keys[i] ?? 0;
      if (!seen.add(key, 0)) continue;
      if (this.pairs === this.grams.length) this.makeRoom();
      this.grams[this.pairs] = key;
      this.docs[this.pairs++] = doc;
    }
  }

  private push(key: number, doc: number): void {
    if (this.pairs === this.grams.length) this.makeRoom();
    this.grams[this.pairs] = key;
    this.docs[this.pairs++] = doc;
  }

  private makeRoom(): void {
    if (this.pairs >= this.memoryPairs) this.spill();
    else this.grow();
  }

  private grow(): void {
    const size = Math.min(this.memoryPairs, this.grams.length * 2);
    const grams = new Float64Array(size);
    const docs = new Uint32Array(size);
    grams.set(this.grams);
    docs.set(this.docs);
    this.grams = grams;
    this.docs = docs;
  }

  private spill(): void {
    this.runs.push({ run: this.file.write(this.grams, this.docs, this.pairs), base: 0 });
    this.pairs = 0;
  }

  /** Appends a later chunk: its documents follow this one's. `other` is spent. */
  merge(other: ExactSelfRepetition): void {
    this.adopted = undefined;
    const base = this.documents;
    for (const r of other.runs) this.runs.push({ run: r.run, base: r.base + base });
    other.runs = [];
    for (let i = 0; i < other.pairs; i++) this.push(other.grams[i] ?? 0, (other.docs[i] ?? 0) + base);
    this.documents += other.documents;
  }

  toState(): ExactSelfRepetitionState {
    return { documents: this.documents, grams: this.grams.slice(0, this.pairs), docs: this.docs.slice(0, this.pairs), runs: this.runs };
  }

  static fromState(state: ExactSelfRepetitionState, memoryPairs: number): ExactSelfRepetition {
    const s = new ExactSelfRepetition(memoryPairs);
    s.documents = state.documents;
    s.grams = state.grams.length > 0 ? state.grams : s.grams;
    s.docs = state.docs.length > 0 ? state.docs : s.docs;
    s.pairs = state.grams.length;
    s.runs = state.runs.map((r) => ({ run: s.file.adopt(r.run), base: r.base }));
    return s;
  }

  release(): void {
    deleteRuns(this.runs.map((r) => r.run));
    this.runs = [];
  }

  /** The range jobs of the pass over the partitions, or none when nothing was spilled (the pass is then over memory). */
  finishJobs(ranges: number): SelfRepetitionJob[] {
    if (this.runs.length === 0) return [];
    if (this.pairs > 0) this.spill();
    const runs = this.fileRuns();
    return partitionRanges(ranges).map(([from, to]) => ({ runs, documents: this.documents, from, to }));
  }

  /** The runs, each in a file. */
  private fileRuns(): { run: FileRun; base: number }[] {
    return this.runs.map((r) => ({ run: this.file.adopt(r.run), base: r.base }));
  }

  /** The results of `finishJobs`' jobs (any order: the sums are of integers). */
  adopt(shares: readonly Float64Array[]): void {
    const shared = new Float64Array(this.documents);
    for (const part of shares) for (let d = 0; d < shared.length; d++) shared[d] = (shared[d] ?? 0) + (part[d] ?? 0);
    this.adopted = shared;
  }

  finish(): Estimate {
    if (this.documents === 0) return { value: 0 };
    let shared = this.adopted;
    if (!shared) {
      if (this.runs.length === 0) {
        shared = new Float64Array(this.documents);
        addShared(shared, [{ keys: this.grams.subarray(0, this.pairs), values: this.docs.subarray(0, this.pairs), base: 0 }]);
      } else {
        if (this.pairs > 0) this.spill();
        shared = sharedInPartitions({ runs: this.fileRuns(), documents: this.documents, from: 0, to: PARTITIONS });
      }
    }
    let total = 0;
    for (const s of shared) total += Math.log(s + 1);
    return { value: total / this.documents };
  }
}

/** Runs a range job (in any thread): every document's s_d over the 4-grams of the range's partitions. */
export function sharedInPartitions(job: SelfRepetitionJob): Float64Array {
  const shared = new Float64Array(job.documents);
  const reader = new RunReader(job.runs.map((r) => r.run));
  try {
    for (let p = job.from; p < job.to; p++) addShared(shared, reader.parts(p).map((part, i) => ({ ...part, base: job.runs[i]?.base ?? 0 })));
  } finally {
    reader.close();
  }
  return shared;
}

/** Each 4-gram's document frequency within one partition, in one table reused for every partition (sized once per partition). */
const df = new ScratchTable();

/** Adds to each document's s_d, from pairs that hold every document of their 4-grams: df − 1 per pair. */
function addShared(shared: Float64Array, parts: readonly { keys: Float64Array; values: Uint32Array; base: number }[]): void {
  let pairs = 0;
  for (const { keys } of parts) pairs += keys.length;
  df.reset(pairs);
  for (const { keys } of parts) for (let i = 0; i < keys.length; i++) df.add(keys[i] ?? 0, 1);
  for (const { keys, values, base } of parts) {
    for (let i = 0; i < keys.length; i++) {
      const doc = base + (values[i] ?? 0);
      shared[doc] = (shared[doc] ?? 0) + df.sumOf(keys[i] ?? 0) - 1;
    }
  }
}
