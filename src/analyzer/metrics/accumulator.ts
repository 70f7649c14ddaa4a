/**
 * ProfileAccumulator: every metric of a source as one mergeable state. ANALYZER-IO calls `add` once per
 * record (its text fields joined with "\n"), splits big files across workers, moves states between threads
 * with `toState`/`fromState` (plain data, structured-clone safe) and merges chunks in file order; merging
 * gives exactly the figures of a single pass (each metric's file says how). `finish` gives the metric part
 * of a SourceProfile. `metrics` in the options enables a subset, so the bench can time each unit alone.
 */
import type { DiversityMetrics, RowRef, SourceProfile } from '../../core/profile';
import { AssistantArtifacts, type ArtifactsState } from './artifacts';
import { COMPRESSION_DEFAULTS, CompressionRatio, type CompressionOptions, type CompressionState } from './compression';
import { WordNgrams, type DistinctState } from './distinct';
import { ExcessVocabulary, type ExcessVocabularyState } from './excess-vocabulary';
import { Lengths, type LengthsState } from './lengths';
import { COUNT_TABLE_BYTES_PER_KEY } from './count-table';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, MINHASH_BYTES_PER_DOC, NearDuplicates, type MinHashOptions, type NearDuplicateState } from './minhash';
import { NgramDiversity, type NgramDiversityState } from './ngram-diversity';
import { Openings, type OpeningsState } from './openings';
import { RecordView } from './record';
import { SELF_REPETITION_BYTES_PER_GRAM, SelfRepetition, type SelfRepetitionState } from './self-repetition';
import { topVocabulary, vocabularyTail } from './vocabulary-tail';

/** The units that can be enabled one by one (`words` = distinct-n, entropy, vocabulary tail and top words). */
export const metricNames = [
  'lengths',
  'compression',
  'ngramDiversity',
  'selfRepetition',
  'words',
  'nearDuplicates',
  'openings',
  'artifacts',
  'excessVocabulary',
] as const;
export type MetricName = (typeof metricNames)[number];

export interface AccumulatorOptions {
  /** Units to compute; all by default. Figures of disabled units are 0. */
  metrics: readonly MetricName[];
  compression: CompressionOptions;
  /** Distinct n-grams per table kept exactly before HyperLogLog / sampling (ngramDiversity, words). */
  distinctBudget: number;
  /** 4-gram occurrences kept exactly for selfRepetition. */
  selfRepetitionBudget: number;
  /** Distinct openings kept exactly. */
  openingsBudget: number;
  minhash: MinHashOptions;
  /** Words kept in `vocabulary`. */
  vocabularySize: number;
  extraPhrases: string[];
  extraStyleWords: string[];
}

const MiB = 1024 * 1024;

/** Most keys of `bytesPerKey` that fit in `bytes`, rounded down to a power of two (tables then fill exactly half). */
function keysIn(bytes: number, bytesPerKey: number): number {
  return 2 ** Math.floor(Math.log2(bytes / bytesPerKey));
}

/**
 * What one accumulator keeps for exact figures, in bytes, by unit; beyond its share a unit switches to its
 * sketch and says so in `estimated`. Every worker holds one accumulator and the pool's thread the merged one
 * plus the chunk being merged, so these shares bound the memory of an analysis whatever the input size
 * (docs/metrics.md, "Exact figures, budgets and `estimated`"). Sum: ACCUMULATOR_MEMORY_BYTES.
 */
export const MEMORY_SHARES = {
  /** Each of the 6 tables of ngramDiversity (n = 1..4) and words (unigrams, bigrams). */
  distinctTable: 0.75 * MiB,
  /** selfRepetition's stored 4-grams and their document counts. */
  selfRepetition: 4 * MiB,
  /** nearDuplicates' signatures and band tables. */
  minhash: 6 * MiB,
  /** exactDuplicateRate's document hashes. */
  exactDuplicates: 1.5 * MiB,
  /** Each of the 2 opening tables, without their labels (a few words each). */
  openingsTable: 0.375 * MiB,
  /** compressionRatio's texts (UTF-8 bytes; held as JS strings, 1-2 bytes a character). */
  compression: COMPRESSION_DEFAULTS.exactBytes,
};
export const ACCUMULATOR_MEMORY_BYTES =
  6 * MEMORY_SHARES.distinctTable +
  MEMORY_SHARES.selfRepetition +
  MEMORY_SHARES.minhash +
  MEMORY_SHARES.exactDuplicates +
  2 * MEMORY_SHARES.openingsTable +
  MEMORY_SHARES.compression;

export const ACCUMULATOR_DEFAULTS: AccumulatorOptions = {
  metrics: metricNames,
  compression: COMPRESSION_DEFAULTS,
  distinctBudget: keysIn(MEMORY_SHARES.distinctTable, COUNT_TABLE_BYTES_PER_KEY),
  selfRepetitionBudget: keysIn(MEMORY_SHARES.selfRepetition, SELF_REPETITION_BYTES_PER_GRAM),
  openingsBudget: keysIn(MEMORY_SHARES.openingsTable, COUNT_TABLE_BYTES_PER_KEY),
  minhash: {
    maxDocs: Math.floor(MEMORY_SHARES.minhash / MINHASH_BYTES_PER_DOC),
    threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    exactBudget: keysIn(MEMORY_SHARES.exactDuplicates, COUNT_TABLE_BYTES_PER_KEY),
  },
  vocabularySize: 20_000,
  extraPhrases: [],
  extraStyleWords: [],
};

export interface AccumulatorState {
  version: 1;
  options: AccumulatorOptions;
  records: number;
  lengths?: LengthsState;
  compression?: CompressionState;
  ngramDiversity?: NgramDiversityState;
  selfRepetition?: SelfRepetitionState;
  words?: DistinctState;
  nearDuplicates?: NearDuplicateState;
  openings?: OpeningsState;
  artifacts?: ArtifactsState;
  excessVocabulary?: ExcessVocabularyState;
}

export type AccumulatedFigures = Pick<
  SourceProfile,
  'records' | 'words' | 'chars' | 'tokensEstimate' | 'metrics' | 'lengths' | 'nearDuplicatePairs' | 'vocabulary'
>;

interface Units {
  lengths?: Lengths;
  compression?: CompressionRatio;
  ngramDiversity?: NgramDiversity;
  selfRepetition?: SelfRepetition;
  words?: WordNgrams;
  nearDuplicates?: NearDuplicates;
  openings?: Openings;
  artifacts?: AssistantArtifacts;
  excessVocabulary?: ExcessVocabulary;
}

function createUnits(o: AccumulatorOptions): Units {
  const on = new Set(o.metrics);
  return {
    lengths: on.has('lengths') ? new Lengths() : undefined,
    compression: on.has('compression') ? new CompressionRatio(o.compression) : undefined,
    ngramDiversity: on.has('ngramDiversity') ? new NgramDiversity(o.distinctBudget) : undefined,
    selfRepetition: on.has('selfRepetition') ? new SelfRepetition(o.selfRepetitionBudget) : undefined,
    words: on.has('words') ? new WordNgrams(o.distinctBudget) : undefined,
    nearDuplicates: on.has('nearDuplicates') ? new NearDuplicates(o.minhash) : undefined,
    openings: on.has('openings') ? new Openings(o.openingsBudget) : undefined,
    artifacts: on.has('artifacts') ? new AssistantArtifacts(o.extraPhrases) : undefined,
    excessVocabulary: on.has('excessVocabulary') ? new ExcessVocabulary(o.extraStyleWords) : undefined,
  };
}

export class ProfileAccumulator {
  readonly options: AccumulatorOptions;
  private records = 0;
  private units: Units;
  private readonly view = new RecordView();

  constructor(options: Partial<AccumulatorOptions> = {}) {
    this.options = { ...ACCUMULATOR_DEFAULTS, ...options };
    this.units = createUnits(this.options);
  }

  /** `responseStart`: where the record's response begins in `text` (see ExtractedText); 0 for single-field records. */
  add(text: string, row: RowRef, responseStart = 0): void {
    this.records++;
    const v = this.view;
    v.reset(text, row, responseStart);
    const u = this.units;
    u.lengths?.add(v);
    u.compression?.add(text);
    u.ngramDiversity?.add(v);
    u.selfRepetition?.add(v);
    u.words?.add(v);
    u.nearDuplicates?.add(v);
    u.openings?.add(v);
    u.artifacts?.add(v);
    u.excessVocabulary?.add(v);
  }

  /** Appends a chunk that follows this one in file order. */
  merge(other: ProfileAccumulator): void {
    this.records += other.records;
    const u = this.units;
    const o = other.units;
    if (u.lengths && o.lengths) u.lengths.merge(o.lengths);
    if (u.compression && o.compression) u.compression.merge(o.compression);
    if (u.ngramDiversity && o.ngramDiversity) u.ngramDiversity.merge(o.ngramDiversity);
    if (u.selfRepetition && o.selfRepetition) u.selfRepetition.merge(o.selfRepetition);
    if (u.words && o.words) u.words.merge(o.words);
    if (u.nearDuplicates && o.nearDuplicates) u.nearDuplicates.merge(o.nearDuplicates);
    if (u.openings && o.openings) u.openings.merge(o.openings);
    if (u.artifacts && o.artifacts) u.artifacts.merge(o.artifacts);
    if (u.excessVocabulary && o.excessVocabulary) u.excessVocabulary.merge(o.excessVocabulary);
  }

  toState(): AccumulatorState {
    const u = this.units;
    return {
      version: 1,
      options: this.options,
      records: this.records,
      lengths: u.lengths?.toState(),
      compression: u.compression?.toState(),
      ngramDiversity: u.ngramDiversity?.toState(),
      selfRepetition: u.selfRepetition?.toState(),
      words: u.words?.toState(),
      nearDuplicates: u.nearDuplicates?.toState(),
      openings: u.openings?.toState(),
      artifacts: u.artifacts?.toState(),
      excessVocabulary: u.excessVocabulary?.toState(),
    };
  }

  static fromState(s: AccumulatorState): ProfileAccumulator {
    const acc = new ProfileAccumulator(s.options);
    const o = s.options;
    acc.records = s.records;
    acc.units = {
      lengths: s.lengths && Lengths.fromState(s.lengths),
      compression: s.compression && CompressionRatio.fromState(s.compression, o.compression),
      ngramDiversity: s.ngramDiversity && NgramDiversity.fromState(s.ngramDiversity, o.distinctBudget),
      selfRepetition: s.selfRepetition && SelfRepetition.fromState(s.selfRepetition, o.selfRepetitionBudget),
      words: s.words && WordNgrams.fromState(s.words, o.distinctBudget),
      nearDuplicates: s.nearDuplicates && NearDuplicates.fromState(s.nearDuplicates, o.minhash),
      openings: s.openings && Openings.fromState(s.openings, o.openingsBudget),
      artifacts: s.artifacts && AssistantArtifacts.fromState(s.artifacts, o.extraPhrases),
      excessVocabulary: s.excessVocabulary && ExcessVocabulary.fromState(s.excessVocabulary, o.extraStyleWords),
    };
    return acc;
  }

  finish(): AccumulatedFigures {
    const u = this.units;
    const zero = { value: 0 };
    const estimated: string[] = [];
    const lengths = u.lengths?.finish();
    const compression = u.compression?.finish();
    if (compression?.blocks) estimated.push('compressionRatio');
    if (u.ngramDiversity?.estimated) estimated.push('ngramDiversity');
    if (u.selfRepetition?.estimated) estimated.push('selfRepetition');
    const words = u.words?.finish();
    if (words?.distinctRelativeError !== undefined) estimated.push('distinct1', 'distinct2', 'entropy1', 'entropy2', 'vocabularyTail');
    const near = u.nearDuplicates?.finish();
    if (near && near.nearDuplicateRecords < this.records) estimated.push('nearDuplicateRate');
    const openings = u.openings?.finish();
    const artifacts = u.artifacts?.finish();
    const excess = u.excessVocabulary?.finish();
    const tail = u.words ? vocabularyTail(u.words.unigrams) : undefined;
    const metrics: DiversityMetrics = {
      compressionRatio: compression?.ratio ?? zero,
      ngramDiversity: u.ngramDiversity?.finish() ?? zero,
      selfRepetition: u.selfRepetition?.finish() ?? zero,
      distinct1: words?.distinct1 ?? zero,
      distinct2: words?.distinct2 ?? zero,
      entropy1: words?.entropy1 ?? zero,
      entropy2: words?.entropy2 ?? zero,
      distinctRelativeError: words?.distinctRelativeError,
      nearDuplicateRate: near?.nearDuplicateRate ?? zero,
      exactDuplicateRate: near?.exactDuplicateRate ?? zero,
      templateOpenings: openings ?? { share3: zero, share5: zero, top3: [], top5: [] },
      assistantArtifacts: artifacts ?? { rate: zero, examples: [] },
      excessVocabulary: excess ?? { per1000: zero, top: [] },
      vocabularyTail: tail ?? { hapaxShare: zero, zipfSlope: zero },
      compressionBlocks: compression?.blocks,
      nearDuplicateRecords: near?.nearDuplicateRecords,
      estimated: estimated.length > 0 ? estimated : undefined,
    };
    return {
      records: this.records,
      words: lengths?.words ?? 0,
      chars: lengths?.chars ?? 0,
      tokensEstimate: lengths?.tokensEstimate ?? 0,
      metrics,
      lengths: lengths?.lengths ?? { chars: { bounds: [], counts: [] }, words: { bounds: [], counts: [] } },
      nearDuplicatePairs: near?.pairs ?? [],
      vocabulary: u.words ? topVocabulary(u.words.unigrams, this.options.vocabularySize) : [],
    };
  }
}
