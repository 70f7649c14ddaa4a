import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { clearlyAbove, estimateText, profiledSources } from './data-figures';
import { percent } from './format';

type Options = { maxExcessPer1000: number; maxArtifactRate: number };

const per1000 = (x: number): string => x.toFixed(2);

/**
 * A source declared human is counted as real data by every ratio synthlint computes, so text that reads as
 * model-written undermines them all. Two kinds of evidence, either of which is enough: the style words whose
 * frequency jumped with LLM-assisted writing (Kobak et al. 2024, "Delving into ChatGPT usage in academic
 * writing through excess vocabulary"), and a chat assistant's stock phrases. Both are hints, not proof (people
 * write "crucial" too), hence thresholds well above what human text shows. A synthetic declaration needs no
 * evidence: saying more of the data is generated than is never misleads.
 */
export const rule: Rule<Options> = {
  id: 'provenance-mismatch',
  description: 'A source declared human reads as model-written: LLM style words or assistant phrases above the thresholds.',
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/provenance-mismatch.md',
  defaultOptions: { maxExcessPer1000: 1.0, maxArtifactRate: 0.01 },
  optionSpecs: {
    maxExcessPer1000: { description: 'Most LLM style words (Kobak et al. 2024) per 1,000 words a human source may have.', minimum: 0 },
    maxArtifactRate: { description: 'Largest fraction of records (0-1) of a human source that may carry assistant phrases.', minimum: 0, maximum: 1 },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const { source, profile } of profiledSources(manifest, ctx.profiles, ['human'])) {
      const { excessVocabulary, assistantArtifacts } = profile.metrics;
      const styled = clearlyAbove(excessVocabulary.per1000, options.maxExcessPer1000);
      const artefacts = clearlyAbove(assistantArtifacts.rate, options.maxArtifactRate);
      if (!styled && !artefacts) continue;
      const words = excessVocabulary.top.slice(0, 3).map((w) => quoteData(w.text));
      const evidence = [
        `${estimateText(excessVocabulary.per1000, per1000)} LLM style words per 1,000 words (threshold ${per1000(options.maxExcessPer1000)}${words.length > 0 ? `; most used ${words.join(', ')}` : ''})`,
        `assistant phrases in ${estimateText(assistantArtifacts.rate, percent)} of records (threshold ${percent(options.maxArtifactRate)})`,
      ];
      ctx.report({
        message:
          `Source '${source.id}' is declared human but reads as model-written: ${evidence.join('; ')}. ` +
          `If it was generated or edited by a model, declare origin 'synthetic' or 'mixed' so the synthetic share counts it.`,
        range: source.ranges.origin ?? source.ranges.id,
        sourceId: source.id,
        data: {
          excessPer1000: excessVocabulary.per1000.value,
          artifactRate: assistantArtifacts.rate.value,
          maxExcessPer1000: options.maxExcessPer1000,
          maxArtifactRate: options.maxArtifactRate,
          styleWords: excessVocabulary.top.slice(0, 3).map((w) => w.text),
        },
      });
    }
  },
};
