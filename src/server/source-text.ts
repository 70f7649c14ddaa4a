/**
 * The words hover and CodeLens use to describe a source, from the report model so the editor and the report
 * never disagree on a figure.
 */
import { proseRecords } from '../core/rules/format';
import { baselineWords, EVIDENCE_LABELS, formatLimit, formatCount, formatNumber, formatPercent, formatProvenance, formatWeight, ROLE_LABELS } from '../report/format';
import type { JudgedFigure, MetricInfo, MetricKey, ReportModel, SourceBaseline, SourceRow } from '../report/types';

/** Markdown special characters escaped: source ids and generator names come from the user's files. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/**
 * Why a source has no figures in Restricted Mode, where the analyzer never runs (workspace.ts `trusted`): the hover
 * says it, and the status bar's tooltip (ManifestStatus `restricted`); "not analyzed yet" would promise an analysis.
 */
export const RESTRICTED_WORDS = 'Data is read only in a trusted workspace: trust this folder to analyze it.';
/** The same, as short as a CodeLens needs. */
const RESTRICTED_LENS = 'not measured (Restricted Mode)';

/**
 * The metric the lens shows: compression is the headline collapse signal (Shaib et al. 2024); the size-matched figure
 * when low-diversity compares that one (lensMetric), so the lens quotes the figures of the rule's message.
 */
const LENS_METRICS: readonly MetricKey[] = ['sizeMatchedCompression', 'compressionRatio'];

/**
 * The first of LENS_METRICS the rule would compare for this source: one the source has, and its human baseline too when
 * it has human sources. low-diversity compares size-matched figures only when the source and every human source of its
 * baseline have them, and the baseline has a size-matched value only then (human-baseline.ts baselineMean).
 */
function lensMetric(row: SourceRow): MetricKey | undefined {
  const compared = (key: MetricKey): boolean => row.baseline === undefined || row.baseline.sources.length === 0 || row.baseline.values[key] !== undefined;
  return LENS_METRICS.find((k) => row.metrics[k] !== undefined && compared(k)) ?? LENS_METRICS.find((k) => row.metrics[k] !== undefined);
}

/**
 * "synthetic · 38.2% of tokens · depth 2 · compression 3.10 (human 2.40)"; "synthetic · depth 1 · not measured
 * (Restricted Mode)" when `trusted` is false and nothing was measured.
 */
export function sourceLensTitle(row: SourceRow, model: ReportModel, trusted = true): string {
  const weak = row.evidence?.kind === 'registry' || row.evidence?.kind === 'name' || row.evidence?.kind === 'comment';
  const parts: string[] = [weak && row.evidence ? `${row.origin} (${EVIDENCE_LABELS[row.evidence.kind]})` : row.origin];
  if (row.role) parts.push(ROLE_LABELS[row.role].label);
  if (row.share.tokens !== undefined) parts.push(`${formatPercent(row.share.tokens)} of tokens`);
  else if (row.share.rows !== undefined) parts.push(`${formatPercent(row.share.rows)} of rows`);
  if (row.depth !== undefined) parts.push(`depth ${row.depth}`);
  const key = lensMetric(row);
  const metric = model.metrics.find((m) => m.key === key);
  const value = key && row.metrics[key]?.value;
  if (metric && value !== undefined) {
    parts.push(`compression ${formatNumber(value, metric.digits)}${row.origin === 'human' ? '' : lensBaseline(row.baseline, metric)}`);
  } else if (!trusted) {
    parts.push(RESTRICTED_LENS);
  }
  return parts.join(' · ');
}

/** " (human 2.40)", or " (no human data in its language)" when the source has no baseline to compare with. */
function lensBaseline(baseline: SourceBaseline | undefined, metric: MetricInfo): string {
  if (baseline === undefined) return '';
  const value = baseline.values[metric.key];
  if (baseline.sources.length === 0) return ` (${baselineWords(baseline)})`;
  return value === undefined ? '' : ` (human ${formatNumber(value, metric.digits)})`;
}

/**
 * "synthetic 62% by tokens", in the words of every other view (core/ratios.ts formatShare); a share not measured in
 * Restricted Mode says why (the sizes it lacks would come from the data, which is not read there).
 */
export function manifestLensTitle(model: ReportModel, trusted = true): string {
  const share = model.syntheticShare;
  return !trusted && share.value === undefined && share.why === undefined ? `synthetic ${RESTRICTED_LENS}` : `synthetic ${share.text}`;
}

/** "Origin from the registry: … — [source](https://…)": where the origin came from and what it rests on. */
function evidenceLine(row: SourceRow): string | undefined {
  const evidence = row.evidence;
  if (evidence === undefined || evidence.kind === 'declared') return undefined;
  const detail = evidence.detail === undefined ? '' : `: ${escapeMarkdown(evidence.detail)}`;
  const url = evidence.citation !== undefined && /^https:\/\/[^\s()<>]+$/.test(evidence.citation) ? evidence.citation : undefined;
  const cite = url === undefined ? '' : ` — [source](${url})`;
  const label = EVIDENCE_LABELS[evidence.kind];
  return `_Origin: ${label}_${detail}${cite}`;
}

/** "Compared with the human baseline of 'seeds', 'chat' (…)", or why nothing is compared (and the column is empty). */
function baselineLine(baseline: SourceBaseline): string {
  const words = escapeMarkdown(baselineWords(baseline));
  return baseline.sources.length > 0 ? `Compared with the ${words}: the human data in its language.` : `_Compared with nothing: ${words}._`;
}

/**
 * The hover for a source: provenance, size and share, then each measured metric beside the human baseline.
 * `trusted`: false in Restricted Mode, where the analyzer never runs (workspace.ts): the hover then says why there
 * are no figures, where "not analyzed yet" would promise an analysis that will not come.
 */
export function sourceHoverMarkdown(row: SourceRow, model: ReportModel, trusted = true): string {
  const lines: string[] = [`**${escapeMarkdown(row.id)}** — ${row.origin}`];
  if (row.role) lines.push(ROLE_LABELS[row.role].meaning);
  const evidence = evidenceLine(row);
  if (evidence !== undefined) lines.push(evidence);
  if (row.generator) {
    const g = row.generator;
    const by = [escapeMarkdown(g.model), g.provider ? `(${escapeMarkdown(g.provider)})` : '', g.generation !== undefined ? `generation ${g.generation}` : '']
      .filter((s) => s.length > 0)
      .join(' ');
    lines.push(`Generated by ${by}`);
  }
  if (row.derivedFrom.length > 0) lines.push(`Derived from ${row.derivedFrom.map(escapeMarkdown).join(', ')}`);
  const measured = (m: boolean): string => (m ? ' (measured)' : '');
  lines.push(
    [
      `Rows ${formatCount(row.rows)}${measured(row.measured.rows)}`,
      `tokens ${formatCount(row.tokens)}${measured(row.measured.tokens)}`,
      `share of tokens ${formatPercent(row.share.tokens)}`,
      row.depth !== undefined ? `depth ${row.depth}` : 'depth — (in a cycle)',
    ].join(' · '),
  );
  if (row.weight) lines.push(formatWeight(row.weight));
  const reads = row.provenance;
  if (reads) {
    const basis = reads.verdict === 'insufficient' ? 'provenance score' : `provenance score of ${proseRecords(reads)}, 95% interval`;
    lines.push(`Reads as ${formatProvenance(reads)} (${basis})`);
  }
  const measuredMetrics = model.metrics.filter((m) => row.metrics[m.key] !== undefined);
  if (measuredMetrics.length === 0) {
    const why = trusted ? '_Data not analyzed yet._' : `_${RESTRICTED_WORDS}_`;
    lines.push(model.dataAnalyzed ? '_No diversity figures for this source._' : why);
    return lines.join('\n\n');
  }
  // The limit column and ⚠ only where a rule judges a figure: a difference from the human baseline alone is no finding.
  const judged = model.metrics.some((m) => row.judged?.[m.key] !== undefined && row.metrics[m.key] !== undefined);
  const table = judged
    ? ['| metric | this source | human baseline | rule limit |', '|---|---:|---:|---|']
    : ['| metric | this source | human baseline |', '|---|---:|---:|'];
  for (const info of measuredMetrics) {
    const value = row.metrics[info.key]?.value ?? Number.NaN;
    const limits = row.judged?.[info.key] ?? [];
    const flag = limits.some((l) => l.reported) ? ' ⚠' : '';
    const cells = [info.label, `${formatNumber(value, info.digits)}${flag}`, formatNumber(row.baseline?.values[info.key], info.digits)];
    if (judged) cells.push(limits.map((l) => limitText(l, info)).join('; '));
    table.push(`| ${cells.join(' | ')} |`);
  }
  if (row.sample) lines.push(`Figures from a sample of ${formatCount(row.sample.size)} of ${formatCount(row.sample.population)} records.`);
  if (row.baseline) lines.push(baselineLine(row.baseline));
  lines.push(table.join('\n'));
  if (judged) lines.push(JUDGED_LEGEND);
  return lines.join('\n\n');
}

/** "≤ 2.46 low\-diversity": a rule's limit on a figure, and the rule, whose page says how it is set. */
function limitText(limit: JudgedFigure, info: MetricInfo): string {
  return `${formatLimit(limit, info.digits)} ${escapeMarkdown(limit.rule)}`;
}

/** What the hover's marks mean, under its table. */
const JUDGED_LEGEND = '_⚠ marks a figure past its rule limit: that rule\'s finding is on this source. The other figures, and any difference from the human baseline, are for comparison and are not findings._';
