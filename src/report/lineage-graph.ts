/**
 * The lineage graph the report draws: where each source's data came from. Three kinds of node — external seed
 * datasets (names in `derivedFrom` that are not sources of this manifest), generator models, and the sources —
 * and two kinds of edge: parent → child (`derivedFrom`) and model → source (`generatedBy`).
 * Depths come from core's generationDepths; this module only arranges them for drawing.
 */
import type { Manifest } from '../core/manifest';
import type { LineageEdge, LineageGraph, LineageNode } from './types';

/**
 * External datasets get a column of their own left of depth 0: their generation is unknown (core counts them
 * as human, depth 0), and a human source filtered from an external one would otherwise share its column.
 */
export const EXTERNAL_COLUMN = -1;

export function buildLineageGraph(
  manifest: Manifest,
  depths: ReadonlyMap<string, number>,
  cycles: readonly (readonly string[])[],
): LineageGraph {
  const ids = new Set(manifest.sources.map((s) => s.id));
  const nodes = new Map<string, LineageNode>();
  const edges: LineageEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (edge: LineageEdge): void => {
    const k = `${edge.kind}\u0000${edge.from}\u0000${edge.to}`;
    if (edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push(edge);
  };

  for (const source of manifest.sources) {
    const key = `source:${source.id}`;
    if (nodes.has(key)) continue; // duplicate ids are a manifest-invalid finding already; draw the first
    nodes.set(key, { key, kind: 'source', label: source.id, origin: source.origin, depth: depths.get(source.id) ?? 0, sourceId: source.id });
  }

  for (const source of manifest.sources) {
    const to = `source:${source.id}`;
    const depth = depths.get(source.id) ?? 0;
    for (const parent of source.derivedFrom) {
      if (ids.has(parent)) {
        addEdge({ from: `source:${parent}`, to, kind: 'derivedFrom' });
        continue;
      }
      const key = `external:${parent}`;
      if (!nodes.has(key)) nodes.set(key, { key, kind: 'external', label: parent, depth: EXTERNAL_COLUMN });
      addEdge({ from: key, to, kind: 'derivedFrom' });
    }
    if (source.generator?.model) {
      const key = `generator:${source.generator.model}`;
      // A generator sits half a column before the earliest data it produced, between its inputs and outputs.
      const column = Math.max(0, depth - 0.5);
      const existing = nodes.get(key);
      if (!existing) nodes.set(key, { key, kind: 'generator', label: source.generator.model, depth: column });
      else existing.depth = Math.min(existing.depth, column);
      addEdge({ from: key, to, kind: 'generatedBy' });
    }
  }

  return { nodes: [...nodes.values()], edges, cycles: cycles.map((c) => [...c]) };
}
