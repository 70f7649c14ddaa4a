/**
 * Applies the provenance model (model.json, written by scripts/train-provenance.ts) to a sample of a
 * source's records. Two linear models: one scores each record, one scores fixed-size samples of records
 * from the records' mean features, their mean record score and the features of the sample as a whole.
 * The source's score is the calibrated mean over several random draws of `sampleSize` records, so it does
 * not drift with the size of the source; its interval combines the spread between records (what another
 * sample of the same writer would give) with the spread between draws.
 */
import type { RecordKind } from '../../core/profile';
import { mulberry32 } from '../metrics/hashing';
import { SAMPLE_FEATURES, recordFeatures, sampleFeatures } from './features';
import { decodePhrases, phraseBuckets, phraseScore } from './phrases';
import { recordKind } from './record-kind';

export interface LinearModel {
  features: string[];
  mean: number[];
  sd: number[];
  weights: number[];
  bias: number;
}

export interface ProvenanceModel {
  version: string;
  sampleSize: number;
  draws: number;
  /** Below this many records the verdict is `insufficient`. */
  minRecords: number;
  record: LinearModel;
  source: LinearModel;
  /** The phrase table (phrases.ts), base64 of 8-bit log ratios. */
  phrases: string;
  /** Platt scaling fitted to leave-one-corpus-out logits: p = sigmoid(a·z + b). */
  calibration: { a: number; b: number };
  /** Scores at or above `machine` read as machine-written, at or below `human` as human-written. */
  thresholds: { machine: number; human: number };
}

/**
 * A record kept for scoring: its text (cut to SAMPLED_TEXT_CHARS), full length in characters, its kind
 * (only prose is scored), its RECORD_FEATURES and its phrase buckets; `phrase` is its phraseLogRatio once a
 * table has scored it.
 */
export interface ScoredRecord {
  text: string;
  chars: number;
  kind: RecordKind;
  features: number[];
  buckets: number[];
  phrase?: number;
}

/** Characters of a sampled record kept for the sample features and quotes. */
export const SAMPLED_TEXT_CHARS = 2000;

/**
 * A record for scoring; its kind and features are measured on its first SAMPLED_TEXT_CHARS characters
 * (rates, so the cut hardly moves them). The training script and the profile both build records here, so
 * the model is fitted on the records it is asked about.
 */
export function toScoredRecord(text: string, chars = text.length): ScoredRecord {
  const kept = text.slice(0, SAMPLED_TEXT_CHARS);
  const kind = recordKind(kept);
  if (kind !== 'prose') return { text: kept, chars, kind, features: [], buckets: [] };
  return { text: kept, chars, kind, features: recordFeatures(kept), buckets: phraseBuckets(kept) };
}

/** RECORD_FEATURES followed by phraseLogRatio: what the record model reads. */
export function recordVector(r: ScoredRecord): number[] {
  return [...r.features, r.phrase ?? 0];
}

const decoded = new Map<string, Float32Array>();

/** Sets `phrase` on each record from the model's phrase table (decoded once per model). */
export function scorePhrases(model: ProvenanceModel, records: readonly ScoredRecord[]): void {
  let table = decoded.get(model.phrases);
  if (!table) {
    table = decodePhrases(model.phrases);
    decoded.set(model.phrases, table);
  }
  for (const r of records) r.phrase = phraseScore(table, r.buckets);
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The linear predictor; a constant feature (sd 0) contributes nothing. */
export function linear(m: LinearModel, x: readonly number[]): number {
  let z = m.bias;
  for (let i = 0; i < m.weights.length; i++) {
    const sd = m.sd[i] ?? 0;
    if (sd > 0) z += (m.weights[i] ?? 0) * (((x[i] ?? 0) - (m.mean[i] ?? 0)) / sd);
  }
  return z;
}

export function recordLogit(model: ProvenanceModel, r: ScoredRecord): number {
  return linear(model.record, recordVector(r));
}

/** The source feature that is the mean of the record model's logit over the sample. */
export const MEAN_RECORD_LOGIT = 'mean record logit';
const SAMPLE_FEATURE_NAMES: readonly string[] = SAMPLE_FEATURES;

/**
 * One record's share of each per-record source feature, in the order of `names`: its record logit for
 * MEAN_RECORD_LOGIT, its value of F for `mean F`; `undefined` for a feature of the sample as a whole.
 */
function recordParts(model: ProvenanceModel, r: ScoredRecord, names: readonly string[]): (number | undefined)[] {
  const x = recordVector(r);
  return names.map((name) => {
    if (name === MEAN_RECORD_LOGIT) return recordLogit(model, r);
    if (SAMPLE_FEATURE_NAMES.includes(name)) return undefined;
    const i = model.record.features.indexOf(name.replace(/^mean /, ''));
    if (i < 0) throw new Error(`provenance model: unknown source feature "${name}"`);
    return x[i] ?? 0;
  });
}

/**
 * Source-model features of one sample, in the order of `names` (the source model's own list unless the
 * training script asks for others): means of record features (`mean F`), the mean record logit, and the
 * SAMPLE_FEATURES of the sample as a whole. Those cost a deflate and a bigram count per draw, about 90% of
 * scoring a source, so they are computed only when named.
 */
export function sourceFeatures(model: ProvenanceModel, sample: readonly ScoredRecord[], names: readonly string[] = model.source.features): number[] {
  const sums = new Array<number>(names.length).fill(0);
  for (const r of sample) recordParts(model, r, names).forEach((v, i) => (sums[i] = (sums[i] ?? 0) + (v ?? 0) / sample.length));
  if (!names.some((name) => SAMPLE_FEATURE_NAMES.includes(name))) return sums;
  const whole = sampleFeatures(sample.map((r) => r.text), sample.map((r) => r.chars));
  return names.map((name, i) => (SAMPLE_FEATURE_NAMES.includes(name) ? (whole[SAMPLE_FEATURE_NAMES.indexOf(name)] ?? 0) : (sums[i] ?? 0)));
}

export type ProvenanceVerdict = 'machine' | 'human' | 'uncertain' | 'insufficient';

export interface SourceScore {
  score: number;
  low: number;
  high: number;
  verdict: ProvenanceVerdict;
}

/** Draws `size` of `n` indices without replacement (partial Fisher-Yates). */
export function drawIndices(n: number, size: number, random: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const k = Math.min(size, n);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx.slice(0, k);
}

export function verdictOf(model: ProvenanceModel, score: number, records: number): ProvenanceVerdict {
  if (records < model.minRecords) return 'insufficient';
  if (score >= model.thresholds.machine) return 'machine';
  if (score <= model.thresholds.human) return 'human';
  return 'uncertain';
}

/**
 * The source score from its prose records (`kind` prose: all of a small source's, or those of a uniform
 * sample of a large one), with their phrases scored (scorePhrases). `insufficient` below the model's
 * minimum number of them: a source made mostly of code, tables, lists or labels has too little text to tell.
 * None from no record: there is nothing to score.
 */
export function scoreSource(model: ProvenanceModel, records: readonly ScoredRecord[], seed = 1): SourceScore | undefined {
  if (records.length === 0) return undefined;
  const random = mulberry32(seed);
  const size = Math.min(model.sampleSize, records.length);
  const draws = records.length > size ? model.draws : 1;
  const m = model.source;
  const logits: number[] = [];
  let betweenRecords = 0;
  for (let d = 0; d < draws; d++) {
    const sample = drawIndices(records.length, size, random).map((i) => records[i] as ScoredRecord);
    logits.push(linear(m, sourceFeatures(model, sample)));
    // Each record's share of the per-record part of the logit: its variance / n is the sampling variance.
    const parts = sample.map((r) =>
      recordParts(model, r, m.features).reduce<number>((z, x, i) => {
        const sd = m.sd[i] ?? 0;
        return x === undefined || sd === 0 ? z : z + ((m.weights[i] ?? 0) * x) / sd;
      }, 0),
    );
    betweenRecords += variance(parts) / sample.length / draws;
  }
  const z = logits.reduce((a, b) => a + b, 0) / logits.length;
  const sd = Math.sqrt(betweenRecords + variance(logits));
  const { a, b } = model.calibration;
  const p = (x: number) => sigmoid(a * x + b);
  const score = p(z);
  return { score, low: p(z - 1.96 * sd), high: p(z + 1.96 * sd), verdict: verdictOf(model, score, records.length) };
}

function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
}

/** Wilson score interval (95%) of a proportion. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const zz = 1.96 * 1.96;
  const p = successes / n;
  const centre = (p + zz / (2 * n)) / (1 + zz / n);
  const half = (1.96 * Math.sqrt((p * (1 - p)) / n + zz / (4 * n * n))) / (1 + zz / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
