import type { Estimate, MeasuredProfile } from '../profile';
import type { Rule } from '../rule';
import { atLeast, atMost, estimateText, GENERATED_ORIGINS, profiledSources, type ProfiledSource, type Verdict } from './data-figures';
import { percent, quoteList } from './format';
import { baselineCandidates, baselineHumans, baselineMean, BASELINE_MIN_RECORDS, noBaselineWords } from './human-baseline';

export type LowDiversityOptions = { margin: number; maxCompressionRatio: number; minNgramDiversity: number; minRecords: number };

interface Figures {
  compressionRatio: Estimate;
  ngramDiversity: Estimate;
}

/**
 * The figures compared: the size-matched ones (fixed-size draws, compression per character) when every
 * profile compared has them, so neither size nor alphabet decides; else the whole-source figures.
 */
function figuresOf(profile: MeasuredProfile, sizeMatched: boolean): Figures {
  const m = profile.metrics.sizeMatched;
  if (sizeMatched && m) return { compressionRatio: { value: m.compressionPerChar }, ngramDiversity: { value: m.ngramDiversity } };
  return { compressionRatio: profile.metrics.compressionRatio, ngramDiversity: profile.metrics.ngramDiversity };
}

export interface Baseline {
  compressionRatio: number;
  ngramDiversity: number;
  sources: string[];
}

/** The human sources' figures, on the basis compared (human-baseline.ts averages them). */
function humanBaseline(humans: readonly ProfiledSource[], sizeMatched: boolean): Baseline | undefined {
  const compressionRatio = baselineMean(humans, (p) => figuresOf(p, sizeMatched).compressionRatio.value);
  const ngramDiversity = baselineMean(humans, (p) => figuresOf(p, sizeMatched).ngramDiversity.value);
  if (compressionRatio === undefined || ngramDiversity === undefined) return undefined;
  return { compressionRatio, ngramDiversity, sources: humans.map((h) => h.source.id) };
}

/** low-diversity's verdict on one source: its two figures against the human baseline, or the limits without one. */
export interface DiversityVerdict {
  compression: Verdict;
  diversity: Verdict;
  /** The figures are the size-matched ones (metrics `sizeMatched`), as every profile compared has them. */
  sizeMatched: boolean;
  baseline: Baseline | undefined;
}

/**
 * The rule's verdict on `source`, which its check reports and the views mark (report/judged.ts); undefined when the
 * rule does not judge it (not generated, or under `minRecords` records). `candidates`: baselineCandidates at the
 * same `minRecords`.
 */
export function judgeDiversity(source: ProfiledSource, candidates: readonly ProfiledSource[], options: LowDiversityOptions): DiversityVerdict | undefined {
  const { profile } = source;
  if (!GENERATED_ORIGINS.includes(source.source.origin) || profile.records < options.minRecords) return undefined;
  // Human data in another language is no baseline: Chinese compresses to under a third of English per character (same-language.ts).
  const humans = baselineHumans(candidates, profile);
  const sizeMatched = [...humans.map((h) => h.profile), profile].every((p) => p.metrics.sizeMatched !== undefined);
  const baseline = humanBaseline(humans, sizeMatched);
  const maxRatio = baseline === undefined ? options.maxCompressionRatio : baseline.compressionRatio * (1 + options.margin);
  const minDiversity = baseline === undefined ? options.minNgramDiversity : baseline.ngramDiversity * (1 - options.margin);
  const { compressionRatio, ngramDiversity } = figuresOf(profile, sizeMatched);
  return { compression: atMost(compressionRatio, maxRatio), diversity: atLeast(ngramDiversity, minDiversity), sizeMatched, baseline };
}

const ratio = (x: number): string => `${x.toFixed(2)}×`;
const score = (x: number): string => x.toFixed(2);

/**
 * Shaib et al. (2024, "Standardizing the Measurement of Text Diversity") find compression ratio and n-gram
 * diversity separate model-written from human text; Guo et al. (2024) show diversity falling over
 * generations of training on synthetic text. Compared with the manifest's own human data in the source's
 * language when it has some, because both figures depend on genre and language; and on fixed-size draws of
 * records (metrics `sizeMatched`), because both depend on corpus size too: a 5,000-record source compresses
 * better than a 175-record one written the same way. Sources and human baselines under `minRecords` records are
 * not judged (a one-record "hi" says nothing about diversity). The absolute limits are a fallback.
 */
export const rule: Rule<LowDiversityOptions> = {
  id: 'low-diversity',
  description: "A synthetic source's text is more repetitive (compression ratio) or less varied (n-gram diversity) than the human data, or than absolute limits.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/low-diversity.md',
  defaultOptions: { margin: 0.1, maxCompressionRatio: 3.0, minNgramDiversity: 2.0, minRecords: BASELINE_MIN_RECORDS },
  optionSpecs: {
    margin: { description: 'How much worse than the human baseline a figure may be, as a fraction of the baseline (0.1 = 10%).', minimum: 0 },
    maxCompressionRatio: { description: 'Highest compression ratio allowed when the manifest has no profiled human source.', minimum: 1 },
    minNgramDiversity: { description: 'Lowest n-gram diversity score (0-4) allowed when the manifest has no profiled human source.', minimum: 0, maximum: 4 },
    minRecords: { description: 'Fewest records a source (or a human baseline source) needs to be judged.', minimum: 1, integer: true },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    const humans = profiledSources(manifest, ctx.profiles, ['human']);
    const candidates = baselineCandidates(manifest, ctx.profiles, options.minRecords);
    for (const judged of profiledSources(manifest, ctx.profiles, GENERATED_ORIGINS)) {
      const verdict = judgeDiversity(judged, candidates, options);
      if (verdict === undefined || (!verdict.compression.crossed && !verdict.diversity.crossed)) continue;
      const { source, profile } = judged;
      const { compression, diversity, baseline } = verdict;
      const worse = [compression.crossed ? 'more repetitive' : '', diversity.crossed ? 'less varied' : ''].filter(Boolean).join(' and ');
      const basis = verdict.sizeMatched ? ` (on draws of ${profile.metrics.sizeMatched?.records ?? 0} records; compression per character)` : '';
      const figures = `compression ratio ${estimateText(compression.estimate, ratio)}, n-gram diversity ${estimateText(diversity.estimate, score)}${basis}`;
      const against =
        baseline === undefined
          ? `the limits used when there is ${noBaselineWords(humans, profile, options.minRecords)} (compression ratio at most ${ratio(compression.limit)}, n-gram diversity at least ${score(diversity.limit)})`
          : `the human baseline of ${quoteList(baseline.sources)} (compression ratio ${ratio(baseline.compressionRatio)}, n-gram diversity ${score(baseline.ngramDiversity)}; ${percent(options.margin)} margin)`;
      ctx.report({
        message: `Source '${source.id}' is ${worse} than ${against}: ${figures}. Training on low-diversity generated text narrows what the model learns.`,
        range: source.ranges.id,
        sourceId: source.id,
        data: {
          compressionRatio: compression.estimate.value,
          ngramDiversity: diversity.estimate.value,
          maxCompressionRatio: compression.limit,
          minNgramDiversity: diversity.limit,
          baseline: baseline ?? null,
          sizeMatched: verdict.sizeMatched,
        },
      });
    }
  },
};
