/**
 * Generation depth of each source: how many rounds of model generation separate its data from human data.
 * Depth 0 is human data; 1 is generated from human data (Alpaca from its human seed tasks); 2 is generated
 * from generation-1 output, and so on. Shumailov et al. (2024) show the tails of the distribution vanish
 * as depth grows, which is what the recursive-generation rule warns about.
 */
import { defaultRegistry } from './provenance/default-registry';
import type { Manifest, Source } from './manifest';

export interface Lineage {
  depths: Map<string, number>;
  /** For each generated source, the parent (a source id or an external dataset name) that set its depth. */
  deepestParent: Map<string, string>;
  /** Each cycle of `derivedFrom` references as a path that ends where it starts: [a, b, a]. */
  cycles: string[][];
}

/** Depth of a dataset named in `derivedFrom` that is not a source of this manifest; undefined when unknown. */
export type ExternalDepth = (name: string) => number | undefined;

function declaredGeneration(source: Source): number | undefined {
  const generation = source.generator?.generation;
  return generation !== undefined && Number.isInteger(generation) && generation >= 0 ? generation : undefined;
}

/**
 * The registry's depth for a source whose origin came from its registry entry. A registry variant (a filtered or
 * reformatted copy) sits at its parent's depth, which `1 + parent` below would overstate; a variant that
 * names no generator has no `generator.generation` to carry that depth, so it is read here. Depth 0 (the entry
 * counts no LLM text, while this source is counted as generated) is left to the rules below.
 */
function registryGeneration(source: Source, externalDepth: ExternalDepth): number | undefined {
  // Without parents the rules below give what the registry would (1, or 0): skip the lookup on every keystroke.
  if (source.derivedFrom.length === 0 || source.originEvidence?.kind !== 'registry' || source.dataset === undefined) return undefined;
  const depth = externalDepth(source.dataset);
  return depth !== undefined && depth > 0 ? depth : undefined;
}

function isGenerated(source: Source): boolean {
  return source.origin === 'synthetic' || source.origin === 'mixed' || source.generator !== undefined;
}

/** Marks a source whose depth is being worked out (it is on the walk's stack); no depth is negative. */
const ON_STACK = -1;

/** The sources by id (the last of a repeated id, as a Map built from the list keeps). */
export function sourcesById(manifest: Manifest): Map<string, Source> {
  const byId = new Map<string, Source>();
  for (const source of manifest.sources) byId.set(source.id, source);
  return byId;
}

/**
 * Rules, in order: a declared `generator.generation` is taken as stated, and so is the registry's depth for a
 * source resolved from its registry entry; a human source is 0; a generated
 * source (synthetic, mixed, or any source naming a generator) is 1 + the deepest of its parents (1 without
 * parents); a source of unknown origin without a generator is 0 (provenance-missing reports it).
 * External parents take `externalDepth(name)` (by default the provenance registry's depth), else 0: an
 * unknown outside dataset is assumed human, so depths are lower bounds. A cycle's closing reference is ignored for the depth and reported in `cycles`.
 * `byId` is the sources by id (sourcesById), for a caller that has it already.
 */
export function generationDepths(
  manifest: Manifest,
  externalDepth: ExternalDepth = (name) => defaultRegistry().depth(name),
  byId: ReadonlyMap<string, Source> = sourcesById(manifest),
): Lineage {
  // A source on the walk's stack has ON_STACK as its depth until its parents are done, so a long derivedFrom
  // chain is not searched once per link.
  const depths = new Map<string, number>();
  const deepestParent = new Map<string, string>();
  const cycles = new Map<string, string[]>();
  const stack: string[] = [];

  const recordCycle = (id: string): void => {
    const loop = stack.slice(stack.indexOf(id));
    // One key per cycle whichever source the walk entered it from: rotate to start at the smallest id.
    const start = loop.indexOf([...loop].sort()[0] ?? id);
    const rotated = [...loop.slice(start), ...loop.slice(0, start)];
    const key = rotated.join('\u0000');
    if (!cycles.has(key)) cycles.set(key, [...rotated, rotated[0] ?? id]);
  };

  const visit = (source: Source): number => {
    const known = depths.get(source.id);
    if (known !== undefined) return known;
    stack.push(source.id);
    depths.set(source.id, ON_STACK);
    let deepest = -1;
    let parentName: string | undefined;
    for (const parent of source.derivedFrom) {
      let parentDepth: number;
      const inManifest = byId.get(parent);
      if (inManifest === undefined) parentDepth = externalDepth(parent) ?? 0;
      else if (depths.get(parent) === ON_STACK) {
        recordCycle(parent);
        continue;
      } else parentDepth = visit(inManifest);
      if (parentDepth > deepest) {
        deepest = parentDepth;
        parentName = parent;
      }
    }
    stack.pop();
    const declared = declaredGeneration(source) ?? registryGeneration(source, externalDepth);
    let depth: number;
    if (declared !== undefined) depth = declared;
    else if (source.origin === 'human' || !isGenerated(source)) depth = 0;
    else depth = 1 + Math.max(deepest, 0);
    depths.set(source.id, depth);
    if (parentName !== undefined && isGenerated(source)) deepestParent.set(source.id, parentName);
    return depth;
  };

  for (const source of manifest.sources) visit(source);
  return { depths, deepestParent, cycles: [...cycles.values()] };
}
