import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { atMost, estimateText, GENERATED_ORIGINS, MIN_RECORDS, MIN_RECORDS_OPTION, profiledSources, type ProfiledSource, type Verdict } from './data-figures';
import { percent } from './format';

export type TemplateCollapseOptions = { max: number; minRecords: number };

/**
 * The rule's verdict on a source's template share, which its check reports and the views mark (report/judged.ts);
 * undefined when it is not judged (human or unknown origin, or under `minRecords` records).
 */
export function judgeTemplates({ source, profile }: ProfiledSource, options: TemplateCollapseOptions): Verdict | undefined {
  if (!GENERATED_ORIGINS.includes(source.origin) || profile.records < options.minRecords) return undefined;
  return atMost(profile.metrics.templateOpenings.share3, options.max);
}

/**
 * Generated data collapses onto a few stock openings ("Sure! Here is ...") when one prompt template drives
 * the generation; the model then learns the template rather than the task. The share counts records that
 * open with one of the ten most frequent repeated three-word openings. Human data is left
 * to provenance-mismatch: forms and how-to titles open alike by design. Not judged under `minRecords`
 * records: in a few records one repeated pair is already a large share.
 */
export const rule: Rule<TemplateCollapseOptions> = {
  id: 'template-collapse',
  description: 'Too many records of a synthetic source open with the same few words (a template the generator repeats).',
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/template-collapse.md',
  defaultOptions: { max: 0.2, minRecords: MIN_RECORDS },
  optionSpecs: {
    max: { description: 'Largest allowed share of records (0-1) opening with one of the ten most repeated three-word openings.', minimum: 0, maximum: 1 },
    minRecords: MIN_RECORDS_OPTION,
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const judged of profiledSources(manifest, ctx.profiles, GENERATED_ORIGINS)) {
      if (!judgeTemplates(judged, options)?.crossed) continue;
      const { source, profile } = judged;
      const { share3, top3 } = profile.metrics.templateOpenings;
      const first = top3[0];
      const example = first === undefined ? '' : `; the most common is ${quoteData(first.text)} (${first.count} records)`;
      ctx.report({
        message:
          `${estimateText(share3, percent)} of the records of source '${source.id}' open with one of its most repeated openings, above the maximum of ${percent(options.max)}${example}. ` +
          'Vary the generation prompts or filter templated records.',
        range: source.ranges.id,
        sourceId: source.id,
        data: { share: share3.value, max: options.max, top: top3.slice(0, 3) },
      });
    }
  },
};
