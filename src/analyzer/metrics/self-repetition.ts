/**
 * `selfRepetition` as `self_repetition_score` of the `diversity` package (Shaib et al. 2024;
 * diversity/self_repetition.py, after Salkar et al. 2022): for each document, the set of its 4-grams of
 * `doc.split()`; s_d = sum over that set of the number of *other* documents containing the 4-gram; the
 * score is the mean over documents of ln(s_d + 1). Higher = documents reuse each other's phrases.
 *
 * The score needs every document's 4-grams until the last document is seen (the log is per document), so
 * they are kept, up to `budget` stored 4-grams. Beyond it only 4-grams whose key has `level` low zero
 * bits are kept (in the per-document lists and in the document counts alike), with each document's number
 * of distinct 4-grams n_d. s_d is then estimated as n_d times the mean of (count - 1) over the document's
 * kept 4-grams (a ratio estimator: the log of it is far less biased than the log of 2^level times the
 * sampled sum, which is 0 whenever a short document has no kept 4-gram); a document with none kept gets
 * n_d times that mean over all kept 4-grams. Documents without kept 4-grams are only counted by n_d. The
 * level is the smallest whose sample fits, so merging stays exact. Within the exact limit (`spillAboveKeys` > 0)
 * the unit runs self-repetition-exact.ts instead: every 4-gram, spilled to temporary files, no sample.
 */
import type { Estimate } from '../../core/profile';
import { COUNT_TABLE_BYTES_PER_KEY, CountTable, inSample, type CountTableState } from './count-table';
import { ngramKey } from './hashing';
import type { RecordView } from './record';
import { ExactSelfRepetition, sharedInPartitions, type ExactSelfRepetitionState, type SelfRepetitionJob } from './self-repetition-exact';
import type { MetricUnit } from './unit';

const N = 4;
/** Memory per stored 4-gram: its key (8 bytes) and, at most, its own entry in the document counts. */
export const SELF_REPETITION_BYTES_PER_GRAM = 8 + COUNT_TABLE_BYTES_PER_KEY;

export interface SelfRepetitionState {
  documents: number;
  grams: Float64Array;
  /** End offset in `grams` of each document that has at least one kept 4-gram. */
  ends: Uint32Array;
  /** Distinct 4-grams (kept or not) of each of those documents. */
  sizes: Uint32Array;
  /** Documents with 4-grams but none kept: [n_d, documents] pairs. */
  unkept: number[];
  level: number;
  df: CountTableState;
}

export class SelfRepetition {
  private documents = 0;
  private grams = new Float64Array(1024);
  private gramCount = 0;
  private ends = new Uint32Array(256);
  private sizes = new Uint32Array(256);
  private endCount = 0;
  /** n_d -> documents with that many distinct 4-grams and none kept (only once sampled). */
  private unkept = new Map<number, number>();
  private level = 0;
  private df: CountTable;
  private scratch = new Float64Array(1024);

  constructor(private readonly budget: number) {
    // The document counts follow this metric's level (raiseTo), never sampling on their own.
    this.df = new CountTable({ budget: 2 ** 31 });
  }

  private get divisor(): number {
    return 2 ** this.level;
  }

  add(record: RecordView): void {
    this.documents++;
    const t = record.whitespaceTokens();
    const count = t.length - N + 1;
    if (count <= 0) return;
    if (this.scratch.length < count) this.scratch = new Float64Array(count * 2);
    for (let i = 0; i < count; i++) this.scratch[i] = ngramKey(t.a, t.b, i, N);
    this.pushDocument(this.scratch.subarray(0, count).sort());
  }

  /** Appends one document's sorted keys, de-duplicated, and counts each kept one once in the document frequencies. */
  private pushDocument(sorted: Float64Array): void {
    const divisor = this.divisor;
    let previous = -1;
    let distinct = 0;
    const start = this.gramCount;
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i] ?? 0;
      if (key === previous) continue;
      previous = key;
      distinct++;
      if (!inSample(key, divisor)) continue;
      this.pushGram(key);
      this.df.add(key);
    }
    this.endDocument(start, distinct);
    if (this.gramCount > this.budget) this.raiseLevel();
  }

  /** Closes the document whose kept 4-grams start at `start`: stored if any were kept, else counted by size. */
  private endDocument(start: number, distinct: number): void {
    if (this.gramCount > start) this.pushEnd(this.gramCount, distinct);
    else if (distinct > 0) this.unkept.set(distinct, (this.unkept.get(distinct) ?? 0) + 1);
  }

  private pushGram(key: number): void {
    if (this.gramCount === this.grams.length) {
      const grown = new Float64Array(this.grams.length * 2);
      grown.set(this.grams);
      this.grams = grown;
    }
    this.grams[this.gramCount++] = key;
  }

  private pushEnd(end: number, distinct: number): void {
    if (this.endCount === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      const sizes = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      sizes.set(this.sizes);
      this.ends = ends;
      this.sizes = sizes;
    }
    this.sizes[this.endCount] = distinct;
    this.ends[this.endCount++] = end;
  }

  private raiseLevel(): void {
    while (this.gramCount > this.budget) {
      this.level++;
      this.filterTo(this.divisor);
    }
    this.df.raiseTo(this.level);
  }

  /** Drops the 4-grams outside the sample from the per-document lists. */
  private filterTo(divisor: number): void {
    let write = 0;
    let endWrite = 0;
    let from = 0;
    for (let d = 0; d < this.endCount; d++) {
      const end = this.ends[d] ?? 0;
      const size = this.sizes[d] ?? 0;
      const before = write;
      for (let i = from; i < end; i++) {
        const key = this.grams[i] ?? 0;
        if (inSample(key, divisor)) this.grams[write++] = key;
      }
      if (write > before) {
        this.sizes[endWrite] = size;
        this.ends[endWrite++] = write;
      } else this.unkept.set(size, (this.unkept.get(size) ?? 0) + 1);
      from = end;
    }
    this.gramCount = write;
    this.endCount = endWrite;
  }

  merge(other: SelfRepetition): void {
    if (other.level > this.level) {
      this.level = other.level;
      this.filterTo(this.divisor);
      this.df.raiseTo(this.level);
    }
    const divisor = this.divisor;
    let from = 0;
    for (let d = 0; d < other.endCount; d++) {
      const end = other.ends[d] ?? 0;
      const start = this.gramCount;
      for (let i = from; i < end; i++) {
        const key = other.grams[i] ?? 0;
        if (inSample(key, divisor)) this.pushGram(key);
      }
      this.endDocument(start, other.sizes[d] ?? 0);
      from = end;
    }
    for (const [size, documents] of other.unkept) this.unkept.set(size, (this.unkept.get(size) ?? 0) + documents);
    this.df.merge(other.df);
    this.df.raiseTo(this.level);
    this.documents += other.documents;
    if (this.gramCount > this.budget) this.raiseLevel();
  }

  toState(): SelfRepetitionState {
    return {
      documents: this.documents,
      grams: this.grams.slice(0, this.gramCount),
      ends: this.ends.slice(0, this.endCount),
      sizes: this.sizes.slice(0, this.endCount),
      unkept: [...this.unkept].flat(),
      level: this.level,
      df: this.df.toState(),
    };
  }

  static fromState(state: SelfRepetitionState, budget: number): SelfRepetition {
    const s = new SelfRepetition(budget);
    s.documents = state.documents;
    s.grams = state.grams.length > 0 ? state.grams.slice() : new Float64Array(16);
    s.gramCount = state.grams.length;
    s.ends = state.ends.length > 0 ? state.ends.slice() : new Uint32Array(16);
    s.sizes = state.sizes.length > 0 ? state.sizes.slice() : new Uint32Array(16);
    s.endCount = state.ends.length;
    for (let i = 0; i + 1 < state.unkept.length; i += 2) s.unkept.set(state.unkept[i] ?? 0, state.unkept[i + 1] ?? 0);
    s.level = state.level;
    s.df = CountTable.fromState(state.df);
    return s;
  }

  get estimated(): boolean {
    return this.level > 0;
  }

  finish(): Estimate {
    if (this.documents === 0) return { value: 0 };
    const exact = this.level === 0;
    let total = 0;
    let sharedAll = 0;
    let from = 0;
    for (let d = 0; d < this.endCount; d++) {
      const end = this.ends[d] ?? 0;
      let shared = 0;
      for (let i = from; i < end; i++) shared += this.df.count(this.grams[i] ?? 0) - 1;
      sharedAll += shared;
      total += Math.log((exact ? shared : ((this.sizes[d] ?? 0) * shared) / (end - from)) + 1);
      from = end;
    }
    if (!exact) {
      // Summed in order of n_d: the map's order depends on insertion order, which chunking changes.
      const mean = this.gramCount === 0 ? 0 : sharedAll / this.gramCount;
      for (const [size, documents] of [...this.unkept].sort((x, y) => x[0] - y[0])) total += documents * Math.log(size * mean + 1);
    }
    return { value: total / this.documents };
  }
}

type Repetition = SelfRepetition | ExactSelfRepetition;
/** The unit's state: the sketching metric's or, within the exact limit, the exact one's. */
export type SelfRepetitionUnitState = { sketch: SelfRepetitionState } | { exact: ExactSelfRepetitionState };

export const selfRepetitionUnit: MetricUnit<Repetition, SelfRepetitionUnitState, { selfRepetitionBudget: number; spillAboveKeys: number }> = {
  name: 'selfRepetition',
  create: (o) => (o.spillAboveKeys > 0 ? new ExactSelfRepetition(o.spillAboveKeys) : new SelfRepetition(o.selfRepetitionBudget)),
  add: (m, record) => m.add(record),
  // Chunks of one source share its options, so both sides are of one kind.
  merge(m, later) {
    if (m instanceof ExactSelfRepetition) {
      if (later instanceof ExactSelfRepetition) m.merge(later);
    } else if (later instanceof SelfRepetition) m.merge(later);
  },
  toState: (m) => (m instanceof ExactSelfRepetition ? { exact: m.toState() } : { sketch: m.toState() }),
  fromState: (state, o) => ('exact' in state ? ExactSelfRepetition.fromState(state.exact, o.spillAboveKeys) : SelfRepetition.fromState(state.sketch, o.selfRepetitionBudget)),
  release: (m) => {
    if (m instanceof ExactSelfRepetition) m.release();
  },
  finishJobs: (m, ranges) => (m instanceof ExactSelfRepetition ? m.finishJobs(ranges) : []),
  runFinishJob: (job) => sharedInPartitions(job as SelfRepetitionJob),
  adoptFinishJobs: (m, results) => {
    if (m instanceof ExactSelfRepetition) m.adopt(results as Float64Array[]);
  },
  finish: (m) => ({ metrics: { selfRepetition: m.finish() }, estimated: m instanceof SelfRepetition && m.estimated ? ['selfRepetition'] : [] }),
  off: { metrics: { selfRepetition: { value: 0 } } },
};
