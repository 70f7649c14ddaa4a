/**
 * How much of a dataset is synthetic, on three bases: rows, tokens and effective mixture weight.
 *
 * Each basis gives fractions of the whole by origin. A source without a figure on a basis is left out of that
 * basis and marks it `basisKnown: false`, so callers can say "at least" rather than pretend to know.
 * Sizes come from the manifest first and, when profiles are given, from the analyzer's counts (records for
 * rows, `tokensEstimate` for tokens): a declared figure is the author's statement and wins over an estimate.
 */
import type { Manifest, Origin, Source } from './manifest';
import type { SourceProfile } from './profile';

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
  const sums: Record<Origin, number> = { human: 0, synthetic: 0, mixed: 0, unknown: 0 };
  let counted = 0;
  for (const source of sources) {
    const value = figure(source);
    if (value === undefined) continue;
    sums[source.origin] += value;
    counted++;
  }
  const total = sums.human + sums.synthetic + sums.mixed + sums.unknown;
  const fraction = (x: number): number => (total > 0 ? x / total : 0);
  return {
    human: fraction(sums.human),
    synthetic: fraction(sums.synthetic),
    mixed: fraction(sums.mixed),
    unknown: fraction(sums.unknown),
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
