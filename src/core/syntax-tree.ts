/**
 * A dialect-neutral tree of a YAML or JSON document. Every node keeps the offsets of its value in the whole
 * file's text (front matter included), so dialects never do position arithmetic of their own.
 */
import { quoteData } from './quote';

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  kind: 'scalar';
  value: ScalarValue;
  start: number;
  end: number;
}

export interface MapEntry {
  key: ScalarNode;
  value: SyntaxNode;
}

export interface MapNode {
  kind: 'map';
  entries: MapEntry[];
  start: number;
  end: number;
}

export interface SeqNode {
  kind: 'seq';
  items: SyntaxNode[];
  start: number;
  end: number;
}

export type SyntaxNode = ScalarNode | MapNode | SeqNode;

/**
 * The readers build their nodes with these classes' constructors rather than object literals. Why: V8 may decide
 * that an object literal's allocation site makes long-lived objects and then allocate its objects in the old
 * generation ("pretenuring"); a tree read on every keystroke lives for one lint only, and dead old nodes kept their
 * young children alive through every young-generation collection until the next full one (about 1.2 MB promoted a
 * lint on a 1,000-source manifest, scavenges of 10-30 ms, several full collections a minute of typing). Objects made
 * by `new` are always allocated young. One class a node kind, so every reader makes the same objects; called with
 * `new` directly, not through a function each: in a cold `check --no-data`, whose code is never optimised, that was
 * a call more per node, three a line of a manifest.
 */
export class Scalar implements ScalarNode {
  declare readonly kind: 'scalar';

  constructor(
    public value: ScalarValue,
    public start: number,
    public end: number,
  ) {}
}

export class Mapping implements MapNode {
  declare readonly kind: 'map';

  constructor(
    public entries: MapEntry[],
    public start: number,
    public end: number,
  ) {}
}

export class Sequence implements SeqNode {
  declare readonly kind: 'seq';

  constructor(
    public items: SyntaxNode[],
    public start: number,
    public end: number,
  ) {}
}

/**
 * A node's kind lives on its class's prototype, not in each node: a cold `check --no-data` keeps the whole tree of a
 * 1,000-source manifest (~21,000 nodes) through its young-generation collections, which copy every live byte twice
 * and touch a fresh page of the old generation per 4 kB promoted; a field per node was 170 kB of that.
 */
for (const [node, kind] of [
  [Scalar, 'scalar'],
  [Mapping, 'map'],
  [Sequence, 'seq'],
] as const) {
  Object.defineProperty(node.prototype, 'kind', { value: kind });
}

export class Entry implements MapEntry {
  constructor(
    public key: ScalarNode,
    public value: SyntaxNode,
  ) {}
}

/** A syntax error, by offsets in the whole file's text. */
export interface TreeError {
  message: string;
  start: number;
  end: number;
}

export interface ParsedTree {
  /** Absent when the document is empty (only comments or whitespace) or could not be read at all. */
  root?: SyntaxNode;
  errors: TreeError[];
  /** Problems that do not stop reading: a repeated YAML key, read as PyYAML reads it (the last value wins). */
  warnings?: TreeError[];
}

/**
 * Hands the items of one list to its reader as each is read, so the reader turns them into its model while they are
 * young and the tree never holds them. Why: a cold `check --no-data` of a 1,000-source manifest used to build the
 * whole tree (~21,000 nodes, 2.1 MB) before the dialect read it, and the young-generation collections during the
 * build copied every node twice and then into fresh old-generation pages, a page fault per 4 kB (1.65 MB of the
 * 5.5 MB promoted, ~410 of the run's 4,800 faults). The list is the one under `key` in the document's top-level
 * mapping; a reader that builds the whole tree first (JSON, the `yaml` package) hands its items over afterwards.
 * Either way each item arrives once, in order, and the caller must not read that list's `items`.
 */
export interface ItemStream {
  /** The key, in the top-level mapping, whose list is streamed. */
  readonly key: string;
  item(node: SyntaxNode, index: number): void;
  /** The items handed over so far are void: the document is read again from its start (by the `yaml` package). */
  restart(): void;
}

/** Hands over the streamed list's items of a tree read whole (see ItemStream). */
export function streamItems(root: SyntaxNode, stream: ItemStream): void {
  const list = valueOf(root, stream.key);
  if (list?.kind === 'seq') list.items.forEach((item, index) => stream.item(item, index));
}

/** The entry of `key` in a map: YAML keeps only the last of repeated keys; JSON stops at a repeated key. */
export function entryOf(map: MapNode, key: string): MapEntry | undefined {
  // An indexed loop, not `find` or `for … of`: dialects ask this several times per source on every keystroke, and each
  // callback is garbage, as is each step's iterator result in unoptimised code (a cold `check --no-data`).
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) if ((entries[i] as MapEntry).key.value === key) return entries[i];
  return undefined;
}

/** The value of `key` in a map, when the node is a map and has it. */
export function valueOf(node: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  return node?.kind === 'map' ? entryOf(node, key)?.value : undefined;
}

export function isNullNode(node: SyntaxNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

export function describeNode(node: SyntaxNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'an empty value';
  // A binary or huge file read as YAML is one long string: quote enough to recognise it, not the whole file.
  if (typeof node.value === 'string') return `the string ${quoteData(node.value)}`;
  return `the ${typeof node.value} ${String(node.value)}`;
}
