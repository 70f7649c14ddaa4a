import { didYouMean } from '../did-you-mean';
import type { Source } from '../manifest';
import type { DialectContext } from './context';

/**
 * Checks across the sources of a native manifest: duplicate ids, `derivedFrom` entries that name nothing,
 * and mixture weights that mix two conventions.
 */
export function checkSourceReferences(ctx: DialectContext, sources: readonly Source[]): void {
  const byId = new Map<string, Source>();
  for (const source of sources) {
    const first = byId.get(source.id);
    if (!first) {
      byId.set(source.id, source);
      continue;
    }
    ctx.report(source.ranges.id, `Duplicate source id '${source.id}': ids must be unique within a manifest.`, {
      sourceId: source.id,
      related: [{ file: ctx.file, range: first.ranges.id, message: `'${source.id}' is first defined here.` }],
    });
  }
  // The ids to suggest from, listed only when a name needs a suggestion: this runs for every source on every keystroke.
  let ids: string[] | undefined;
  for (const source of sources) {
    for (let i = 0; i < source.derivedFrom.length; i++) {
      const name = source.derivedFrom[i] as string;
      if (byId.has(name) || isExternalDataset(name, ctx)) continue;
      const range = source.itemRanges.derivedFrom[i] ?? source.ranges.derivedFrom ?? source.ranges.id;
      ids ??= [...byId.keys()];
      const suggestion = didYouMean(name, ids);
      const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
      const fix = suggestion === undefined ? undefined : { title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }], preferred: true };
      ctx.report(
        range,
        `'${name}' in derivedFrom of '${source.id}' is not a source id in this manifest.${hint} ` +
          'To name an outside dataset, use its hub id (owner/name) or a path.',
        { sourceId: source.id, ...(fix ? { fixes: [fix] } : {}) },
      );
    }
  }
  checkWeights(ctx, sources);
}

/**
 * The rule for `derivedFrom` names that are not ids here: a name with a `/` (a hub id like `tatsu-lab/alpaca`,
 * a path, a URL) or a `:` (`hf:squad`, `s3://...`) is taken as an outside dataset, and so is a name in the
 * provenance registry. Any other bare word is most likely a mistyped id, so it is reported.
 */
export function isExternalDataset(name: string, ctx: DialectContext): boolean {
  return name.includes('/') || name.includes(':') || ctx.registry.lookup(name) !== undefined;
}

/**
 * Weights are either fractions of the mixture (all ≤ 1) or sampling ratios; a weight above 1 next to weights
 * below 1 is almost always a percentage or a row count typed into the wrong field.
 */
function checkWeights(ctx: DialectContext, sources: readonly Source[]): void {
  const fraction = sources.find((s) => s.weight !== undefined && s.weight.value > 0 && s.weight.value < 1);
  if (!fraction) return;
  for (const source of sources) {
    if (source.weight === undefined || source.weight.value <= 1 || !source.ranges.weight) continue;
    ctx.report(
      source.ranges.weight,
      `Weight ${source.weight.value} of '${source.id}' is above 1 while other weights are fractions (e.g. '${fraction.id}': ${fraction.weight?.value}). ` +
        'Use fractions of the mixture for every source, or sampling ratios for every source.',
      { sourceId: source.id },
    );
  }
}
