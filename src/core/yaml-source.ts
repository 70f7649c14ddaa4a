import type { Document, Node as YamlNode } from 'yaml';
import { type ItemStream, type MapEntry, type ParsedTree, type ScalarNode, type ScalarValue, type SyntaxNode, type TreeError, Entry, Mapping, Scalar, Sequence, streamItems } from './syntax-tree';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { parseYamlSubset } from './yaml-subset';

/**
 * yaml's guard against "billion laughs" alias expansion: resolving more aliased nodes than this (relative to
 * the document) is refused. 100 is yaml's own default; a manifest has no reason to reuse anchors more.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Reads YAML `text` that sits at offset `base` of a file (0 for a whole file, after the opening `---` for
 * front matter) into a syntax tree whose offsets are in the whole file. Syntax errors come back as values. With a
 * `stream`, the items of its list go to it (see ItemStream) when the document reads without errors.
 */
export function parseYaml(text: string, base = 0, stream?: ItemStream): ParsedTree {
  const guarded = stream === undefined ? undefined : guardStream(stream);
  try {
    const fast = parseYamlSubset(text, base, guarded);
    if (fast === null) return { errors: [] };
    if (fast !== undefined) return { root: fast, errors: [] };
    stream?.restart();
    // The `yaml` package recurses per level: refuse deep nesting before it starts, at the bracket or line that goes
    // too deep. Only here: the fast reader bounds its own depth (it bails on a text nested deeper than the limit), and
    // this scan was ~10% of reading a 1,000-source manifest in a cold `check --no-data`.
    const deep = tooDeepAt(text);
    if (deep >= 0) return { errors: [{ message: `Nested deeper than ${MAX_NESTING} levels; synthlint does not read it.`, start: base + deep, end: base + deep + 1 }] };
    const tree = parseWithLibrary(text, base);
    if (guarded !== undefined && tree.root !== undefined && tree.errors.length === 0) streamItems(tree.root, guarded);
    return tree;
  } catch (e) {
    if (e instanceof StreamItemFailure) throw e.cause;
    // A stack overflow on nesting the guard above under-counts is the one way the `yaml` package (or the walk below) can throw.
    if (e instanceof RangeError) {
      stream?.restart();
      return { errors: [{ message: 'The document is nested too deeply to read.', start: base, end: base }] };
    }
    throw e;
  }
}

/** An error the dialect's stream threw while taking an item: the dialect's own, never the readers' overflow. */
class StreamItemFailure {
  constructor(readonly cause: unknown) {}
}

/**
 * The stream as the readers call it: what its `item` throws goes out as it was thrown (a RangeError there is a bug in
 * the dialect, not a document nested too deeply), and nothing else changes.
 */
function guardStream(stream: ItemStream): ItemStream {
  return {
    key: stream.key,
    item(node, index) {
      try {
        stream.item(node, index);
      } catch (e) {
        throw new StreamItemFailure(e);
      }
    },
    restart: () => stream.restart(),
  };
}

/**
 * The yaml package, loaded by the first document the subset reader leaves to it rather than at start-up: most
 * manifests never need it, and initialising its ~70 modules is a visible share of a short CLI run
 * (`check --no-data`). A require inside the function keeps it lazy (esbuild wraps it), as
 * provenance/default-registry.ts does.
 */
function yamlLibrary(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

/**
 * Duplicate keys are allowed through: YAML forbids them, but PyYAML (which most training frameworks load their
 * configs with) accepts them and keeps the last value. The converter keeps that value too and reports each
 * repeat as a warning, so linting goes on with what the trainer would use.
 */
export function parseWithLibrary(text: string, base: number): ParsedTree {
  const doc = yamlLibrary().parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ message: firstSentence(e.message), start: base + e.pos[0], end: base + Math.max(e.pos[0], e.pos[1]) })) };
  }
  if (!doc.contents) return { errors: [] };
  const converter = new Converter(doc, base);
  const root = converter.node(doc.contents);
  if (converter.errors.length > 0) return { errors: converter.errors };
  if (converter.firstAlias) {
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const { start, end } = converter.firstAlias;
      const detail = e instanceof Error ? e.message : String(e);
      return {
        errors: [{ message: `Too many aliases: expanding them would exceed ${MAX_ALIAS_COUNT} nodes per anchor (${detail}).`, start, end }],
      };
    }
  }
  return converter.warnings.length > 0 ? { root, errors: [], warnings: converter.warnings } : { root, errors: [] };
}

function firstSentence(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/**
 * Converts yaml's nodes. Aliases become the very node their anchor converted to (shared, never copied), so an
 * alias-heavy document stays linear in size here; the alias limit is then checked with yaml's own counter.
 */
class Converter {
  readonly errors: TreeError[] = [];
  readonly warnings: TreeError[] = [];
  firstAlias?: { start: number; end: number };
  private readonly done = new Map<YamlNode, SyntaxNode>();
  private readonly open = new Set<YamlNode>();
  private readonly yaml = yamlLibrary();

  constructor(
    private readonly doc: Document,
    private readonly base: number,
  ) {}

  node(n: YamlNode): SyntaxNode {
    const [start = 0, valueEnd = start] = n.range ?? [];
    if (this.yaml.isAlias(n)) {
      const range = { start: this.base + start, end: this.base + valueEnd };
      this.firstAlias ??= range;
      const target = n.resolve(this.doc);
      if (!target) return this.fail(`Unresolved alias *${n.source}.`, range);
      if (this.open.has(target)) return this.fail(`The alias *${n.source} refers to a node that contains it.`, range);
      return this.done.get(target) ?? this.node(target);
    }
    const cached = this.done.get(n);
    if (cached) return cached;
    this.open.add(n);
    const converted = this.convert(n, start, valueEnd);
    this.open.delete(n);
    this.done.set(n, converted);
    return converted;
  }

  private convert(n: YamlNode, start: number, valueEnd: number): SyntaxNode {
    const from = this.base + start;
    if (this.yaml.isScalar(n)) return new Scalar(scalarValue(n.value), from, this.base + valueEnd);
    if (this.yaml.isSeq(n)) {
      const items = n.items.map((item) => (this.yaml.isPair(item) || !item ? this.nullAt(from) : this.node(item as YamlNode)));
      return new Sequence(items, from, n.flow ? this.base + valueEnd : (items[items.length - 1]?.end ?? this.base + valueEnd));
    }
    if (this.yaml.isMap(n)) {
      const entries: MapEntry[] = [];
      const index = new Map<ScalarNode['value'], number>();
      for (const pair of n.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = keyNode ? this.node(keyNode) : this.nullAt(from);
        if (key.kind !== 'scalar') {
          this.errors.push({ message: 'Only plain keys are supported in a manifest; this key is a collection.', start: key.start, end: key.end });
          continue;
        }
        const valueNode = pair.value as YamlNode | null;
        const entry = new Entry(key, valueNode ? this.node(valueNode) : this.nullAt(key.end));
        const earlier = index.get(key.value);
        if (earlier === undefined) {
          index.set(key.value, entries.length);
          entries.push(entry);
          continue;
        }
        // The last value wins, as in PyYAML; the entry keeps its place, with this key and value.
        entries[earlier] = entry;
        this.warnings.push({
          message: `Duplicate key '${String(key.value)}': YAML forbids repeating a key, but PyYAML-based trainers accept it and use this last value, so synthlint reads this one and ignores the earlier one.`,
          start: key.start,
          end: key.end,
        });
      }
      return new Mapping(entries, from, n.flow ? this.base + valueEnd : (entries[entries.length - 1]?.value.end ?? this.base + valueEnd));
    }
    return this.nullAt(from);
  }

  private nullAt(offset: number): ScalarNode {
    return new Scalar(null, offset, offset);
  }

  private fail(message: string, range: { start: number; end: number }): ScalarNode {
    this.errors.push({ message, ...range });
    return new Scalar(null, range.start, range.end);
  }
}

function scalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}
