/**
 * Places the lineage graph for drawing, in the report model, so the webview and the exported HTML draw the
 * same picture from the same numbers. Layered layout (Sugiyama: ranks, crossing reduction, coordinates) is
 * dagre's (@dagrejs/dagre): synchronous, deterministic for a given insertion order, ~50 kB minified, and only
 * bundled where the model is built (CLI, server), never in the webview script.
 *
 * Each connected part of the graph is laid out on its own and the parts are stacked, so unrelated datasets are
 * never interleaved into what reads as one chain; sources with no lineage at all go in a grid underneath.
 * Edges are routed so they never pass behind a node: inside a rank's band an edge runs horizontally at its own
 * dagre slot (a node's centre line or a dummy's), and it only bends in the empty gaps between ranks.
 */
import dagre from '@dagrejs/dagre';
import { neutraliseBidi } from './escape';
import { ORIGIN_LABELS } from './format';
import type { LineageCaption, LineageEdge, LineageGraph, LineageLayout, LineageNode, PlacedEdge, PlacedNode } from './types';

export const LAYOUT = {
  nodeHeight: 40,
  minNodeWidth: 120,
  maxNodeWidth: 240,
  /** Horizontal padding inside a node, each side. */
  padding: 10,
  /**
   * Width of one character of the 12 px node label, a little above the average of common UI sans-serif fonts,
   * so an estimated label fits its box (the browser test measures that it does).
   */
  charWidth: 7.2,
  /** The same for the 11 px second line. */
  detailCharWidth: 6.6,
  rankGap: 56,
  nodeGap: 14,
  edgeGap: 10,
  partGap: 28,
  captionHeight: 22,
  margin: 12,
  /**
   * The grid of unlinked sources is at most this wide (or as wide as the widest linked part): two columns of
   * the widest boxes, which fit a report opened beside the editor (700 px) at full size.
   */
  gridWidth: 500,
  /**
   * Beyond these the drawing is not made: a few hundred boxes are unreadable on a screen, and dagre's crossing
   * reduction grows quickly (about 2 s for 200 nodes and 400 edges on the development machine, 30 s for 1,000).
   * The report then lists the lineage as text only.
   */
  maxNodes: 300,
  maxEdges: 240,
} as const;

interface Box { x: number; y: number; width: number; height: number }
interface Point { x: number; y: number }

export function layoutLineage(graph: Pick<LineageGraph, 'nodes' | 'edges' | 'cycles'>): LineageLayout {
  const { margin, partGap, captionHeight } = LAYOUT;
  if (graph.nodes.length > LAYOUT.maxNodes || graph.edges.length > LAYOUT.maxEdges) {
    return { width: 0, height: 0, nodes: [], edges: [], captions: [], omitted: true };
  }
  const { linked, unlinked } = partition(graph.nodes, graph.edges);
  const nodes: PlacedNode[] = [];
  // Parts are laid out one after another, but each drawn edge keeps the model's position, so the drawing lists its
  // edges as the model (and the report's text list) does.
  const edgeAt: (PlacedEdge | undefined)[] = graph.edges.map(() => undefined);
  const position = new Map(graph.edges.map((e, i) => [e, i]));
  const captions: LineageCaption[] = [];
  const cycleOf = new Map<string, number>();
  graph.cycles.forEach((cycle, i) => cycle.forEach((id) => cycleOf.set(`source:${id}`, i)));

  let top = margin;
  let width = 0;
  for (const part of linked) {
    const placed = layoutPart(part.nodes, part.edges);
    for (const n of placed.nodes) nodes.push({ ...n, x: round(n.x + margin), y: round(n.y + top) });
    placed.edges.forEach((e, j) => {
      const ca = cycleOf.get(e.from);
      const at = position.get(part.edges[j] as LineageEdge);
      if (at === undefined) return;
      edgeAt[at] = {
        from: e.from, to: e.to, kind: e.kind,
        path: pathData(e.points.map((p) => ({ x: p.x + margin, y: p.y + top }))),
        inCycle: ca !== undefined && ca === cycleOf.get(e.to),
      };
    });
    top += placed.height + partGap;
    width = Math.max(width, placed.width);
  }

  if (unlinked.length > 0) {
    captions.push({ text: linked.length > 0 ? 'Not linked to other datasets' : 'No lineage recorded for these datasets', x: margin, y: top + 14 });
    top += captionHeight;
    const grid = layoutGrid(unlinked, Math.max(width, LAYOUT.gridWidth));
    for (const n of grid.nodes) nodes.push({ ...n, x: round(n.x + margin), y: round(n.y + top) });
    top += grid.height + partGap;
    width = Math.max(width, grid.width);
  }

  const edges = edgeAt.filter((e): e is PlacedEdge => e !== undefined);
  return { width: round(width + margin * 2), height: round(Math.max(top - partGap, margin) + margin), nodes, edges, captions, omitted: false };
}

interface Part { nodes: LineageNode[]; edges: LineageEdge[] }

/** Splits the graph into connected parts (in the order their first node appears) and nodes with no edge at all. */
function partition(nodes: readonly LineageNode[], edges: readonly LineageEdge[]): { linked: Part[]; unlinked: LineageNode[] } {
  const parent = new Map(nodes.map((n) => [n.key, n.key]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(k, root);
    return root;
  };
  for (const e of edges) if (parent.has(e.from) && parent.has(e.to)) parent.set(find(e.from), find(e.to));
  const withEdges = new Set(edges.flatMap((e) => [e.from, e.to]));
  const parts = new Map<string, Part>();
  const unlinked: LineageNode[] = [];
  for (const node of nodes) {
    if (!withEdges.has(node.key)) {
      unlinked.push(node);
      continue;
    }
    const root = find(node.key);
    const part = parts.get(root) ?? { nodes: [], edges: [] };
    part.nodes.push(node);
    parts.set(root, part);
  }
  for (const e of edges) parts.get(find(e.from))?.edges.push(e);
  return { linked: [...parts.values()], unlinked };
}

interface PartLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: { from: string; to: string; kind: LineageEdge['kind']; points: Point[] }[];
}

function layoutPart(nodes: readonly LineageNode[], edges: readonly LineageEdge[]): PartLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: LAYOUT.rankGap, nodesep: LAYOUT.nodeGap, edgesep: LAYOUT.edgeGap, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map(nodes.map((n) => [n.key, nodeLines(n)]));
  for (const n of nodes) g.setNode(n.key, { width: nodeWidth(lines.get(n.key) ?? ['', '']), height: LAYOUT.nodeHeight });
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);

  const boxes = new Map<string, Box>();
  const placed: PlacedNode[] = nodes.map((n) => {
    const d = g.node(n.key);
    const box = { x: (d.x ?? 0) - d.width / 2, y: (d.y ?? 0) - d.height / 2, width: d.width, height: d.height };
    boxes.set(n.key, box);
    return { key: n.key, lines: lines.get(n.key) ?? ['', ''], ...box };
  });
  const bands = rankBands([...boxes.values()]);
  const routed = edges.map((e) => {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    const inner = (g.edge(e.from, e.to)?.points ?? []).slice(1, -1);
    const points = from && to ? route(from, to, inner, bands, e.from === e.to) : [];
    return { from: e.from, to: e.to, kind: e.kind, points };
  });
  const graphLabel = g.graph();
  return { width: graphLabel.width ?? 0, height: graphLabel.height ?? 0, nodes: placed, edges: routed };
}

/** Unlinked sources in rows, manifest order, as many per row as fit the width. */
function layoutGrid(nodes: readonly LineageNode[], maxWidth: number): { width: number; height: number; nodes: PlacedNode[] } {
  const lines = nodes.map(nodeLines);
  const cell = Math.max(...lines.map(nodeWidth));
  const columns = Math.max(1, Math.min(nodes.length, Math.floor((maxWidth + LAYOUT.nodeGap) / (cell + LAYOUT.nodeGap))));
  const placed = nodes.map((n, i) => ({
    key: n.key,
    lines: lines[i] ?? ['', ''],
    x: (i % columns) * (cell + LAYOUT.nodeGap),
    y: Math.floor(i / columns) * (LAYOUT.nodeHeight + LAYOUT.nodeGap),
    width: cell,
    height: LAYOUT.nodeHeight,
  }));
  const rows = Math.ceil(nodes.length / columns);
  return { width: columns * cell + (columns - 1) * LAYOUT.nodeGap, height: rows * LAYOUT.nodeHeight + (rows - 1) * LAYOUT.nodeGap, nodes: placed };
}

/**
 * The two lines a node shows: its name, and what it is (origin and generation depth for a source). A hub id
 * (`owner/name`) shows its name on the first line and its owner on the second, so a grid of one owner's datasets
 * reads by name; what still does not fit loses its middle, so both the start and the distinguishing end stay.
 * Bidi controls are made visible.
 */
export function nodeLines(node: LineageNode): [string, string] {
  const label = neutraliseBidi(node.label);
  const detail = nodeDetail(node);
  const slash = label.indexOf('/');
  if (slash <= 0 || slash === label.length - 1) {
    return [elide(label, maxChars(LAYOUT.charWidth)), elide(detail, maxChars(LAYOUT.detailCharWidth))];
  }
  return [elide(label.slice(slash + 1), maxChars(LAYOUT.charWidth)), elide(`${label.slice(0, slash)} · ${detail}`, maxChars(LAYOUT.detailCharWidth))];
}

function nodeDetail(node: LineageNode): string {
  if (node.kind === 'generator') return 'generator model';
  if (node.kind === 'external') return 'external dataset';
  const origin = ORIGIN_LABELS[node.origin ?? 'unknown'].toLowerCase();
  // Depth 0 (human or unknown ancestry) is the common case and goes unsaid; the legend says so.
  if (node.depth === undefined) return `${origin} · in a cycle`;
  return node.depth > 0 ? `${origin} · depth ${node.depth}` : origin;
}

function maxChars(charWidth: number): number {
  return Math.floor((LAYOUT.maxNodeWidth - 2 * LAYOUT.padding) / charWidth);
}

function elide(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}

function nodeWidth([label, detail]: readonly [string, string]): number {
  const wanted = Math.max(Array.from(label).length * LAYOUT.charWidth, Array.from(detail).length * LAYOUT.detailCharWidth) + 2 * LAYOUT.padding;
  return Math.ceil(Math.min(LAYOUT.maxNodeWidth, Math.max(LAYOUT.minNodeWidth, wanted)));
}

/** A rank's band (left..right) of the nodes dagre put in it; in LR every node of a rank shares its centre x. */
interface Band { left: number; right: number }

function rankBands(boxes: readonly Box[]): Band[] {
  const byCentre = new Map<number, Band>();
  for (const b of boxes) {
    const centre = Math.round(b.x + b.width / 2);
    const band = byCentre.get(centre);
    byCentre.set(centre, band ? { left: Math.min(band.left, b.x), right: Math.max(band.right, b.x + b.width) } : { left: b.x, right: b.x + b.width });
  }
  return [...byCentre.values()];
}

/**
 * The polyline an edge follows: out of the side of `from` facing its route, across the rest of its own rank band
 * on its centre line, through dagre's dummy points (each stretched across the band it sits in), and into the
 * side of `to`. Every non-horizontal piece then lies between two bands, where there are no nodes.
 */
function route(from: Box, to: Box, inner: readonly Point[], bands: readonly Band[], self: boolean): Point[] {
  const fromMid = from.y + from.height / 2;
  const toMid = to.y + to.height / 2;
  if (self) {
    const right = from.x + from.width;
    return [{ x: right, y: fromMid - 8 }, { x: right + 18, y: fromMid - 8 }, { x: right + 18, y: fromMid + 8 }, { x: right, y: fromMid + 8 }];
  }
  const towards = inner[0]?.x ?? to.x + to.width / 2;
  const forward = towards >= from.x + from.width / 2;
  const points: Point[] = [];
  const bandOf = (x: number): Band | undefined => bands.find((b) => x > b.left - 0.5 && x < b.right + 0.5);

  const fromBand = bandOf(from.x + from.width / 2);
  points.push({ x: forward ? from.x + from.width : from.x, y: fromMid });
  if (fromBand) points.push({ x: forward ? fromBand.right : fromBand.left, y: fromMid });
  for (const p of inner) {
    const band = bandOf(p.x);
    if (!band) {
      points.push(p);
      continue;
    }
    const rightward = forward;
    points.push({ x: rightward ? band.left : band.right, y: p.y }, { x: rightward ? band.right : band.left, y: p.y });
  }
  const arriving = points[points.length - 1]?.x ?? 0;
  const entersLeft = arriving <= to.x + to.width / 2;
  const toBand = bandOf(to.x + to.width / 2);
  if (toBand) points.push({ x: entersLeft ? toBand.left : toBand.right, y: toMid });
  points.push({ x: entersLeft ? to.x : to.x + to.width, y: toMid });
  return dedupe(points);
}

function dedupe(points: readonly Point[]): Point[] {
  return points.filter((p, i) => {
    const prev = points[i - 1];
    return !prev || Math.abs(prev.x - p.x) > 0.01 || Math.abs(prev.y - p.y) > 0.01;
  });
}

/** SVG path data: straight along a band, an S-curve with horizontal ends across a gap (it stays inside the gap). */
function pathData(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${round(first.x)},${round(first.y)}`;
  let prev = first;
  for (const p of rest) {
    if (Math.abs(p.y - prev.y) < 0.01 || Math.abs(p.x - prev.x) < 0.01) d += ` L${round(p.x)},${round(p.y)}`;
    else {
      const mid = round((prev.x + p.x) / 2);
      d += ` C${mid},${round(prev.y)} ${mid},${round(p.y)} ${round(p.x)},${round(p.y)}`;
    }
    prev = p;
  }
  return d;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
