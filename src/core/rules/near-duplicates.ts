import type { RelatedLocation } from '../finding';
import { ORIGINS } from '../manifest';
import type { Rule } from '../rule';
import { atMost, estimateText, MIN_RECORDS, MIN_RECORDS_OPTION, profiledSources, rowLabel, rowLocation, type ProfiledSource, type Verdict } from './data-figures';
import { percent } from './format';

export type NearDuplicatesOptions = { maxNearDuplicateRate: number; maxExactDuplicateRate: number; minRecords: number };

/**
 * The rule's verdict on a source's two rates, which its check reports and the views mark (report/judged.ts); undefined
 * under `minRecords` records.
 */
export function judgeDuplicates({ profile }: ProfiledSource, options: NearDuplicatesOptions): { near: Verdict; exact: Verdict } | undefined {
  if (profile.records < options.minRecords) return undefined;
  return { near: atMost(profile.metrics.nearDuplicateRate, options.maxNearDuplicateRate), exact: atMost(profile.metrics.exactDuplicateRate, options.maxExactDuplicateRate) };
}

/**
 * Lee et al. (2022, "Deduplicating Training Data Makes Language Models Better") show duplicated training text
 * is memorised and emitted verbatim, and that removing it trains as well or better in fewer steps. It applies
 * to human data as much as to generated data, so every profiled source is checked, from `minRecords` records
 * up (one duplicate pair in a handful of records is a large rate and no evidence about the source).
 */
export const rule: Rule<NearDuplicatesOptions> = {
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
    for (const judged of profiledSources(manifest, ctx.profiles, ORIGINS)) {
      const verdict = judgeDuplicates(judged, options);
      if (verdict === undefined || (!verdict.near.crossed && !verdict.exact.crossed)) continue;
      const { source, profile } = judged;
      const { nearDuplicateRate: near, exactDuplicateRate: exact, estimated } = profile.metrics;
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
