import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { atMost, estimateText, MIN_RECORDS, MIN_RECORDS_OPTION, profiledSources, type ProfiledSource, type Verdict } from './data-figures';
import { percent } from './format';
import { machineLikeLocations, machineLikeText, machineWritten, provenanceData, provenanceText } from './provenance-evidence';

export type ProvenanceMismatchOptions = { minScore: number; maxArtifactRate: number; minRecords: number };

/**
 * The rule's verdict on a human source's assistant-phrase rate, one of its two kinds of evidence, which its check
 * reports and the views mark (report/judged.ts); undefined when it is not judged (not declared human, or under
 * `minRecords` records).
 */
export function judgeArtifactEvidence({ source, profile }: ProfiledSource, options: ProvenanceMismatchOptions): Verdict | undefined {
  if (source.origin !== 'human' || profile.records < options.minRecords) return undefined;
  return atMost(profile.metrics.assistantArtifacts.rate, options.maxArtifactRate);
}

/**
 * A source declared human is counted as real data by every ratio synthlint computes, so text that reads as
 * model-written undermines them all. Two kinds of evidence, either of which is enough: the analyzer's
 * provenance score (a learnt, calibrated model over style, structure, phrasing and diversity, in several
 * languages: docs/metrics.md, "Provenance score"), shared with reads-machine-written, and a chat
 * assistant's stock phrases. The LLM style words (Kobak et al. 2024) are one of the score's inputs and are
 * quoted as context, no longer a trigger of their own: alone they are English-only and fire on the jargon
 * of human abstracts. A synthetic declaration needs no evidence: saying more of the data is generated than
 * is never misleads.
 */
export const rule: Rule<ProvenanceMismatchOptions> = {
  id: 'provenance-mismatch',
  description: 'A source declared human reads as model-written: its provenance score says machine-written, or assistant phrases are above the threshold.',
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/provenance-mismatch.md',
  defaultOptions: { minScore: 0, maxArtifactRate: 0.01, minRecords: MIN_RECORDS },
  optionSpecs: {
    minScore: {
      description: "Provenance score (0-1) at which a human source counts as machine-written; 0 = the model's own `machine` verdict (at most 5% false alarms on held-out human sources).",
      minimum: 0,
      maximum: 1,
    },
    maxArtifactRate: { description: 'Largest fraction of records (0-1) of a human source that may carry assistant phrases.', minimum: 0, maximum: 1 },
    minRecords: { ...MIN_RECORDS_OPTION, description: 'Fewest records a source needs for its assistant phrases to count (the score has its own minimum: its `insufficient` verdict).' },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const judged of profiledSources(manifest, ctx.profiles, ['human'])) {
      const { source, profile } = judged;
      const { excessVocabulary, assistantArtifacts } = profile.metrics;
      const p = machineWritten(profile, options.minScore);
      const artefacts = judgeArtifactEvidence(judged, options)?.crossed === true;
      if (p === undefined && !artefacts) continue;
      const words = excessVocabulary.top.slice(0, 3).map((w) => quoteData(w.text));
      const evidence = [
        p ? provenanceText(p) : '',
        artefacts ? `assistant phrases in ${estimateText(assistantArtifacts.rate, percent)} of records (threshold ${percent(options.maxArtifactRate)})` : '',
        p ? machineLikeText(p) : '',
        words.length > 0 ? `LLM style words used most: ${words.join(', ')}` : '',
      ].filter((e) => e.length > 0);
      ctx.report({
        message:
          `Source '${source.id}' is declared human but reads as model-written: ${evidence.join('; ')}. ` +
          `If it was generated or edited by a model, declare origin 'synthetic' or 'mixed' so the synthetic share counts it.`,
        range: source.ranges.origin ?? source.ranges.id,
        sourceId: source.id,
        ...(p ? { related: machineLikeLocations(p) } : {}),
        data: {
          ...(p ? provenanceData(p, options.minScore) : { score: profile.provenance?.score ?? null, minScore: options.minScore }),
          artifactRate: assistantArtifacts.rate.value,
          maxArtifactRate: options.maxArtifactRate,
          styleWords: excessVocabulary.top.slice(0, 3).map((w) => w.text),
        },
      });
    }
  },
};
