import type { RelatedLocation } from '../finding';
import { ORIGINS } from '../manifest';
import type { Rule } from '../rule';
import { clearlyAbove, estimateText, MIN_RECORDS, MIN_RECORDS_OPTION, profiledSources, rowLabel, rowLocation } from './data-figures';
import { percent } from './format';

type Options = { maxNearDuplicateRate: number; maxExactDuplicateRate: number; minRecords: number };

/**
 * Lee et al. (2022, "Deduplicating Training Data Makes Language Models Better") show duplicated training text
 * is memorised and emitted verbatim, and that removing it trains as well or better in fewer steps. It applies
 * to human data as much as to generated data, so every profiled source is checked, from `minRecords` records
 * up (one duplicate pair in a handful of records is a large rate and no evidence about the source).
 */
export const rule: Rule<Options> = {
  id: 'near-duplicates',
  description: 'A source has more near-duplicate (MinHash) or exact-duplicate records than the maximum.',
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/near-duplicates.md',
  defaultOptions: { maxNearDuplicateRate: 0.05, maxExactDuplicateRate: 0.01, minRecords: MIN_RECORDS },
  optionSpecs: {
    maxNearDuplicateRate: { description: 'Largest allowed fraction of records that nearly duplicate another record (0-1).', minimum: 0, maximum: 1 },
    maxExactDuplicateRate: { description: 'Largest allowed fraction of records that exactly duplicate another record (0-1).', minimum: 0, maximum: 1 },
    minRecords: MIN_RECORDS_OPTION,
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const { source, profile } of profiledSources(manifest, ctx.profiles, ORIGINS)) {
      if (profile.records < options.minRecords) continue;
      const { nearDuplicateRate: near, exactDuplicateRate: exact, estimated } = profile.metrics;
      const overNear = clearlyAbove(near, options.maxNearDuplicateRate);
      const overExact = clearlyAbove(exact, options.maxExactDuplicateRate);
      if (!overNear && !overExact) continue;
      // Above the exact limit the near rate is MinHash-LSH's over every record (docs/metrics.md states its error).
      const sketched = estimated?.includes('nearDuplicateRate') && !near.ci95 ? ' (MinHash-LSH estimate over every record)' : '';
      const parts = [
        `${estimateText(near, percent)} are near-duplicates${sketched} (maximum ${percent(options.maxNearDuplicateRate)})`,
        `${estimateText(exact, percent)} are exact duplicates (maximum ${percent(options.maxExactDuplicateRate)})`,
      ];
      const related: RelatedLocation[] = profile.nearDuplicatePairs.flatMap((pair) => {
        const similarity = `Jaccard ${pair.jaccard.toFixed(2)}`;
        return [
          rowLocation(pair.a, `near-duplicate of ${rowLabel(pair.b)} (${similarity})`),
          rowLocation(pair.b, `near-duplicate of ${rowLabel(pair.a)} (${similarity})`),
        ];
      });
      ctx.report({
        message: `In source '${source.id}', ${parts.join('; ')}. Duplicated text is memorised and over-weighted in training; deduplicate the source.`,
        range: source.ranges.id,
        sourceId: source.id,
        ...(related.length > 0 ? { related } : {}),
        data: {
          nearDuplicateRate: near.value,
          exactDuplicateRate: exact.value,
          maxNearDuplicateRate: options.maxNearDuplicateRate,
          maxExactDuplicateRate: options.maxExactDuplicateRate,
          pairs: profile.nearDuplicatePairs.length,
        },
      });
    }
  },
};
