/**
 * The diversity metrics the report compares, in display order, with the direction that signals collapse risk
 * (so "above the human baseline" can be read as good or bad) and how to read each from a SourceProfile.
 */
import type { DiversityMetrics, Estimate } from '../core/profile';
import type { MetricInfo, MetricKey } from './types';

interface MetricSpec extends MetricInfo {
  /** Undefined when the profile has no such figure (core/profile.ts: a word figure of no word). */
  read(m: DiversityMetrics): Estimate | undefined;
}

const SPECS: readonly MetricSpec[] = [
  {
    key: 'compressionRatio', label: 'Compression ratio', worseWhen: 'higher', digits: 2,
    description: 'Bytes / gzip bytes of the texts joined by spaces (Shaib et al. 2024). Higher = more repetitive.',
    read: (m) => m.compressionRatio,
  },
  {
    key: 'ngramDiversity', label: 'N-gram diversity', worseWhen: 'lower', digits: 2,
    description: 'Sum over n=1..4 of unique / total n-grams, 0–4 (Shaib et al. 2024). Lower = less diverse.',
    read: (m) => m.ngramDiversity,
  },
  // The two figures low-diversity judges when every source compared has them: the whole-source ones grow with size.
  {
    key: 'sizeMatchedCompression', label: 'Compression (size-matched)', worseWhen: 'higher', digits: 2,
    description: 'Characters / gzip bytes of fixed-size draws of records, so sources of different sizes and scripts compare; the figure low-diversity judges. Higher = more repetitive.',
    read: (m) => (m.sizeMatched ? { value: m.sizeMatched.compressionPerChar } : undefined),
  },
  {
    key: 'sizeMatchedNgramDiversity', label: 'N-gram diversity (size-matched)', worseWhen: 'lower', digits: 2,
    description: 'N-gram diversity of fixed-size draws of records, so sources of different sizes compare; the figure low-diversity judges. Lower = less diverse.',
    read: (m) => (m.sizeMatched ? { value: m.sizeMatched.ngramDiversity } : undefined),
  },
  {
    key: 'selfRepetition', label: 'Self-repetition', worseWhen: 'higher', digits: 2,
    description: '4-grams shared with other records, log-scaled (Shaib et al. 2024). Higher = more repetitive.',
    read: (m) => m.selfRepetition,
  },
  {
    key: 'distinct1', label: 'Distinct-1', worseWhen: 'lower', digits: 3,
    description: 'Unique / total words (Li et al. 2016).',
    read: (m) => m.distinct1,
  },
  {
    key: 'distinct2', label: 'Distinct-2', worseWhen: 'lower', digits: 3,
    description: 'Unique / total word bigrams (Li et al. 2016).',
    read: (m) => m.distinct2,
  },
  {
    key: 'entropy1', label: 'Unigram entropy', worseWhen: 'lower', digits: 2,
    description: 'Shannon entropy of the word distribution, in bits.',
    read: (m) => m.entropy1,
  },
  {
    key: 'nearDuplicateRate', label: 'Near-duplicates', worseWhen: 'higher', digits: 3,
    description: 'Share of records with a MinHash-LSH near-duplicate (word 5-gram shingles, ~0.72 Jaccard).',
    read: (m) => m.nearDuplicateRate,
  },
  {
    key: 'exactDuplicateRate', label: 'Exact duplicates', worseWhen: 'higher', digits: 3,
    description: 'Share of records that repeat another record exactly.',
    read: (m) => m.exactDuplicateRate,
  },
  {
    key: 'templateShare3', label: 'Template openings', worseWhen: 'higher', digits: 3,
    description: 'Share of records whose first 3 words are among the most common openings (template collapse).',
    read: (m) => m.templateOpenings.share3,
  },
  {
    key: 'assistantArtifacts', label: 'Assistant artefacts', worseWhen: 'higher', digits: 3,
    description: 'Share of records with refusals or self-identification ("as an AI language model").',
    read: (m) => m.assistantArtifacts.rate,
  },
  {
    key: 'excessVocabulary', label: 'LLM style words /1k', worseWhen: 'higher', digits: 2,
    description: 'Words over-used by LLMs per 1,000 words (Kobak et al. 2024), a provenance hint.',
    read: (m) => m.excessVocabulary.per1000,
  },
  {
    key: 'hapaxShare', label: 'Hapax share', worseWhen: 'lower', digits: 3,
    description: 'Share of words seen once: the vocabulary tail synthetic data loses first (Shumailov et al. 2024).',
    read: (m) => m.vocabularyTail.hapaxShare,
  },
];

export const METRICS: readonly MetricInfo[] = SPECS.map(({ read: _read, ...info }) => info);

/**
 * Each metric's finite value from a profile, keyed for SourceRow.metrics. A profile of no records (a schema nobody
 * named, every line malformed) has no `metrics`, so none is read, and every view built on these (the report, the
 * hover and CodeLens, the CLI's page) shows "not measured".
 */
export function readMetrics(metrics: DiversityMetrics | undefined): Partial<Record<MetricKey, Estimate>> {
  const out: Partial<Record<MetricKey, Estimate>> = {};
  if (metrics === undefined) return out;
  for (const spec of SPECS) {
    const estimate = spec.read(metrics);
    if (estimate && Number.isFinite(estimate.value)) out[spec.key] = estimate;
  }
  return out;
}
