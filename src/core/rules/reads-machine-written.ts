import type { Rule } from '../rule';
import { profiledSources } from './data-figures';
import { machineLikeLocations, machineLikeText, machineWritten, provenanceData, provenanceText } from './provenance-evidence';

type Options = { minScore: number };

/**
 * Most of the risk of training on generated text hides in sources nobody labelled: scraped "human" data
 * after 2022, a teammate's dump, annotations written with a chat assistant. The analyzer's provenance score
 * (docs/metrics.md, "Provenance score") is a learnt, calibrated probability that a source's text is mainly
 * model-written; this rule reports sources of unknown origin (declared `unknown` or not declared at all)
 * whose score reads as machine-written. Sources declared human are provenance-mismatch's, with the same
 * evidence; declared synthetic or mixed sources need none.
 */
export const rule: Rule<Options> = {
  id: 'reads-machine-written',
  description: 'A source of unknown origin reads as machine-written: the provenance score says its text is mainly model-generated.',
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/reads-machine-written.md',
  defaultOptions: { minScore: 0 },
  optionSpecs: {
    minScore: {
      description: "Provenance score (0-1) at which a source counts as machine-written; 0 = the model's own `machine` verdict (at most 5% false alarms on held-out human sources).",
      minimum: 0,
      maximum: 1,
    },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const { source, profile } of profiledSources(manifest, ctx.profiles, ['unknown'])) {
      const p = machineWritten(profile, options.minScore);
      if (p === undefined) continue;
      const declared = source.ranges.origin === undefined ? 'does not declare its origin' : "is declared of 'unknown' origin";
      const rows = machineLikeText(p);
      ctx.report({
        message:
          `Source '${source.id}' ${declared} but its data reads as machine-written: ${provenanceText(p)}${rows ? `; ${rows}` : ''}. ` +
          "If a model wrote or rewrote it, declare origin 'synthetic' or 'mixed' so the synthetic share counts it; the score is evidence, not proof.",
        range: source.ranges.origin ?? source.ranges.id,
        sourceId: source.id,
        related: machineLikeLocations(p),
        data: provenanceData(p, options.minScore),
      });
    }
  },
};
