import type { Fix } from '../finding';
import type { DialectId } from '../manifest';
import type { Rule } from '../rule';
import { insertSourceKeys, replaceScalarValue } from './yaml-edits';

type Options = Record<string, never>;

/** A comment beside the entry, read by these formats (dialects/comment-origin.ts), or a team's registry entry. */
const COMMENT_OR_REGISTRY = "add a comment beside the entry ('# human written', '# gpt4 generated') or, for a hub dataset, a datasets: entry in .synthlint.yaml";
/** A team's registry entry: these formats name hub datasets but read no comment beside them. */
const REGISTRY_ONLY = 'for a hub dataset, add a datasets: entry in .synthlint.yaml';

/**
 * How a source of each format can state its origin, the advice after the message (docs/dialects.md, *What each
 * format can state*). Only native manifests have an `origin` key: telling a training config's author to "set
 * origin" sends them looking for a key their trainer does not have. A Record, so a new dialect must say its way.
 */
const ORIGIN_ADVICE: Record<DialectId, string> = {
  synthlint: 'set origin to human, synthetic or mixed',
  'hf-card': 'state it in language_creators or annotations_creators, or tag it synthetic',
  croissant: 'state it with rai:dataCollectionType, the keyword Synthetic or prov:wasGeneratedBy',
  'open-instruct': COMMENT_OR_REGISTRY,
  'trl-mixture': COMMENT_OR_REGISTRY,
  axolotl: COMMENT_OR_REGISTRY,
  torchtune: COMMENT_OR_REGISTRY,
  'nemo-rl': COMMENT_OR_REGISTRY,
  'llama-factory': REGISTRY_ONLY,
  'llama-factory-info': REGISTRY_ONLY,
  mosaicml: REGISTRY_ONLY,
  nemo: 'a blend path cannot state one: suppress this finding with the reason, or lower the rule for these files in overrides:',
};

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
            : `Source '${source.id}' does not say whether its data is human-written or model-generated; ${ORIGIN_ADVICE[manifest.dialect]}.`,
        range: source.ranges.origin ?? source.ranges.id,
        sourceId: source.id,
        fixes: fixes.length > 0 ? fixes : undefined,
      });
    }
  },
};
