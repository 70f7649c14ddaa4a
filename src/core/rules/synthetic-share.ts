import type { Rule } from '../rule';
import {
  DEFAULT_MIXED_WEIGHT,
  effectiveSyntheticShare,
  shareOn,
  syntheticShares,
  type ShareBasis,
  type SyntheticShares,
} from '../ratios';
import { percent } from './format';

type Options = { max: number; basis: string; mixedWeight: number };

/**
 * `auto` takes the effective mixture weight first (what training actually samples), then tokens (what the
 * model reads), then rows; the first basis every source has a figure for.
 */
const AUTO_ORDER: readonly ShareBasis[] = ['weight', 'tokens', 'rows'];

function chooseBasis(shares: SyntheticShares, basis: string): ShareBasis | undefined {
  if (basis === 'rows' || basis === 'tokens' || basis === 'weight') return shareOn(shares, basis).basisKnown ? basis : undefined;
  return AUTO_ORDER.find((b) => shareOn(shares, b).basisKnown);
}

/**
 * Bertrand et al. (ICLR 2024) prove iterative retraining stays stable only while the real-data share is
 * large enough; Shumailov et al. (Nature 2024) show collapse when it is not. The default maximum of 50%
 * keeps real data at least even; the strict preset's 38% follows Bertrand et al.'s experiments, which stay
 * stable with a real share near 60% or more.
 */
export const rule: Rule<Options> = {
  id: 'synthetic-share',
  description: 'The synthetic share of the dataset (by mixture weight, tokens or rows) is above the maximum.',
  defaultSeverity: 'warning',
  needs: ['manifest'],
  docs: 'docs/rules/synthetic-share.md',
  defaultOptions: { max: 0.5, basis: 'auto', mixedWeight: DEFAULT_MIXED_WEIGHT },
  optionSpecs: {
    max: { description: 'Largest allowed synthetic fraction (0-1).', minimum: 0, maximum: 1 },
    basis: {
      description: 'What the share is measured in; auto takes the first of weight, tokens, rows known for every source.',
      enum: ['auto', 'weight', 'tokens', 'rows'],
    },
    mixedWeight: { description: 'Fraction of a mixed source counted as synthetic (0-1).', minimum: 0, maximum: 1 },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    if (manifest.sources.length === 0) return;
    const shares = syntheticShares(manifest, ctx.profiles);
    const basis = chooseBasis(shares, options.basis);
    if (basis === undefined) return;
    const share = shareOn(shares, basis);
    const synthetic = effectiveSyntheticShare(share, options.mixedWeight);
    if (synthetic <= options.max) return;
    const basisText = basis === 'weight' ? `mixture weight${shares.byWeight.sizeBasis === 'none' ? '' : ` × ${shares.byWeight.sizeBasis}`}` : basis;
    const lowerBound = share.unknown > 0 ? `at least ` : '';
    const unknownNote = share.unknown > 0 ? ` ${percent(share.unknown)} is of unknown origin.` : '';
    const mixedNote = share.mixed > 0 ? ` (mixed sources counted at ${percent(options.mixedWeight)})` : '';
    ctx.report({
      message:
        `Synthetic share by ${basisText} is ${lowerBound}${percent(synthetic)}${mixedNote}, above the maximum of ${percent(options.max)}.` +
        `${unknownNote} Training on mostly generated data risks model collapse; add or keep human data.`,
      range: manifest.ranges.sources ?? manifest.ranges.self,
      data: {
        basis,
        share: synthetic,
        max: options.max,
        human: share.human,
        synthetic: share.synthetic,
        mixed: share.mixed,
        unknown: share.unknown,
        ...(basis === 'weight' ? { sizeBasis: shares.byWeight.sizeBasis } : {}),
      },
    });
  },
};
