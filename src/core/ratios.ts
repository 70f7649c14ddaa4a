/**
 * How much of a dataset is synthetic, on three bases: rows, tokens and effective mixture weight.
 *
 * Each basis gives fractions of the whole by origin. A source without a figure on a basis is left out of that
 * basis and marks it `basisKnown: false`, so callers can say "at least" rather than pretend to know.
 * Sizes come from the manifest first and, when profiles are given, from the analyzer's counts (records for
 * rows, `tokensEstimate` for tokens): a declared figure is the author's statement and wins over an estimate.
 */
import type { EffectiveRules } from './config-types';
import type { Manifest, Source } from './manifest';
import type { SourceProfile } from './profile';
import { percent } from './rules/format';

export interface ShareBreakdown {
  human: number;
  synthetic: number;
  mixed: number;
  unknown: number;
  /** True when every source had a figure on this basis (and there was at least one source). */
  basisKnown: boolean;
  /** Sources that had a figure on this basis. */
  counted: number;
  /** Sum of the figures of the counted sources (rows, tokens or weight mass). */
  total: number;
}

/** What the weight is multiplied by: a size known for every source, or nothing (weights alone). */
export type WeightSizeBasis = 'tokens' | 'rows' | 'none';

export interface SyntheticShares {
  /** Sources of the training mixture (evaluation sources are not counted). */
  sourceCount: number;
  byRows: ShareBreakdown;
  byTokens: ShareBreakdown;
  byWeight: ShareBreakdown & { sizeBasis: WeightSizeBasis };
}

export type ShareBasis = 'rows' | 'tokens' | 'weight';

/**
 * The share a mixed source contributes to the synthetic side. A mixed source says only that it holds both
 * kinds in unknown proportion; counting it half is the estimate with the least assumed, and the
 * `synthetic-share` rule lets a config change it.
 */
export const DEFAULT_MIXED_WEIGHT = 0.5;

function usable(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0;
}

function rowsOf(source: Source, profiles?: ReadonlyMap<string, SourceProfile>): number | undefined {
  if (usable(source.rows)) return source.rows;
  const records = profiles?.get(source.id)?.records;
  return usable(records) ? records : undefined;
}

function tokensOf(source: Source, profiles?: ReadonlyMap<string, SourceProfile>): number | undefined {
  if (usable(source.tokens)) return source.tokens;
  const estimate = profiles?.get(source.id)?.tokensEstimate;
  return usable(estimate) ? estimate : undefined;
}

function breakdown(sources: readonly Source[], figure: (s: Source) => number | undefined): ShareBreakdown {
  // Four local sums, not an object indexed by origin: a keyed store of a fraction boxes a new number per source,
  // and the on-type lint sums three bases of every source on every keystroke.
  let human = 0;
  let synthetic = 0;
  let mixed = 0;
  let unknown = 0;
  let counted = 0;
  for (const source of sources) {
    const value = figure(source);
    if (value === undefined) continue;
    if (source.origin === 'human') human += value;
    else if (source.origin === 'synthetic') synthetic += value;
    else if (source.origin === 'mixed') mixed += value;
    else unknown += value;
    counted++;
  }
  const total = human + synthetic + mixed + unknown;
  const fraction = (x: number): number => (total > 0 ? x / total : 0);
  return {
    human: fraction(human),
    synthetic: fraction(synthetic),
    mixed: fraction(mixed),
    unknown: fraction(unknown),
    basisKnown: sources.length > 0 && counted === sources.length,
    counted,
    total,
  };
}

/**
 * Effective mixture share: weight × size, where size is tokens when every source has a token figure, else
 * rows when every source has a row figure, else 1 (the weights alone are taken as the mixture's proportions).
 * One size basis for all sources, because multiplying some weights by tokens and others by rows would add
 * unlike quantities.
 */
function weightBreakdown(
  sources: readonly Source[],
  profiles?: ReadonlyMap<string, SourceProfile>,
): ShareBreakdown & { sizeBasis: WeightSizeBasis } {
  const all = (f: (s: Source) => number | undefined): boolean => sources.length > 0 && sources.every((s) => f(s) !== undefined);
  const tokens = (s: Source): number | undefined => tokensOf(s, profiles);
  const rows = (s: Source): number | undefined => rowsOf(s, profiles);
  const sizeBasis: WeightSizeBasis = all(tokens) ? 'tokens' : all(rows) ? 'rows' : 'none';
  const size = sizeBasis === 'tokens' ? tokens : sizeBasis === 'rows' ? rows : (): number => 1;
  const result = breakdown(sources, (s) => (usable(s.weight) ? s.weight * (size(s) ?? 0) : undefined));
  return { ...result, sizeBasis };
}

/** Shares of the training mixture: evaluation sources (`role: 'eval'`) are not trained on, so they are left out. */
export function syntheticShares(manifest: Manifest, profiles?: ReadonlyMap<string, SourceProfile>): SyntheticShares {
  const training = manifest.sources.filter((s) => s.role !== 'eval');
  return {
    sourceCount: training.length,
    byRows: breakdown(training, (s) => rowsOf(s, profiles)),
    byTokens: breakdown(training, (s) => tokensOf(s, profiles)),
    byWeight: weightBreakdown(training, profiles),
  };
}

/** Synthetic fraction with mixed sources counted at `mixedWeight` (see DEFAULT_MIXED_WEIGHT). */
export function effectiveSyntheticShare(share: ShareBreakdown, mixedWeight = DEFAULT_MIXED_WEIGHT): number {
  return share.synthetic + mixedWeight * share.mixed;
}

export function shareOn(shares: SyntheticShares, basis: ShareBasis): ShareBreakdown {
  return basis === 'rows' ? shares.byRows : basis === 'tokens' ? shares.byTokens : shares.byWeight;
}

/** One source's size and its part of the whole on each basis it has a figure for. */
export interface SourceShare {
  rows?: number;
  tokens?: number;
  /** Whether the figure came from the analyzer rather than the manifest. */
  measured: { rows: boolean; tokens: boolean };
  share: Partial<Record<ShareBasis, number>>;
}

/**
 * Each source's size and share, from the same figures and the same guard as the totals (a negative or
 * non-finite size counts as unknown), so a source's row in the report adds up to the totals it sits beside.
 */
export function sourceShares(manifest: Manifest, shares: SyntheticShares, profiles?: ReadonlyMap<string, SourceProfile>): Map<string, SourceShare> {
  const out = new Map<string, SourceShare>();
  const part = (value: number | undefined, total: number): number | undefined => (value !== undefined && total > 0 ? value / total : undefined);
  const sizeBasis = shares.byWeight.sizeBasis;
  for (const source of manifest.sources) {
    const rows = rowsOf(source, profiles);
    const tokens = tokensOf(source, profiles);
    const size = sizeBasis === 'tokens' ? tokens : sizeBasis === 'rows' ? rows : 1;
    const mass = usable(source.weight) && size !== undefined ? source.weight * size : undefined;
    const share: Partial<Record<ShareBasis, number>> = {};
    // An evaluation source is not part of the mixture the shares describe: it has a size but no share.
    const inMixture = source.role !== 'eval';
    const byRows = part(rows, shares.byRows.total);
    const byTokens = part(tokens, shares.byTokens.total);
    const byWeight = part(mass, shares.byWeight.total);
    if (inMixture && byRows !== undefined) share.rows = byRows;
    if (inMixture && byTokens !== undefined) share.tokens = byTokens;
    if (inMixture && byWeight !== undefined) share.weight = byWeight;
    out.set(source.id, {
      ...(rows !== undefined ? { rows } : {}),
      ...(tokens !== undefined ? { tokens } : {}),
      measured: { rows: !usable(source.rows) && rows !== undefined, tokens: !usable(source.tokens) && tokens !== undefined },
      share,
    });
  }
  return out;
}

/**
 * The synthetic share a view leads with: the effective synthetic fraction (mixed sources counted at
 * `mixedWeight`) on one basis. `auto` takes the effective mixture weight first (what training samples), then
 * tokens (what the model reads), then rows: the first basis every source has a figure for.
 */
export interface HeadlineShare {
  basis: ShareBasis;
  /** For `weight`: what the weights were multiplied by. */
  sizeBasis?: WeightSizeBasis;
  /** Synthetic fraction of the counted sources, mixed sources counted at `mixedWeight`. */
  value: number;
  mixed: number;
  mixedWeight: number;
  /** Part of the counted whole is of unknown origin, so the synthetic share may be higher. */
  atLeast: boolean;
  /** Sources with a figure on this basis, and all sources: fewer counted means the share covers only those. */
  counted: number;
  sources: number;
}

export const AUTO_BASIS_ORDER: readonly ShareBasis[] = ['weight', 'tokens', 'rows'];

export interface HeadlineOptions {
  basis?: ShareBasis | 'auto';
  mixedWeight?: number;
  /**
   * When no basis is known for every source, lead with the first that is known for some (the share of those
   * sources) rather than with nothing. Views do; the synthetic-share rule does not judge a partial figure.
   */
  partial?: boolean;
}

/** The share to lead with, or undefined when no source has a figure on any allowed basis ("not measured"). */
export function headlineShare(shares: SyntheticShares, options: HeadlineOptions = {}): HeadlineShare | undefined {
  const { basis = 'auto', mixedWeight = DEFAULT_MIXED_WEIGHT, partial = false } = options;
  const order = basis === 'auto' ? AUTO_BASIS_ORDER : [basis];
  const chosen = order.find((b) => shareOn(shares, b).basisKnown) ?? (partial ? order.find((b) => shareOn(shares, b).counted > 0) : undefined);
  if (chosen === undefined) return undefined;
  const share = shareOn(shares, chosen);
  return {
    basis: chosen,
    ...(chosen === 'weight' ? { sizeBasis: shares.byWeight.sizeBasis } : {}),
    value: effectiveSyntheticShare(share, mixedWeight),
    mixed: share.mixed,
    mixedWeight,
    atLeast: share.unknown > 0,
    counted: share.counted,
    sources: shares.sourceCount,
  };
}

/** "tokens", "rows", "mixture weight × tokens", "mixture weight". */
export function basisText(h: Pick<HeadlineShare, 'basis' | 'sizeBasis'>): string {
  if (h.basis !== 'weight') return h.basis;
  return h.sizeBasis === undefined || h.sizeBasis === 'none' ? 'mixture weight' : `mixture weight × ${h.sizeBasis}`;
}

/**
 * The synthetic share in words, as every view prints it (rule message, CodeLens, status bar, hover, report,
 * JSON): "55% by tokens (mixed counted at 50%)", "at least 40% by rows", "15.2% by rows (2 of 4 sources
 * sized)", or "not measured" when no source has a size: never a 0% that stands for "unknown".
 */
export function formatShare(h: HeadlineShare | undefined): string {
  if (h === undefined) return 'not measured';
  const notes: string[] = [];
  if (h.mixed > 0) notes.push(`mixed counted at ${percent(h.mixedWeight)}`);
  if (h.counted < h.sources) notes.push(`${h.counted} of ${h.sources} sources sized`);
  return `${h.atLeast ? 'at least ' : ''}${percent(h.value)} by ${basisText(h)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

/** The same figure where there is room for a few characters (the status bar): "≥ 55% synthetic", "synthetic —". */
export function formatShareShort(h: HeadlineShare | undefined): string {
  return h === undefined ? 'synthetic —' : `${h.atLeast ? '≥ ' : ''}${percent(h.value)} synthetic`;
}

/** The synthetic share as every view carries it: its words, its status-bar words and, when measured, the figure. */
export interface ShareSummary {
  /** "55% by tokens (mixed counted at 50%)", or "not measured". */
  text: string;
  /** "55% synthetic", for the status bar. */
  short: string;
  value?: number;
  basis?: ShareBasis;
}

/** The share views lead with (partial figures allowed, and said to be partial). */
export function shareSummary(shares: SyntheticShares, mixedWeight = DEFAULT_MIXED_WEIGHT): ShareSummary {
  const h = headlineShare(shares, { partial: true, mixedWeight });
  return { text: formatShare(h), short: formatShareShort(h), ...(h ? { value: h.value, basis: h.basis } : {}) };
}

/** The synthetic-share rule's `mixedWeight` as the manifest's config sets it, so views count mixed sources as the rule does. */
export function configuredMixedWeight(rules: EffectiveRules | undefined): number {
  const value = rules?.get('synthetic-share')?.options.mixedWeight;
  return typeof value === 'number' ? value : DEFAULT_MIXED_WEIGHT;
}
