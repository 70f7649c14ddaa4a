/**
 * `selfRepetition` as `self_repetition_score` of the `diversity` package (Shaib et al. 2024;
 * diversity/self_repetition.py, after Salkar et al. 2022): for each document, the set of its 4-grams of
 * `doc.split()`; s_d = sum over that set of the number of *other* documents containing the 4-gram; the
 * score is the mean over documents of ln(s_d + 1). Higher = documents reuse each other's phrases.
 *
 * The score needs every document's 4-grams until the last document is seen (the log is per document), so
 * they are kept, up to `budget` stored 4-grams. Beyond it only 4-grams whose key has `level` low zero
 * bits are kept (in the per-document lists and in the document counts alike) and s_d is estimated as
 * 2^level times the sampled sum; the mean of logs of that estimate is slightly biased for short documents
 * (docs/metrics.md). The level is the smallest whose sample fits, so merging stays exact.
 */
import type { Estimate } from '../../core/profile';
import { CountTable, type CountTableState } from './count-table';
import { ngramKey } from './hashing';
import type { RecordView } from './record';

const N = 4;

export interface SelfRepetitionState {
  documents: number;
  grams: Float64Array;
  /** End offset in `grams` of each document that has at least one kept 4-gram. */
  ends: Uint32Array;
  level: number;
  df: CountTableState;
}

export class SelfRepetition {
  private documents = 0;
  private grams = new Float64Array(1024);
  private gramCount = 0;
  private ends = new Uint32Array(256);
  private endCount = 0;
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
    const divisor = this.divisor;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const key = ngramKey(t.a, t.b, i, N);
      if (divisor === 1 || key % divisor === 0) this.scratch[kept++] = key;
    }
    this.pushDocument(this.scratch.subarray(0, kept).sort());
  }

  /** Appends one document's sorted keys, de-duplicated, and counts each once in the document frequencies. */
  private pushDocument(sorted: Float64Array): void {
    let previous = -1;
    const start = this.gramCount;
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i] ?? 0;
      if (key === previous) continue;
      previous = key;
      this.pushGram(key);
      this.df.add(key);
    }
    if (this.gramCount > start) this.pushEnd(this.gramCount);
    if (this.gramCount > this.budget) this.raiseLevel();
  }

  private pushGram(key: number): void {
    if (this.gramCount === this.grams.length) {
      const grown = new Float64Array(this.grams.length * 2);
      grown.set(this.grams);
      this.grams = grown;
    }
    this.grams[this.gramCount++] = key;
  }

  private pushEnd(end: number): void {
    if (this.endCount === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
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
      const before = write;
      for (let i = from; i < end; i++) {
        const key = this.grams[i] ?? 0;
        if (key % divisor === 0) this.grams[write++] = key;
      }
      if (write > before) this.ends[endWrite++] = write;
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
        if (divisor === 1 || key % divisor === 0) this.pushGram(key);
      }
      if (this.gramCount > start) this.pushEnd(this.gramCount);
      from = end;
    }
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
    s.endCount = state.ends.length;
    s.level = state.level;
    s.df = CountTable.fromState(state.df);
    return s;
  }

  get estimated(): boolean {
    return this.level > 0;
  }

  finish(): Estimate {
    if (this.documents === 0) return { value: 0 };
    const scale = this.divisor;
    let total = 0;
    let from = 0;
    for (let d = 0; d < this.endCount; d++) {
      const end = this.ends[d] ?? 0;
      let shared = 0;
      for (let i = from; i < end; i++) shared += this.df.count(this.grams[i] ?? 0) - 1;
      total += Math.log(shared * scale + 1);
      from = end;
    }
    return { value: total / this.documents };
  }
}
