/**
 * What the analyzer learned about one source's data. Produced by src/analyzer, read by data rules,
 * the report and the editor. Plain data (structured-clone and JSON safe) so it crosses worker,
 * process and cache boundaries unchanged.
 */

/** A point estimate; when the figure comes from a sample, `ci95` is its 95% confidence interval. */
export interface Estimate {
  value: number;
  ci95?: [number, number];
}

/** A record in a data file: 1-based line (JSONL, CSV, text) or 0-based index (JSON array, Parquet row). */
export interface RowRef {
  file: string;
  line?: number;
  index?: number;
}

/** A problem reading data: a malformed record, an unreadable file. */
export interface DataIssue {
  file: string;
  line?: number;
  message: string;
  /**
   * Reading stopped at one of synthlint's limits (docs/limits.md: a decompression bomb, Parquet metadata over
   * budget, a file above the data limit). Always kept, and named in the finding, however many problems came first.
   */
  limit?: true;
}

/**
 * At most `max` issues, in order, keeping every limit issue: a file's twenty malformed lines must not hide that
 * reading it then stopped at a budget.
 */
export function keepIssues(issues: readonly DataIssue[], max: number): DataIssue[] {
  let others = Math.max(0, max - issues.filter((i) => i.limit).length);
  return issues.filter((i) => i.limit || others-- > 0);
}

export interface Histogram {
  /** Upper bounds of the buckets (inclusive); the last bucket is open-ended. */
  bounds: number[];
  counts: number[];
}

export interface FileProfile {
  path: string;
  bytes: number;
  format: string;
  records: number;
  malformed: number;
  /** The first few problems, with line numbers. */
  issues: DataIssue[];
}

export interface NearDuplicatePair {
  a: RowRef;
  b: RowRef;
  jaccard: number;
}

export interface Opening {
  text: string;
  count: number;
}

/** Figures measured on fixed-size random draws of records, so sources of different sizes and scripts compare (docs/metrics.md, "sizeMatched"). */
export interface SizeMatchedFigures {
  /** Records in each draw. */
  records: number;
  /** Characters / gzip bytes (the package's double gzip) of a draw's texts joined by ' '. */
  compressionPerChar: number;
  /** Shaib et al. 2024 `ngram_diversity_score` of a draw. */
  ngramDiversity: number;
}

export interface DiversityMetrics {
  /** Shaib et al. 2024 `compression_ratio`: bytes of texts joined by ' ' / gzip bytes. Higher = more repetitive. */
  compressionRatio: Estimate;
  /** Shaib et al. 2024 `ngram_diversity_score`: sum over n=1..4 of unique/total n-grams (0-4). */
  ngramDiversity: Estimate;
  /** Shaib et al. 2024 `self_repetition_score`. */
  selfRepetition: Estimate;
  /**
   * The word figures are absent when there is nothing to count: `distinct1`, `entropy1`, the vocabulary tail's and
   * `excessVocabulary.per1000` with no word (records of punctuation, symbols or emoji only), `distinct2` and `entropy2`
   * with no word bigram (one-word records), `zipfSlope` with fewer than two distinct words (a slope needs two points).
   */
  distinct1?: Estimate;
  distinct2?: Estimate;
  entropy1?: Estimate;
  entropy2?: Estimate;
  /** Set when distinct counts switched from exact to HyperLogLog: its relative standard error. */
  distinctRelativeError?: number;
  nearDuplicateRate: Estimate;
  exactDuplicateRate: Estimate;
  templateOpenings: { share3: Estimate; share5: Estimate; top3: Opening[]; top5: Opening[] };
  assistantArtifacts: { rate: Estimate; examples: { row: RowRef; phrase: string }[] };
  /** Kobak et al. 2024 style words per 1,000 words. */
  excessVocabulary: { per1000?: Estimate; top: Opening[] };
  vocabularyTail: { hapaxShare?: Estimate; zipfSlope?: Estimate };
  /** Set when the compression ratio is estimated from independently compressed blocks (above the exact budget). */
  compressionBlocks?: { count: number; meanBytes: number };
  /** Names of the figures that are sketch estimates (budgets exceeded) rather than exact; see docs/metrics.md. */
  estimated?: string[];
  /** Absent below the provenance model's `sampleSize` records, or when the provenance unit did not run. */
  sizeMatched?: SizeMatchedFigures;
}

/** A record the provenance model scored as among the most machine-like of its sample. */
export interface MachineLikeRecord {
  row: RowRef;
  /** Probability that this one record is model-written (the record model; noisier than the source score). */
  score: number;
  /** The start of the record's text. */
  text: string;
}

/** What a record is, for the provenance score (src/analyzer/provenance/record-kind.ts): only prose is scored. */
export type RecordKind = 'prose' | 'code' | 'table' | 'list' | 'label' | 'short';

/** What the provenance model makes of the prose records it scored. */
export interface ProvenanceFigures {
  /** Calibrated probability that a source written like this one is mainly model-written. */
  score: number;
  /** The score's 95% interval. */
  low: number;
  high: number;
  /** Share of the scored records that read as machine-written one by one, with its 95% interval. */
  recordRate: Estimate;
}

/**
 * Whether the source's text reads as mainly model-written (docs/metrics.md, "Provenance score"): a learnt
 * model's calibrated probability on fixed-size random samples, with its 95% interval and verdict. The verdict is
 * `insufficient` below the model's minimum number of prose records, whatever the score; with no prose record at
 * all there is no score, interval or record rate (a figure from nothing would read as a measurement).
 */
export type ProvenanceEstimate = ProvenanceReading &
  (({ verdict: 'machine' | 'human' | 'uncertain' } & ProvenanceFigures) | ({ verdict: 'insufficient' } & Partial<ProvenanceFigures>));

/** An estimate with a verdict, so with its figures. */
export type JudgedProvenance = Exclude<ProvenanceEstimate, { verdict: 'insufficient' }>;

/** What the provenance unit read, whatever its verdict. */
export interface ProvenanceReading {
  /** Prose records the estimate rests on (of a uniform sample of the source above the kept sample size). */
  records: number;
  /** Records read to find them: all of a small source, a uniform sample of a large one. */
  sampled: number;
  /** Sampled records that are not prose, by kind: they say nothing about who wrote them and are not scored. */
  setAside: Partial<Record<Exclude<RecordKind, 'prose'>, number>>;
  /** The model's version (src/analyzer/provenance/model.json). */
  model: string;
  /** The most machine-like scored records, highest score first. */
  machineLike: MachineLikeRecord[];
}

/** A word of a source's vocabulary: how often it occurs, and in how many records (of the records counted). */
export interface VocabularyEntry {
  word: string;
  count: number;
  records: number;
}

export interface SourceProfile {
  sourceId: string;
  analyzerVersion: string;
  /** True when this profile was read from the profile cache rather than computed now (never stored in it). */
  fromCache?: true;
  files: FileProfile[];
  /** Schema the text extractor detected or was told (alpaca, dolly, sharegpt, openai-chat, prompt-completion, ..., fields; see docs/metrics.md). */
  schema: string;
  textFields: string[];
  records: number;
  words: number;
  chars: number;
  tokensEstimate: number;
  /** Present when the figures come from a uniform sample of the records. */
  sample?: { size: number; population: number };
  /**
   * Absent when no record was read (`records` 0: a schema nobody named, every line malformed, an empty file): every
   * figure would be a ratio over nothing, and no figure is better than a 0 that reads as a measurement.
   */
  metrics?: DiversityMetrics;
  lengths: { chars: Histogram; words: Histogram };
  nearDuplicatePairs: NearDuplicatePair[];
  /** The most frequent words with their counts (bounded), for vocabulary comparisons between sources. */
  vocabulary: VocabularyEntry[];
  /** Absent when the provenance unit did not run. */
  provenance?: ProvenanceEstimate;
  /** Present when the data was read over the network: what was fetched of it (docs/remote-data.md). */
  remote?: RemoteRead;
  issues: DataIssue[];
}

/** A profile that read records, so has figures. */
export type MeasuredProfile = SourceProfile & { metrics: DiversityMetrics };

export function isMeasured(profile: SourceProfile): profile is MeasuredProfile {
  return profile.metrics !== undefined;
}

/** What a profile of remote data rests on. Files are sampled by byte ranges, never downloaded whole. */
export interface RemoteRead {
  /** Bytes fetched: footers, listings, the sampled ranges and error answers. */
  bytesRead: number;
  /** Size of every object the source names (as listed, or as their first range said). */
  bytesTotal: number;
  requests: number;
  /** Objects opened (footer or first range read) of those the source names. */
  objectsRead: number;
  objectsTotal: number;
  /** Parquet row groups read, of those in the opened objects. */
  rowGroupsRead: number;
  rowGroupsTotal: number;
  /** JSON Lines byte ranges read, of those the opened objects divide into. */
  rangesRead: number;
  rangesTotal: number;
  /** True when every record of every object was read: the figures are then not sampled. */
  complete: boolean;
}
