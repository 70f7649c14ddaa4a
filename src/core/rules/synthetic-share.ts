import type { Rule } from '../rule';
import { DEFAULT_MIXED_WEIGHT, formatShare, headlineShare, shareOn, syntheticShares, type ShareBasis } from '../ratios';
import { percent } from './format';

type Options = { max: number; basis: string; mixedWeight: number };

function basisOption(basis: string): ShareBasis | 'auto' {
  return basis === 'rows' || basis === 'tokens' || basis === 'weight' ? basis : 'auto';
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
    // Judged only on a basis every source has a figure for: a share of some sources says nothing of the whole.
    const headline = headlineShare(shares, { basis: basisOption(options.basis), mixedWeight: options.mixedWeight });
    if (headline === undefined || headline.value <= options.max) return;
    const share = shareOn(shares, headline.basis);
    const unknownNote = share.unknown > 0 ? ` ${percent(share.unknown)} is of unknown origin.` : '';
    ctx.report({
      message:
        `Synthetic share is ${formatShare(headline)}, above the maximum of ${percent(options.max)}.` +
        `${unknownNote} Training on mostly generated data risks model collapse; add or keep human data.`,
      range: manifest.ranges.sources ?? manifest.ranges.self,
      data: {
        basis: headline.basis,
        share: headline.value,
        max: options.max,
        human: share.human,
        synthetic: share.synthetic,
        mixed: share.mixed,
        unknown: share.unknown,
        ...(headline.sizeBasis !== undefined ? { sizeBasis: headline.sizeBasis } : {}),
      },
    });
  },
};
