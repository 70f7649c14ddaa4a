import type { Fix } from '../finding';
import type { Rule } from '../rule';
import { insertSourceKeys, replaceScalarValue } from './yaml-edits';

type Options = Record<string, never>;

/**
 * Every other check (share, lineage, diversity baselines) needs to know which data is human. Longpre et al.
 * (2023, "The Data Provenance Initiative") found most fine-tuning collections mislabel or omit provenance.
 */
export const rule: Rule<Options> = {
  id: 'provenance-missing',
  description: 'A source does not say whether its data is human-written, model-generated or mixed.',
  defaultSeverity: 'warning',
  needs: ['manifest'],
  docs: 'docs/rules/provenance-missing.md',
  defaultOptions: {},
  check(ctx) {
    const { manifest } = ctx;
    for (const source of manifest.sources) {
      if (source.origin !== 'unknown') continue;
      const fixes: Fix[] = [];
      for (const origin of ['human', 'synthetic'] as const) {
        const edit =
          source.ranges.origin === undefined
            ? insertSourceKeys(manifest, source, ctx.text, [{ key: 'origin', value: origin }])
            : replaceScalarValue(manifest, source, ctx.text, 'origin', 'origin', origin);
        if (edit !== undefined) fixes.push({ title: `Declare origin: ${origin}`, edits: [edit] });
      }
      // A card has no `origin` to set; when it said something short of an origin, the evidence says what is missing.
      const card = manifest.dialect === 'hf-card' ? source.originEvidence?.detail : undefined;
      ctx.report({
        message:
          card !== undefined
            ? `Source '${source.id}' is of unknown origin: ${card}.`
            : `Source '${source.id}' does not say whether its data is human-written or model-generated; set origin to human, synthetic or mixed.`,
        range: source.ranges.origin ?? source.ranges.id,
        sourceId: source.id,
        fixes: fixes.length > 0 ? fixes : undefined,
      });
    }
  },
};
