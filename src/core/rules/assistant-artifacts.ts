import { ORIGINS } from '../manifest';
import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { atMost, estimateText, MIN_RECORDS, MIN_RECORDS_OPTION, profiledSources, rowLabel, rowLocation, type ProfiledSource, type Verdict } from './data-figures';
import { percent } from './format';

export type AssistantArtifactsOptions = { max: number; minRecords: number };

/**
 * The rule's verdict on a source's artefact rate, which its check reports and the views mark (report/judged.ts);
 * undefined under `minRecords` records.
 */
export function judgeArtifacts({ profile }: ProfiledSource, options: AssistantArtifactsOptions): Verdict | undefined {
  if (profile.records < options.minRecords) return undefined;
  return atMost(profile.metrics.assistantArtifacts.rate, options.max);
}

/**
 * Refusals, disclaimers and "As an AI language model" leak into generated data when generations are not
 * filtered, and a model trained on them learns to refuse and disclaim. Every source is checked: such a phrase
 * in data declared human is a leak too (provenance-mismatch weighs it as evidence of origin). Not judged
 * under `minRecords` records, where one phrase is a rate of several percent.
 */
export const rule: Rule<AssistantArtifactsOptions> = {
  id: 'assistant-artifacts',
  description: "More records of a source than the maximum carry a chat assistant's refusals, disclaimers or self-identification.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/assistant-artifacts.md',
  defaultOptions: { max: 0.01, minRecords: MIN_RECORDS },
  optionSpecs: {
    max: { description: 'Largest allowed fraction of records (0-1) with an assistant phrase.', minimum: 0, maximum: 1 },
    minRecords: MIN_RECORDS_OPTION,
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const judged of profiledSources(manifest, ctx.profiles, ORIGINS)) {
      if (!judgeArtifacts(judged, options)?.crossed) continue;
      const { source, profile } = judged;
      const { rate, examples } = profile.metrics.assistantArtifacts;
      const first = examples[0];
      const example = first === undefined ? '' : ` such as ${quoteData(first.phrase)} (${rowLabel(first.row)})`;
      ctx.report({
        message:
          `${estimateText(rate, percent)} of the records of source '${source.id}' carry assistant artefacts${example}, above the maximum of ${percent(options.max)}. ` +
          'Filter refusals and disclaimers out of generated data before training on it.',
        range: source.ranges.id,
        sourceId: source.id,
        ...(examples.length > 0 ? { related: examples.map((e) => rowLocation(e.row, `assistant phrase ${quoteData(e.phrase)}`)) } : {}),
        data: { rate: rate.value, max: options.max, phrases: [...new Set(examples.map((e) => e.phrase))] },
      });
    }
  },
};
