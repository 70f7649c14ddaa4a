import type { RelatedLocation } from '../finding';
import { generationDepths, sourcesById } from '../lineage';
import type { Manifest, Source } from '../manifest';
import type { Range } from '../range';
import type { ReportDescriptor, Rule } from '../rule';

type Options = { warnAt: number; errorAt: number };

function depthRange(source: Source): Range {
  return source.ranges['generator.generation'] ?? source.ranges.derivedFrom ?? source.ranges.generator ?? source.ranges.id;
}

/** Where `child` names `parent` in its derivedFrom list, falling back to the list, then the id. */
function referenceRange(child: Source, parent: string): Range {
  const index = child.derivedFrom.indexOf(parent);
  return child.itemRanges.derivedFrom[index] ?? child.ranges.derivedFrom ?? child.ranges.id;
}

function reportCycles(manifest: Manifest, byId: ReadonlyMap<string, Source>, cycles: string[][], report: (d: ReportDescriptor) => void): void {
  for (const cycle of cycles) {
    const edges: { child: Source; parent: string }[] = [];
    for (let i = 0; i + 1 < cycle.length; i++) {
      const child = byId.get(cycle[i] ?? '');
      if (child !== undefined) edges.push({ child, parent: cycle[i + 1] ?? '' });
    }
    const first = edges[0];
    if (first === undefined) continue;
    const related: RelatedLocation[] = edges.slice(1).map(({ child, parent }) => ({
      file: manifest.file,
      range: referenceRange(child, parent),
      message: `'${child.id}' is derived from '${parent}'`,
    }));
    report({
      message: `derivedFrom forms a cycle: ${cycle.map((id) => `'${id}'`).join(' → ')}. A dataset cannot be generated from its own output; fix the lineage.`,
      range: referenceRange(first.child, first.parent),
      sourceId: first.child.id,
      related,
      severity: 'error',
      data: { cycle },
    });
  }
}

/**
 * Shumailov et al. (Nature 2024) show each generation trained on the previous one's output loses the tails
 * of the distribution; Dohmatob et al. (ICML 2024) show the loss compounds as a change of scaling laws.
 * One generation from human data is the ordinary case of synthetic data, so warnings start at 2.
 */
export const rule: Rule<Options> = {
  id: 'recursive-generation',
  description: 'A source was generated from synthetic data (generation depth at or above warnAt), or its lineage has a cycle.',
  defaultSeverity: 'warning',
  needs: ['manifest'],
  docs: 'docs/rules/recursive-generation.md',
  defaultOptions: { warnAt: 2, errorAt: 3 },
  optionSpecs: {
    warnAt: { description: 'Generation depth from which a finding is reported (at the configured severity).', minimum: 1, integer: true },
    errorAt: { description: 'Generation depth from which the finding is an error.', minimum: 1, integer: true },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    const byId = sourcesById(manifest);
    const lineage = generationDepths(manifest, (name) => ctx.registry.depth(name), byId);
    for (const source of manifest.sources) {
      const depth = lineage.depths.get(source.id) ?? 0;
      if (depth < options.warnAt) continue;
      const parentId = lineage.deepestParent.get(source.id);
      const parent = parentId === undefined ? undefined : byId.get(parentId);
      const parentDepth = parentId === undefined ? undefined : parent === undefined ? ctx.registry.depth(parentId) : lineage.depths.get(parentId);
      // A registry variant (a filtered or reformatted copy) sits at its parent's depth: it was not generated from it.
      const relation = parentDepth !== undefined && parentDepth >= depth ? 'a copy of' : 'generated from';
      const from = parentId === undefined ? '' : ` (${relation} '${parentId}'${parentDepth === undefined ? '' : `, generation ${parentDepth}`})`;
      ctx.report({
        message: `Source '${source.id}' is generation ${depth} synthetic data${from}. Each generation trained on generated data loses more of the tails of the real distribution (model collapse).`,
        range: depthRange(source),
        sourceId: source.id,
        related: parent === undefined ? undefined : [{ file: manifest.file, range: parent.ranges.id, message: `'${parent.id}' is generation ${parentDepth ?? 0}` }],
        severity: depth >= options.errorAt ? 'error' : undefined,
        data: { depth, parent: parentId, warnAt: options.warnAt, errorAt: options.errorAt },
      });
    }
    reportCycles(manifest, byId, lineage.cycles, ctx.report);
  },
};
