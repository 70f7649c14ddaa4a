/**
 * Number formatting shared by the server-rendered HTML and the webview script, so a figure reads the same in
 * the table, the chart tooltip and the JSON-to-text export. Fixed 'en-US' locale: the report is compared
 * between machines, and a reviewer's locale must not change "1,234.5" into "1.234,5" in one of them.
 */
import type { EvidenceKind, MixtureWeight, Origin, Source, WeightKind } from '../core/manifest';
import type { ProvenanceEstimate } from '../core/profile';
import { percent, proseRecords, quoteList } from '../core/rules/format';
import type { Basis, JudgedFigure, SourceBaseline, SourceRow } from './types';

/** The origins in the order every view lists them (re-exported for the webview, which imports only src/report). */
export { ORIGINS, type Origin } from '../core/manifest';

/**
 * Made at the first count formatted, not when the module loads: building a NumberFormat loads ICU's locale data,
 * ~10 ms of CPU, which every command that imports this module paid at start-up (`profile -f json` formats no
 * count; the language server starts before it renders one).
 */
let integerFormat: Intl.NumberFormat | undefined;

export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  integerFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return integerFormat.format(n);
}

/** A fraction as core words every percentage (rules/format.ts `percent`: 0.3821 → "38.2%", 0.25 → "25%"); "—" when not measured. */
export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—';
  return percent(fraction);
}

export function formatNumber(n: number | undefined, digits: number): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  return n.toFixed(digits);
}

/**
 * "machine-written 0.93 [0.85–0.97]": a provenance estimate in words, the same in hover, report and CLI;
 * when it is `insufficient`, how many prose records there were and what was set aside.
 */
export function formatProvenance(p: Pick<ProvenanceEstimate, 'score' | 'low' | 'high' | 'verdict' | 'records' | 'sampled' | 'setAside'>): string {
  const range = `${formatNumber(p.score, 2)} [${formatNumber(p.low, 2)}–${formatNumber(p.high, 2)}]`;
  switch (p.verdict) {
    case 'machine':
      return `machine-written ${range}`;
    case 'human':
      return `human-written ${range}`;
    case 'uncertain':
      return `uncertain ${range}`;
    case 'insufficient':
      return `too few prose records to tell: ${proseRecords(p)}`;
  }
}

/** "human baseline of 'seeds', 'eli5-human'" or "no human data in its language": what a source's figures are compared with, in every view. */
export function baselineWords(baseline: SourceBaseline): string {
  return baseline.sources.length > 0 ? `human baseline of ${quoteList(baseline.sources)}` : (baseline.why ?? 'no human baseline');
}

/** Whether the analyzer gave a source any figure: the rows the charts, the metric table and `dataAnalyzed` cover. */
export function hasFigures(row: Pick<SourceRow, 'metrics'>): boolean {
  return Object.keys(row.metrics).length > 0;
}

/** "≤ 2.46", "≥ 2.93": a rule's limit on a figure, the same in the hover and the report's cell tooltip. */
export function formatLimit(limit: Pick<JudgedFigure, 'bound' | 'limit'>, digits: number): string {
  return `${limit.bound === 'max' ? '≤' : '≥'} ${formatNumber(limit.limit, digits)}`;
}

export const ORIGIN_LABELS: Record<Origin, string> = {
  human: 'Human',
  synthetic: 'Synthetic',
  mixed: 'Mixed',
  unknown: 'Unknown',
};

/** Where an origin came from, in the words hover, CodeLens and the report's source table all use. */
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  declared: 'stated in this file',
  comment: 'from a comment',
  registry: 'from the registry',
  name: 'name only (weak)',
  none: 'no evidence',
};

/** A source's role as the source table, hover and CodeLens name it, and what it means for the figures. */
export const ROLE_LABELS: Record<NonNullable<Source['role']>, { label: string; meaning: string }> = {
  eval: { label: 'eval', meaning: 'Evaluation data: linted and analysed, left out of the training shares.' },
};

/** What a weight of each kind holds, after its value in the hover ("Weight 0.5: the fraction of this dataset drawn"). */
const WEIGHT_KIND_WORDS: Record<WeightKind, string> = {
  proportion: 'its proportion of the mix',
  'fraction-of-source': 'the fraction of this dataset drawn',
  rows: 'rows drawn from this dataset',
  'sampling-weight': 'sampling weight (× size when every source has one)',
};

/** "Weight 0.5: the fraction of this dataset drawn", "Weight 2,500: rows drawn from this dataset". */
export function formatWeight(weight: MixtureWeight): string {
  const value = weight.kind === 'rows' ? formatCount(weight.value) : String(weight.value);
  return `Weight ${value}: ${WEIGHT_KIND_WORDS[weight.kind]}`;
}

export const BASIS_LABELS: Record<Basis, string> = {
  rows: 'Rows',
  tokens: 'Tokens',
  weight: 'Mixture weight',
};

/** Labels of the buckets of a histogram with inclusive upper `bounds`, the last open-ended ("≤ 10", "11–20", "> 200"). */
export function bucketLabels(bounds: readonly number[]): string[] {
  return bounds.map((b, i) => {
    if (i === bounds.length - 1 && i > 0) return `> ${bounds[i - 1] ?? b}`;
    const lower = i === 0 ? undefined : (bounds[i - 1] ?? 0) + 1;
    return lower === undefined || lower >= b ? `≤ ${b}` : `${lower}–${b}`;
  });
}
