/**
 * The lineage graph the report draws: where each source's data came from. Three kinds of node — external seed
 * datasets (names in `derivedFrom` that are not sources of this manifest), generator models, and the sources —
 * and two kinds of edge: parent → child (`derivedFrom`) and model → source (`generatedBy`).
 * Depths come from core's generationDepths; lineage-layout places the nodes and edges for drawing.
 */
import type { Manifest } from '../core/manifest';
import { layoutLineage } from './lineage-layout';
import type { LineageEdge, LineageGraph, LineageNode } from './types';

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
    const depth = depths.get(source.id); // none inside a derivedFrom cycle
    nodes.set(key, { key, kind: 'source', label: source.id, origin: source.origin, ...(depth !== undefined ? { depth } : {}), sourceId: source.id });
  }

  for (const source of manifest.sources) {
    const to = `source:${source.id}`;
    for (const parent of source.derivedFrom) {
      if (ids.has(parent)) {
        addEdge({ from: `source:${parent}`, to, kind: 'derivedFrom' });
        continue;
      }
      const key = `external:${parent}`;
      if (!nodes.has(key)) nodes.set(key, { key, kind: 'external', label: parent });
      addEdge({ from: key, to, kind: 'derivedFrom' });
    }
    if (source.generator?.model) {
      const key = `generator:${source.generator.model}`;
      if (!nodes.has(key)) nodes.set(key, { key, kind: 'generator', label: source.generator.model });
      addEdge({ from: key, to, kind: 'generatedBy' });
    }
  }

  const graph = { nodes: [...nodes.values()], edges, cycles: cycles.map((c) => [...c]) };
  return { ...graph, layout: layoutLineage(graph) };
}
