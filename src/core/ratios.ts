/**
 * How much of a dataset is synthetic, on three bases: rows, tokens and effective mixture weight.
 *
 * A weight means what the format that wrote it says (manifest.ts WeightKind): a proportion of the mix, a fraction
 * of the source's own rows, a number of rows drawn, or the native manifest's sampling weight. Each is turned into
 * a part of the mix its own way; a weight that cannot be (a fraction of a dataset of unknown size) leaves the
 * share by weight unknown, with the reason, rather than read as a proportion it is not.
 *
 * Each basis gives fractions of the whole by origin. A source without a figure on a basis is left out of that
 * basis and marks it `basisKnown: false`, so callers can say "at least" rather than pretend to know.
 * Sizes come from the manifest first and, when profiles are given, from the analyzer's counts (records for
 * rows, `tokensEstimate` for tokens): a declared figure is the author's statement and wins over an estimate.
 */
import type { EffectiveRules } from './config-types';
import type { Manifest, Origin, Source, WeightKind } from './manifest';
import { isMeasured, type SourceProfile } from './profile';
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

/**
 * Why the sources' parts of the mix cannot be told from their weights: fractions of datasets (or rows drawn
 * beside them) without the datasets' sizes, or weights of kinds that do not add up (a proportion of the mix
 * beside a fraction of a dataset).
 */
export type WeightUnknownReason = 'sizes-unknown' | 'kinds-mixed';

/** Why a share has no figure: the weights' trouble, or no counted source whose origin is known (`origins-unknown`). */
export type ShareUnknownReason = WeightUnknownReason | 'origins-unknown';

export interface WeightShareBreakdown extends ShareBreakdown {
  sizeBasis: WeightSizeBasis;
  /** Set when the weights could not be turned into parts of the mix (the share is then unknown, or exact by `oneOrigin`). */
  unknownBecause?: WeightUnknownReason;
  /**
   * Every weighted source has this one origin: the share is exact (100% of it) although the parts are unknown.
   * Set only with `unknownBecause`, where it is what makes the share known.
   */
  oneOrigin?: Origin;
}

export interface SyntheticShares {
  /** Sources of the training mixture (evaluation sources are not counted). */
  sourceCount: number;
  byRows: ShareBreakdown;
  byTokens: ShareBreakdown;
  byWeight: WeightShareBreakdown;
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

/**
 * The profile that counted a source's data. One that read no record (a schema nobody named, an unreadable file)
 * counted nothing: its 0 is not the source's size, and a share that took it as one would leave the source out
 * while saying every source was counted.
 */
function counting(source: Source, profiles?: ReadonlyMap<string, SourceProfile>): SourceProfile | undefined {
  const profile = profiles?.get(source.id);
  return profile !== undefined && isMeasured(profile) ? profile : undefined;
}

function rowsOf(source: Source, profiles?: ReadonlyMap<string, SourceProfile>): number | undefined {
  if (usable(source.rows)) return source.rows;
  const records = counting(source, profiles)?.records;
  return usable(records) ? records : undefined;
}

function tokensOf(source: Source, profiles?: ReadonlyMap<string, SourceProfile>): number | undefined {
  if (usable(source.tokens)) return source.tokens;
  const estimate = counting(source, profiles)?.tokensEstimate;
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

/** What weightBasis decides for all sources at once: the size every weight is taken of, or why there is none. */
interface WeightBasis {
  sizeBasis: WeightSizeBasis;
  unknownBecause?: WeightUnknownReason;
}

/** Kinds whose weights become rows drawn: a fraction times the source's rows, or a count of rows. */
function drawsRows(kind: WeightKind): boolean {
  return kind === 'fraction-of-source' || kind === 'rows';
}

/**
 * One source's part of the mix before the parts are normalised, on the size basis chosen for all sources;
 * undefined where unknown. Proportions and counts are parts as they are; fractions and the native sampling
 * weight are multiplied by the source's size on that basis (the native weight alone when there is none).
 */
function massOf(source: Source, basis: WeightBasis, profiles?: ReadonlyMap<string, SourceProfile>): number | undefined {
  const weight = source.weight;
  if (weight === undefined || !usable(weight.value) || basis.unknownBecause !== undefined) return undefined;
  if (weight.kind === 'proportion' || weight.kind === 'rows') return weight.value;
  const { sizeBasis } = basis;
  const size = sizeBasis === 'tokens' ? tokensOf(source, profiles) : sizeBasis === 'rows' ? rowsOf(source, profiles) : weight.kind === 'sampling-weight' ? 1 : undefined;
  return size === undefined ? undefined : weight.value * size;
}

/**
 * How the weights become parts of the mix, by their kind:
 * - proportions are the parts (sizes do not change what the trainer draws);
 * - the native sampling weight is multiplied by tokens when every source has a token figure, else by rows when
 *   every source has a row figure, else taken alone (its schema's two conventions);
 * - fractions of a source and rows drawn become rows drawn (a fraction × the source's rows), or tokens drawn when
 *   every weight is a fraction and every source has a token figure. One size basis for all sources, because
 *   adding tokens of some to rows of others would add unlike quantities.
 * Weights of kinds that do not add up, and fractions of sources of unknown size, give no parts at all.
 */
function weightBasis(sources: readonly Source[], profiles?: ReadonlyMap<string, SourceProfile>): WeightBasis {
  const every = (f: (s: Source) => number | undefined): boolean => sources.length > 0 && sources.every((s) => f(s) !== undefined);
  const tokens = (s: Source): number | undefined => tokensOf(s, profiles);
  const rows = (s: Source): number | undefined => rowsOf(s, profiles);
  const kinds = new Set<WeightKind>();
  for (const source of sources) if (source.weight) kinds.add(source.weight.kind);
  const [only] = kinds;
  if (only === undefined || (kinds.size === 1 && only === 'proportion')) return { sizeBasis: 'none' };
  if (kinds.size === 1 && only === 'sampling-weight') return { sizeBasis: every(tokens) ? 'tokens' : every(rows) ? 'rows' : 'none' };
  if (![...kinds].every(drawsRows)) return { sizeBasis: 'none', unknownBecause: 'kinds-mixed' };
  if (!kinds.has('rows') && every(tokens)) return { sizeBasis: 'tokens' };
  const byRows: WeightBasis = { sizeBasis: 'rows' };
  const sized = sources.every((s) => s.weight === undefined || !usable(s.weight.value) || massOf(s, byRows, profiles) !== undefined);
  return sized ? byRows : { sizeBasis: 'none', unknownBecause: 'sizes-unknown' };
}

/**
 * The share by weight. When the weights give no parts of the mix, the share is still exact if every weighted
 * source has one origin (all synthetic is 100% synthetic whatever the sizes); otherwise nothing is counted.
 */
function weightBreakdown(sources: readonly Source[], profiles?: ReadonlyMap<string, SourceProfile>): WeightShareBreakdown {
  const basis = weightBasis(sources, profiles);
  const { sizeBasis, unknownBecause } = basis;
  if (unknownBecause === undefined) return { ...breakdown(sources, (s) => massOf(s, basis, profiles)), sizeBasis };
  const weighted = sources.filter((s) => usable(s.weight?.value));
  const origin = weighted[0]?.origin;
  if (origin === undefined || weighted.some((s) => s.origin !== origin)) {
    return { ...breakdown(sources, () => undefined), sizeBasis, unknownBecause };
  }
  // The parts are unknown, so each source's own share is too (total 0); the whole is one origin.
  const whole = { human: 0, synthetic: 0, mixed: 0, unknown: 0, [origin]: 1 };
  return { ...whole, basisKnown: weighted.length === sources.length, counted: weighted.length, total: 0, sizeBasis, unknownBecause, oneOrigin: origin };
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
  // The same parts of the mix the totals were made of, on the basis the totals chose.
  const basis: WeightBasis = shares.byWeight;
  for (const source of manifest.sources) {
    const rows = rowsOf(source, profiles);
    const tokens = tokensOf(source, profiles);
    const share: Partial<Record<ShareBasis, number>> = {};
    // An evaluation source is not part of the mixture the shares describe: it has a size but no share.
    const inMixture = source.role !== 'eval';
    const byRows = part(rows, shares.byRows.total);
    const byTokens = part(tokens, shares.byTokens.total);
    const byWeight = inMixture ? part(massOf(source, basis, profiles), shares.byWeight.total) : undefined;
    if (inMixture && byRows !== undefined) share.rows = byRows;
    if (inMixture && byTokens !== undefined) share.tokens = byTokens;
    if (byWeight !== undefined) share.weight = byWeight;
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
  /** For `weight`: the parts of the mix are unknown, but every weighted source has this origin. */
  oneOrigin?: Origin;
  /**
   * No counted source has a known origin: the figure would be a 0% that stands for no evidence at all, so views say
   * the share is unknown and why (originsUnknownWords) instead.
   */
  originsUnknown: boolean;
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
    ...(chosen === 'weight' && shares.byWeight.oneOrigin !== undefined ? { oneOrigin: shares.byWeight.oneOrigin } : {}),
    originsUnknown: share.unknown > 0 && share.human === 0 && share.synthetic === 0 && share.mixed === 0,
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
 * Why a share counted on `basis` has no figure when none of its sources' origins is known, in the words every view
 * shows after "unknown: ". Weighted sources on the weight basis, sources with a size on rows and tokens.
 */
export function originsUnknownWords(basis: ShareBasis): string {
  return `every ${basis === 'weight' ? 'weighted' : 'sized'} source's origin is unknown`;
}

/**
 * The synthetic share in words, as every view prints it (rule message, CodeLens, status bar, hover, report,
 * JSON): "55% by tokens (mixed counted at 50%)", "at least 40% by rows", "15.2% by rows (2 of 4 sources
 * sized)", "100% by mixture weight (every weighted source synthetic)", "unknown: every weighted source's origin
 * is unknown" when no counted source's origin is known, or "not measured" when no source has a size: never a 0%
 * that stands for "unknown".
 */
export function formatShare(h: HeadlineShare | undefined): string {
  if (h === undefined) return 'not measured';
  const partial = h.counted < h.sources ? [`${h.counted} of ${h.sources} sources sized`] : [];
  if (h.originsUnknown) return `unknown: ${originsUnknownWords(h.basis)}${inParentheses(partial)}`;
  const mixedCounted = `counted at ${percent(h.mixedWeight)}`;
  // One note when every weighted source is mixed: "every weighted source mixed; mixed counted at 50%" says it twice.
  const notes =
    h.oneOrigin === 'mixed'
      ? [`every weighted source mixed, ${mixedCounted}`, ...partial]
      : [...(h.oneOrigin !== undefined ? [`every weighted source ${h.oneOrigin}`] : []), ...(h.mixed > 0 ? [`mixed ${mixedCounted}`] : []), ...partial];
  return `${h.atLeast ? 'at least ' : ''}${percent(h.value)} by ${basisText(h)}${inParentheses(notes)}`;
}

function inParentheses(notes: readonly string[]): string {
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** The same figure where there is room for a few characters (the status bar): "≥ 55% synthetic", "synthetic —". */
export function formatShareShort(h: HeadlineShare | undefined): string {
  return h === undefined || h.originsUnknown ? 'synthetic —' : `${h.atLeast ? '≥ ' : ''}${percent(h.value)} synthetic`;
}

/** Why weights of each kind of trouble give no share, in the words every view shows after "unknown: ". */
export const WEIGHT_UNKNOWN_WORDS: Record<WeightUnknownReason, string> = {
  'sizes-unknown': 'weights are fractions of each dataset; sizes unknown',
  'kinds-mixed': 'weights of different kinds (proportions of the mix beside fractions or rows of datasets)',
};

/** The synthetic share as every view carries it: its words, its status-bar words and, when measured, the figure. */
export interface ShareSummary {
  /** "55% by tokens (mixed counted at 50%)", "unknown: weights are fractions of each dataset; sizes unknown", or "not measured". */
  text: string;
  /** "55% synthetic", for the status bar. */
  short: string;
  value?: number;
  basis?: ShareBasis;
  /**
   * When there is no figure although the sources have weights or sizes: why ("weights are fractions of each dataset;
   * sizes unknown", "every weighted source's origin is unknown"), and the reason's name, which says what would help.
   */
  why?: string;
  reason?: ShareUnknownReason;
}

/**
 * The share views lead with (partial figures allowed, and said to be partial). When the weights give no share,
 * a partial figure on another basis would hide why: the views say the share is unknown and why instead.
 */
export function shareSummary(shares: SyntheticShares, mixedWeight = DEFAULT_MIXED_WEIGHT): ShareSummary {
  const h = headlineShare(shares, { partial: true, mixedWeight });
  const reason = shares.byWeight.unknownBecause;
  if (h !== undefined && (reason === undefined || h.counted === h.sources)) {
    if (h.originsUnknown) return { text: formatShare(h), short: formatShareShort(h), why: originsUnknownWords(h.basis), reason: 'origins-unknown' };
    return { text: formatShare(h), short: formatShareShort(h), value: h.value, basis: h.basis };
  }
  if (reason === undefined) return { text: formatShare(undefined), short: formatShareShort(undefined) };
  const why = WEIGHT_UNKNOWN_WORDS[reason];
  return { text: `unknown: ${why}`, short: formatShareShort(undefined), why, reason };
}

/** The synthetic-share rule's `mixedWeight` as the manifest's config sets it, so views count mixed sources as the rule does. */
export function configuredMixedWeight(rules: EffectiveRules | undefined): number {
  const value = rules?.get('synthetic-share')?.options.mixedWeight;
  return typeof value === 'number' ? value : DEFAULT_MIXED_WEIGHT;
}
