import type { TextEdit } from '../finding';
import type { Source, Manifest } from '../manifest';
import type { Rule } from '../rule';
import { insertSourceKeys, insertUnderKey } from './yaml-edits';

type Options = Record<string, never>;

/** The fix writes this placeholder; the rule keeps reporting it until a real model name replaces it. */
const PLACEHOLDER = 'TODO';

function modelOf(source: Source): string | undefined {
  const model = source.generator?.model.trim();
  return model === undefined || model === '' || model.toUpperCase() === PLACEHOLDER ? undefined : model;
}

function placeholderEdit(manifest: Manifest, source: Source, text: string | undefined): TextEdit | undefined {
  // A `generator:` block without a model leaves `source.generator` unset but the key in place: fill that block.
  if (source.ranges.generator === undefined) {
    const after = source.ranges.origin === undefined ? 'id' : 'origin';
    return insertSourceKeys(manifest, source, text, [{ key: 'generator', children: [`model: ${PLACEHOLDER}`] }], after);
  }
  if (source.ranges['generator.model'] !== undefined) return undefined;
  return insertUnderKey(manifest, source, text, 'generator', ['generator.provider', 'generator.generation'], `model: ${PLACEHOLDER}`);
}

/**
 * Which model generated the data decides its lineage (a model trained on generated data makes deeper
 * generations), its terms (generator-terms) and which artefacts to look for; without it none can be checked.
 */
export const rule: Rule<Options> = {
  id: 'generator-missing',
  description: 'A synthetic or mixed source does not name the model that generated it.',
  defaultSeverity: 'warning',
  needs: ['manifest'],
  docs: 'docs/rules/generator-missing.md',
  defaultOptions: {},
  check(ctx) {
    const { manifest } = ctx;
    for (const source of manifest.sources) {
      if ((source.origin !== 'synthetic' && source.origin !== 'mixed') || modelOf(source) !== undefined) continue;
      // An origin the file did not state (the registry's, or a dataset name's) cannot be completed in this file.
      const evidence = source.originEvidence?.kind;
      if (evidence === 'registry' || evidence === 'name') continue;
      const placeholder = source.generator !== undefined && source.ranges['generator.model'] !== undefined;
      const edit = placeholderEdit(manifest, source, ctx.text);
      ctx.report({
        message: placeholder
          ? `Source '${source.id}' has no real generator model yet ('${source.generator?.model ?? ''}'); name the model that generated it.`
          : manifest.dialect === 'hf-card'
            ? // A card's metadata has no field for a model: "add generator.model" would be advice nobody can follow.
              `Source '${source.id}' is ${source.origin}, and a dataset card's metadata cannot name the model that generated it, so its lineage and terms cannot be checked; turn generator-missing off for cards in an \`overrides\` entry of .synthlint.yaml if that is known.`
            : `Source '${source.id}' is ${source.origin} but does not name the model that generated it; add generator.model.`,
        range: source.ranges['generator.model'] ?? source.ranges.generator ?? source.ranges.origin ?? source.ranges.id,
        sourceId: source.id,
        fixes: edit === undefined ? undefined : [{ title: 'Add a generator model placeholder', edits: [edit] }],
      });
    }
  },
};
