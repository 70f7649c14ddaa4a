/**
 * Places lineage nodes for an SVG drawing: one column per depth (left = human seeds, right = deepest
 * synthetic generation), nodes stacked in the order the graph lists them. A layered layout without crossing
 * minimisation: manifests hold tens of sources, and keeping manifest order keeps the drawing predictable
 * for someone reading the YAML beside it.
 */
import type { LineageGraph } from './types';

export interface PlacedNode {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: 'derivedFrom' | 'generatedBy';
  /** Cubic Bézier from the right side of `from` to the left side of `to`, as SVG path data. */
  path: string;
  /** True when both ends sit in the same derivedFrom cycle. */
  inCycle: boolean;
}

export interface LineageLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Depth of each column, left to right, for column headings. */
  columns: { depth: number; x: number }[];
}

export const LAYOUT = { nodeWidth: 150, nodeHeight: 34, columnGap: 46, rowGap: 14, margin: 28, headerHeight: 22 } as const;

export function layoutLineage(graph: LineageGraph): LineageLayout {
  const { nodeWidth, nodeHeight, columnGap, rowGap, margin, headerHeight } = LAYOUT;
  const depths = [...new Set(graph.nodes.map((n) => n.depth))].sort((a, b) => a - b);
  const columnOf = new Map(depths.map((d, i) => [d, i]));
  const rowsInColumn = depths.map(() => 0);
  const placed = new Map<string, PlacedNode>();

  for (const node of graph.nodes) {
    const column = columnOf.get(node.depth) ?? 0;
    const row = rowsInColumn[column] ?? 0;
    rowsInColumn[column] = row + 1;
    placed.set(node.key, {
      key: node.key,
      x: margin + column * (nodeWidth + columnGap),
      y: margin + headerHeight + row * (nodeHeight + rowGap),
      width: nodeWidth,
      height: nodeHeight,
    });
  }

  const cycleOf = new Map<string, number>();
  graph.cycles.forEach((cycle, i) => cycle.forEach((id) => cycleOf.set(`source:${id}`, i)));

  const edges: PlacedEdge[] = [];
  for (const edge of graph.edges) {
    const a = placed.get(edge.from);
    const b = placed.get(edge.to);
    if (!a || !b) continue;
    const path = a.x < b.x ? forwardPath(a, b) : loopPath(a, b);
    const ca = cycleOf.get(edge.from);
    edges.push({ ...edge, path, inCycle: ca !== undefined && ca === cycleOf.get(edge.to) });
  }

  const maxRows = Math.max(1, ...rowsInColumn);
  return {
    width: margin * 2 + Math.max(1, depths.length) * nodeWidth + Math.max(0, depths.length - 1) * columnGap,
    height: margin * 2 + headerHeight + maxRows * nodeHeight + (maxRows - 1) * rowGap,
    nodes: [...placed.values()],
    edges,
    columns: depths.map((depth, i) => ({ depth, x: margin + i * (nodeWidth + columnGap) })),
  };
}

/** Left-to-right: from the right side of the parent to the left side of the child. */
function forwardPath(a: PlacedNode, b: PlacedNode): string {
  const x1 = a.x + a.width;
  const y1 = a.y + a.height / 2;
  const x2 = b.x;
  const y2 = b.y + b.height / 2;
  const bend = Math.max(30, (x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

/** Same column or backwards (a cycle): leave the parent's left side and loop round into the child's left side. */
function loopPath(a: PlacedNode, b: PlacedNode): string {
  const y1 = a.y + a.height / 2;
  const y2 = b.y + b.height / 2;
  const out = LAYOUT.margin - 4;
  return `M${a.x},${y1} C${a.x - out},${y1} ${b.x - out},${y2} ${b.x},${y2}`;
}
