/**
 * `distinct1`, `distinct2` (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural
 * Conversation Models": distinct n-grams / all n-grams) and the Shannon entropy (bits) of the unigram and
 * bigram distributions, over lower-cased word tokens (tokenize.ts). Bigrams stay inside a record.
 *
 * Counts are exact until `budget` distinct n-grams per table; beyond, the tables keep a distinct sample
 * (count-table.ts): distinct counts then come from HyperLogLog (relative standard error 1.04/sqrt(m),
 * reported as `distinctRelativeError`) and entropy from the sample, H = log2 N - (1/N) * 2^level *
 * sum(c log2 c) over kept n-grams. The unigram table also feeds the vocabulary tail and the top words.
 * The unigram table also counts, per word, the records that contain it (document frequency), for
 * vocabulary-tail-loss: topic words come in clumps, so how many records hold a word, not how often it
 * occurs, says whether a sample of records should hold it. Kept in the same table, it is sampled with the
 * word's occurrences, and every top word has it.
 * Within the exact limit (`spillAboveKeys` > 0) the bigrams go to an exact table that spills to temporary files
 * (exact-counts.ts) and the word tables have no budget: the figures are exact.
 */
import type { Estimate, VocabularyEntry } from '../../core/profile';
import { CountTable, type CountTableState } from './count-table';
import { ExactCounts, summarizePartitions, type ExactCountsJob, type ExactCountsState, type ExactCountsSummary } from './exact-counts';
import { ngramKeysInto } from './hashing';
import { HyperLogLog } from './hyperloglog';
import type { RecordView } from './record';
import type { Work } from './pacer';
import { classUnit, type UnitFigures } from './unit';
import { sortedCounts, topVocabulary, vocabularyTail, type VocabularyTailFigures } from './vocabulary-tail';

export interface DistinctState {
  /** With each word's record count (`records`). */
  unigrams: CountTableState;
  bigrams: CountTableState | { exact: ExactCountsState };
  words: number;
  bigramTotal: number;
}

/** The unigram figures with a word, the bigram figures with a bigram: none of nothing (core/profile.ts). */
export interface DistinctFigures {
  distinct1?: Estimate;
  distinct2?: Estimate;
  entropy1?: Estimate;
  entropy2?: Estimate;
  distinctRelativeError?: number;
}

/** Shannon entropy in bits of `total` n-grams from Σ c·log2 c over their counts (scaled up when sampled). */
function entropyOf(sumCLogC: number, scale: number, total: number): number {
  return total === 0 ? 0 : Math.max(0, Math.log2(total) - (scale * sumCLogC) / total);
}

/**
 * Σ c·log2 c over `counts`, in their order, as Work (pacer.ts). Summed over sorted counts: a table's slot order
 * depends on insertion order, and floating-point sums in another order could differ in the last bit between a
 * single pass and merged chunks. Counts of 1 add 1·log2(1) = 0.
 */
function* sumCLogC(counts: ArrayLike<number>): Work<number> {
  let sum = 0;
  yield {
    count: counts.length,
    run: (from, to) => {
      for (let i = from; i < to; i++) {
        const count = counts[i] ?? 0;
        sum += count * Math.log2(count);
      }
    },
  };
  return sum;
}

/** A sampled table's distinct n-grams and entropy, as Work. */
function* tableFigures(table: CountTable, total: number): Work<{ distinct: number; entropy: number }> {
  const { ascending } = yield* sortedCounts(table);
  return { distinct: table.distinct(), entropy: entropyOf(yield* sumCLogC(ascending), table.scale, total) };
}

/** Distinct keys and the entropy of an exact table, from one pass over it (in key order: the same sum for any chunking). */
function* exactFigures(table: ExactCounts, total: number): Work<{ distinct: number; entropy: number }> {
  const { distinct, repeated } = table.summary();
  // The summary leaves the counts of 1 out (exact-counts.ts).
  return { distinct, entropy: entropyOf(yield* sumCLogC(repeated ?? []), 1, total) };
}

/** The unigram table's share of the words unit's figures, which no finish job feeds (`WordNgrams.unigramFiguring`). */
interface UnigramFigures {
  entropy1: number;
  tail: VocabularyTailFigures;
  vocabulary: VocabularyEntry[];
}

/** The words unit's figures (`WordNgrams.figuring`). */
export interface WordFigures {
  distinct: DistinctFigures;
  tail: VocabularyTailFigures;
  vocabulary: VocabularyEntry[];
}

export class WordNgrams {
  unigrams: CountTable;
  private bigrams: CountTable | ExactCounts;
  words = 0;
  private bigramTotal = 0;
  /** The current record's bigram keys (grown, never shrunk). */
  private bigramKeys = new Float64Array(1024);
  /**
   * The unigram figures made ahead (`figuringAhead`, with the accumulator's options, as `figuring`'s), until
   * `figuring` takes them; an add or a merge drops them.
   */
  private ahead: UnigramFigures | undefined;

  constructor(budget: number, spillAboveKeys: number) {
    this.unigrams = new CountTable({ budget, labels: true, hll: true, records: true });
    this.bigrams = spillAboveKeys > 0 ? new ExactCounts(spillAboveKeys) : new CountTable({ budget, hll: true });
  }

  /**
   * The record's keys go into typed arrays first and each table takes them in one call: a key handed to a table
   * method one at a time was a heap number, and these were a third of a worker's garbage. Each table sees the
   * same keys in the same order as word by word (a word's record count is added at its first occurrence in the
   * record, if it is in the table's sample then).
   */
  add(record: RecordView): void {
    const t = record.words();
    const length = t.length;
    if (this.bigramKeys.length < length) this.bigramKeys = new Float64Array(length * 2);
    const bigrams = this.bigramKeys;
    this.ahead = undefined;
    ngramKeysInto(t.a, t.b, 2, length - 1, bigrams);
    this.unigrams.addRecord(record.wordKeys(), length, record.lower(), t.start, t.end);
    this.bigrams.addAll(bigrams, Math.max(0, length - 1));
    this.words += length;
    if (length > 1) this.bigramTotal += length - 1;
  }

  merge(other: WordNgrams): void {
    this.ahead = undefined;
    this.unigrams.merge(other.unigrams);
    if (this.bigrams instanceof ExactCounts) {
      if (other.bigrams instanceof ExactCounts) this.bigrams.merge(other.bigrams);
    } else if (other.bigrams instanceof CountTable) this.bigrams.merge(other.bigrams);
    this.words += other.words;
    this.bigramTotal += other.bigramTotal;
  }

  toState(): DistinctState {
    const bigrams = this.bigrams instanceof ExactCounts ? { exact: this.bigrams.toState() } : this.bigrams.toState();
    return { unigrams: this.unigrams.toState(), bigrams, words: this.words, bigramTotal: this.bigramTotal };
  }

  static fromState(state: DistinctState, budget: number, spillAboveKeys: number): WordNgrams {
    const w = new WordNgrams(budget, 0);
    w.unigrams = CountTable.fromState(state.unigrams);
    w.bigrams = 'exact' in state.bigrams ? ExactCounts.fromState(state.bigrams.exact, spillAboveKeys) : CountTable.fromState(state.bigrams);
    w.words = state.words;
    w.bigramTotal = state.bigramTotal;
    return w;
  }

  release(): void {
    if (this.bigrams instanceof ExactCounts) this.bigrams.release();
  }

  /** The exact bigram table's range jobs (exact-counts.ts). */
  finishJobs(ranges: number): ExactCountsJob[] {
    return this.bigrams instanceof ExactCounts ? this.bigrams.finishJobs(ranges) : [];
  }

  adopt(summaries: readonly ExactCountsSummary[]): void {
    if (this.bigrams instanceof ExactCounts) this.bigrams.adopt(summaries);
  }

  /**
   * The figures, the vocabulary's tail and its `vocabularySize` top words, as Work (pacer.ts): one step at 64 MB
   * before, ~50 ms of CPU (the whole vocabulary sorted as objects, then its counts twice more).
   */
  *figuring(vocabularySize: number): Work<WordFigures> {
    const bigrams = this.bigrams instanceof ExactCounts ? yield* exactFigures(this.bigrams, this.bigramTotal) : yield* tableFigures(this.bigrams, this.bigramTotal);
    const ahead = this.ahead;
    this.ahead = undefined;
    const { entropy1, tail, vocabulary } = ahead ?? (yield* this.unigramFiguring(vocabularySize));
    const sampled = this.unigrams.level > 0 || (this.bigrams instanceof CountTable && this.bigrams.level > 0);
    // A HyperLogLog estimate can exceed the n-grams it counted; a source cannot hold more distinct n-grams than n-grams.
    const unigram = this.words > 0;
    const bigram = this.bigramTotal > 0;
    const distinct: DistinctFigures = {
      ...(unigram ? { distinct1: { value: Math.min(1, this.unigrams.distinct() / this.words) } } : {}),
      ...(bigram ? { distinct2: { value: Math.min(1, bigrams.distinct / this.bigramTotal) } } : {}),
      ...(unigram ? { entropy1: { value: entropy1 } } : {}),
      ...(bigram ? { entropy2: { value: bigrams.entropy } } : {}),
      distinctRelativeError: sampled ? HyperLogLog.relativeError() : undefined,
    };
    return { distinct, tail, vocabulary };
  }

  /** The unigram figures, kept for `figuring` (see MetricUnit.figuringAhead): they need no bigram job's result. */
  *figuringAhead(vocabularySize: number): Work<void> {
    this.ahead = yield* this.unigramFiguring(vocabularySize);
  }

  /** The unigram table's figures: its entropy, the vocabulary's tail and its `vocabularySize` top words. */
  private *unigramFiguring(vocabularySize: number): Work<UnigramFigures> {
    const { ascending, hapax } = yield* sortedCounts(this.unigrams);
    const entropy1 = entropyOf(yield* sumCLogC(ascending), this.unigrams.scale, this.words);
    const tail = vocabularyTail(ascending, hapax, this.unigrams.scale);
    return { entropy1, tail, vocabulary: yield* topVocabulary(this.unigrams, vocabularySize, ascending) };
  }
}

/** The unit's part of the profile, made in one go or paced. */
function wordsFigures({ distinct, tail, vocabulary }: WordFigures): UnitFigures {
  return {
    metrics: { ...distinct, vocabularyTail: tail },
    profile: { vocabulary },
    estimated: distinct.distinctRelativeError === undefined ? [] : ['distinct1', 'distinct2', 'entropy1', 'entropy2', 'vocabularyTail'],
  };
}

/** `words`: distinct-n, entropy, the vocabulary tail (vocabulary-tail.ts) and the top words, from one word table. */
export const wordsUnit = classUnit<WordNgrams, DistinctState, { distinctBudget: number; spillAboveKeys: number; vocabularySize: number }>({
  name: 'words',
  create: (o) => new WordNgrams(o.distinctBudget, o.spillAboveKeys),
  fromState: (state, o) => WordNgrams.fromState(state, o.distinctBudget, o.spillAboveKeys),
  finishJobs: (m, ranges) => m.finishJobs(ranges),
  runFinishJob: (job) => summarizePartitions(job as ExactCountsJob),
  adoptFinishJobs: (m, results) => m.adopt(results as ExactCountsSummary[]),
  *finishing(m, _records, o) {
    return wordsFigures(yield* m.figuring(o.vocabularySize));
  },
  figuringAhead: (m, o) => m.figuringAhead(o.vocabularySize),
  off: {
    metrics: { distinct1: { value: 0 }, distinct2: { value: 0 }, entropy1: { value: 0 }, entropy2: { value: 0 }, vocabularyTail: { hapaxShare: { value: 0 }, zipfSlope: { value: 0 } } },
    profile: { vocabulary: [] },
  },
});
