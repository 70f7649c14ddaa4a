/**
 * buildReport: (manifest, findings, profiles) → ReportModel, the one view-model the webview, the exported HTML
 * and the JSON export all show. Pure and deterministic (no clock, no randomness, stable order), so the same
 * inputs give byte-identical JSON and snapshot tests can pin it.
 */
import type { EffectiveRules } from '../core/config-types';
import type { Finding, Severity } from '../core/finding';
import { generationDepths } from '../core/lineage';
import type { Manifest, Origin } from '../core/manifest';
import { isMeasured, type MeasuredProfile, type ProvenanceEstimate, type SourceProfile } from '../core/profile';
import { shareSummary, sourceShares, syntheticShares, WEIGHT_UNKNOWN_WORDS, type ShareBreakdown, type SyntheticShares, type WeightUnknownReason } from '../core/ratios';
import { profiledSources, type ProfiledSource } from '../core/rules/data-figures';
import { ruleDocsUrl } from '../core/rules/docs-url';
import { baselineCandidates, baselineHumans, baselineMean, configuredBaselineMinRecords, noBaselineWords } from '../core/rules/human-baseline';
import { safeHttpsUrl } from './escape';
import { hasFigures } from './format';
import { poolCounts, pooledBounds, toFractions } from './histogram';
import { judgedFigures } from './judged';
import { buildLineageGraph } from './lineage-graph';
import { METRICS, readMetrics } from './metrics';
import { displayPath } from '../core/paths';
import type { FindingRow, LengthHistogram, MetricKey, OpeningRow, OriginShares, ReportModel, ReportedProvenance, SeverityCounts, SourceBaseline, SourceRow } from './types';

export interface ReportInputs {
  manifest: Manifest;
  findings: readonly Finding[];
  profiles: ReadonlyMap<string, SourceProfile>;
  /** Folder paths are shown relative to (the workspace folder); defaults to the manifest's folder. */
  root?: string;
  /** The synthetic-share rule's `mixedWeight` from the manifest's config, so the views count mixed sources as the rule does. */
  mixedWeight?: number;
  /**
   * The manifest's rule settings (the defaults when absent): the views' human baselines leave out the sources
   * low-diversity does, and each figure a rule judges is held to the rule's limit at its options.
   */
  rules?: EffectiveRules;
}

const RULE_ID = /^[a-z][a-z0-9-]*$/;

/**
 * What the views compare and judge sources with, as the rules do: every profiled human source, low-diversity's
 * baseline candidates at its `minRecords`, and the manifest's rule settings.
 */
interface Judging {
  humans: readonly ProfiledSource[];
  candidates: readonly ProfiledSource[];
  minRecords: number;
  rules: EffectiveRules;
}

/** Openings listed per source in the template chart: enough to see a template, few enough to read. */
const OPENINGS_PER_SOURCE = 5;

export function buildReport(inputs: ReportInputs): ReportModel {
  const { manifest, profiles } = inputs;
  const root = inputs.root ?? parentFolder(manifest.file);
  const { depths, cycles } = generationDepths(manifest);
  const findings = inputs.findings.map((f) => findingRow(f, root));
  const shares = syntheticShares(manifest, profiles);
  const rules = inputs.rules ?? new Map();
  const minRecords = configuredBaselineMinRecords(rules);
  const judging = { humans: profiledSources(manifest, profiles, ['human']), candidates: baselineCandidates(manifest, profiles, minRecords), minRecords, rules };
  const sources = sourceRows(manifest, profiles, shares, depths, inputs.findings, judging);

  return {
    schemaVersion: 2,
    title: manifest.name ?? displayPath(manifest.file, parentFolder(manifest.file)),
    manifest: { file: manifest.file, displayFile: displayPath(manifest.file, root), dialect: manifest.dialect, ...(manifest.name !== undefined ? { name: manifest.name } : {}) },
    dataAnalyzed: sources.some(hasFigures),
    totals: {
      sources: manifest.sources.length,
      ...sumIfAny(sources.map((s) => s.rows), 'rows'),
      ...sumIfAny(sources.map((s) => s.tokens), 'tokens'),
      findings: countSeverities(inputs.findings),
    },
    shares: { rows: plainShares(shares.byRows), tokens: plainShares(shares.byTokens), weight: plainShares(shares.byWeight) },
    syntheticShare: shareSummary(shares, inputs.mixedWeight),
    metrics: [...METRICS],
    sources,
    lineage: buildLineageGraph(manifest, depths, cycles),
    charts: { ...lengthChart(manifest, profiles), openings: openingRows(manifest, profiles) },
    findings,
  };
}

/** Drops core's bookkeeping fields (total, sizeBasis) so the model carries only what it shows, and why weights gave nothing. */
function plainShares(s: ShareBreakdown & { unknownBecause?: WeightUnknownReason; oneOrigin?: Origin }): OriginShares {
  // One origin makes the share known although the parts are not: then there is nothing to explain.
  const why = s.unknownBecause === undefined || s.oneOrigin !== undefined ? undefined : WEIGHT_UNKNOWN_WORDS[s.unknownBecause];
  return { human: s.human, synthetic: s.synthetic, mixed: s.mixed, unknown: s.unknown, basisKnown: s.basisKnown, measured: s.counted > 0, ...(why ? { why } : {}) };
}


function sourceRows(
  manifest: Manifest,
  profiles: ReadonlyMap<string, SourceProfile>,
  shares: SyntheticShares,
  depths: ReadonlyMap<string, number>,
  findings: readonly Finding[],
  judging: Judging,
): SourceRow[] {
  const sizes = sourceShares(manifest, shares, profiles);
  // Grouped once: filtering every finding for every source cost sources × findings calls on each on-type lint.
  const findingsOf = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.sourceId === undefined) continue;
    const own = findingsOf.get(f.sourceId);
    if (own) own.push(f);
    else findingsOf.set(f.sourceId, [f]);
  }
  return manifest.sources.map((source) => {
    const profile = profiles.get(source.id);
    const size = sizes.get(source.id);
    const depth = depths.get(source.id);
    const own = findingsOf.get(source.id) ?? [];
    const judged = profile && isMeasured(profile) ? judgedFigures({ source, profile }, judging.candidates, judging.rules, new Set(own.map((f) => f.ruleId))) : undefined;
    return {
      id: source.id,
      origin: source.origin,
      ...(source.generator ? { generator: { ...source.generator } } : {}),
      derivedFrom: [...source.derivedFrom],
      ...(source.originEvidence ? { evidence: { ...source.originEvidence } } : {}),
      ...(depth !== undefined ? { depth } : {}),
      ...(size?.rows !== undefined ? { rows: size.rows } : {}),
      ...(size?.tokens !== undefined ? { tokens: size.tokens } : {}),
      ...(source.weight !== undefined ? { weight: { ...source.weight } } : {}),
      ...(source.role !== undefined ? { role: source.role } : {}),
      measured: size?.measured ?? { rows: false, tokens: false },
      share: size?.share ?? {},
      metrics: readMetrics(profile?.metrics),
      ...(profile && isMeasured(profile) ? { baseline: sourceBaseline(judging, profile) } : {}),
      ...(judged ? { judged } : {}),
      ...(profile?.sample ? { sample: { ...profile.sample } } : {}),
      ...(profile?.metrics?.estimated?.length ? { estimated: [...profile.metrics.estimated] } : {}),
      ...(profile?.provenance ? { provenance: reportedProvenance(profile.provenance) } : {}),
      findings: countSeverities(own),
      range: source.ranges.self,
    };
  });
}

function reportedProvenance(p: ProvenanceEstimate): ReportedProvenance {
  // The score and its interval only when there is one (none from no prose record).
  const figures = p.score === undefined ? {} : { score: p.score, low: p.low, high: p.high };
  return { ...figures, verdict: p.verdict, records: p.records, sampled: p.sampled, setAside: { ...p.setAside } };
}

/**
 * Each metric's human baseline for a source compared with `humans` (core/rules/human-baseline.ts): the mean the rules
 * take, so the figure beside a source is the one its finding quotes. Absent for a metric one of them lacks. Here, not
 * in metrics.ts, which `synthlint profile` loads without the rules.
 */
function baselineValues(humans: readonly ProfiledSource[]): Partial<Record<MetricKey, number>> {
  const figures = new Map(humans.map((h) => [h.profile, readMetrics(h.profile.metrics)]));
  const out: Partial<Record<MetricKey, number>> = {};
  for (const { key } of METRICS) {
    const value = baselineMean(humans, (p) => figures.get(p)?.[key]?.value);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The human sources the rules compare this source with, and their figures (core/rules/human-baseline.ts). */
function sourceBaseline(judging: Judging, profile: MeasuredProfile): SourceBaseline {
  const humans = baselineHumans(judging.candidates, profile);
  // In low-diversity's words, so that a view and the rule's message name the missing baseline alike.
  const why = humans.length > 0 ? {} : { why: noBaselineWords(judging.humans, profile, judging.minRecords) };
  return { sources: humans.map((h) => h.source.id), values: baselineValues(humans), ...why };
}

function lengthChart(manifest: Manifest, profiles: ReadonlyMap<string, SourceProfile>): { lengths?: LengthHistogram } {
  const byOrigin = (origin: Origin): SourceProfile[] =>
    manifest.sources.filter((s) => s.origin === origin).flatMap((s) => profiles.get(s.id) ?? []);
  const human = byOrigin('human');
  const synthetic = byOrigin('synthetic');
  if (human.length === 0 && synthetic.length === 0) return {};
  const histograms = [...human, ...synthetic].map((p) => p.lengths.words);
  const bounds = pooledBounds(histograms);
  if (bounds.length === 0) return {};
  return {
    lengths: {
      bounds,
      human: toFractions(poolCounts(human.map((p) => p.lengths.words), bounds)),
      synthetic: toFractions(poolCounts(synthetic.map((p) => p.lengths.words), bounds)),
      records: { human: sum(human.map((p) => p.records)), synthetic: sum(synthetic.map((p) => p.records)) },
    },
  };
}

function openingRows(manifest: Manifest, profiles: ReadonlyMap<string, SourceProfile>): OpeningRow[] {
  return manifest.sources.flatMap((source) => {
    const profile = profiles.get(source.id);
    if (!profile?.metrics) return [];
    return profile.metrics.templateOpenings.top3.slice(0, OPENINGS_PER_SOURCE).map((o) => ({
      sourceId: source.id,
      origin: source.origin,
      text: o.text,
      count: o.count,
      share: profile.records > 0 ? o.count / profile.records : 0,
    }));
  });
}

function findingRow(f: Finding, root: string): FindingRow {
  // Only ids shaped like rule ids get a docs link; anything else came from somewhere unexpected.
  const docsUrl = RULE_ID.test(f.ruleId) ? safeHttpsUrl(ruleDocsUrl(f.ruleId)) : undefined;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    displayFile: displayPath(f.file, root),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    range: f.range,
    ...(f.sourceId !== undefined ? { sourceId: f.sourceId } : {}),
    ...(docsUrl !== undefined ? { docsUrl } : {}),
  };
}

function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function sum(values: readonly (number | undefined)[]): number {
  return values.reduce<number>((a, b) => a + (b ?? 0), 0);
}

function sumIfAny<K extends string>(values: readonly (number | undefined)[], key: K): Partial<Record<K, number>> {
  return values.some((v) => v !== undefined) ? ({ [key]: sum(values) } as Partial<Record<K, number>>) : {};
}

function parentFolder(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : file;
}
