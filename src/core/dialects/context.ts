import { didYouMean } from '../did-you-mean';
import { parseJson } from '../json-source';
import type { Finding, Fix, RelatedLocation } from '../finding';
import type { Source, SourceField } from '../manifest';
import { defaultRegistry } from '../provenance/default-registry';
import type { DatasetRegistry } from '../provenance/registry';
import { type LineIndex, lineIndexOf, type Range, TextRange } from '../range';
import type { ItemStream, MapNode, ScalarNode, SyntaxNode, TreeError } from '../syntax-tree';
import { describeNode, streamItems } from '../syntax-tree';
import { SourceRanges } from '../source-ranges';
import { parseYaml } from '../yaml-source';

export const MANIFEST_INVALID = 'manifest-invalid';

/** Something with offsets in the file's text: a syntax node, a tree error, or a span a dialect computed. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Reads another file a manifest refers to (by absolute path), or gives undefined when there is none or it may not be
 * read. Core does no I/O: the project layer supplies this (LLaMA-Factory's training YAMLs name datasets defined
 * in a `dataset_info.json` elsewhere); without it, such names stay unresolved and are reported.
 */
export type RelatedReader = (file: string) => string | undefined;

export interface ReportOptions {
  fixes?: Fix[];
  sourceId?: string;
  related?: RelatedLocation[];
}

/**
 * What a dialect reads a manifest with: the file's text and line index, the findings so far, and typed
 * readers that report a wrong type at the value's exact range instead of throwing.
 */
export class DialectContext {
  readonly findings: Finding[] = [];
  readonly lines: LineIndex;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly readRelated: RelatedReader = () => undefined,
    private readonly registryOf: () => DatasetRegistry = defaultRegistry,
  ) {
    this.lines = lineIndexOf(text);
  }

  /** The provenance registry in force, for dialects that check dataset names against it; loaded on first use. */
  get registry(): DatasetRegistry {
    return this.registryOf();
  }

  /**
   * The file's syntax tree (JSON for `.json` files, YAML otherwise), or undefined after reporting why there is
   * none: syntax errors, or an empty document (`emptyMessage`). With a `stream`, the items of its list go to it
   * (see ItemStream) before this returns, and only when the tree is returned.
   */
  readTree(emptyMessage: string, stream?: ItemStream): SyntaxNode | undefined {
    const json = /\.json$/i.test(this.file);
    const tree = json ? parseJson(this.text) : parseYaml(this.text, 0, stream);
    if (json && stream !== undefined && tree.root !== undefined && tree.errors.length === 0) streamItems(tree.root, stream);
    this.reportTreeErrors(tree.errors, json ? 'JSON syntax error' : 'YAML syntax error');
    this.reportTreeWarnings(tree.warnings);
    if (tree.errors.length === 0 && !tree.root) this.report({ start: 0, end: 0 }, emptyMessage);
    return tree.errors.length === 0 ? tree.root : undefined;
  }

  /** The range of `span`, resolved to lines and characters only when read (see TextRange). */
  range(span: Span): Range {
    return new TextRange(this.lines, span.start, span.end);
  }

  /**
   * Sets `field` of `source`'s ranges to the range of `span`: as `source.ranges[field] = this.range(span)`, but a
   * source this context started (blankSource, ranges over this text) keeps the offsets without a TextRange made for them.
   */
  setRange(source: Source, field: SourceField, span: Span): void {
    const ranges = source.ranges;
    if (ranges instanceof SourceRanges && ranges.lines === this.lines) ranges.setOffsets(field, span.start, span.end);
    else ranges[field] = this.range(span);
  }

  report(at: Span | Range, message: string, options: ReportOptions = {}): void {
    const range = isRange(at) ? at : this.range(at);
    this.findings.push({ ruleId: MANIFEST_INVALID, severity: 'error', message, file: this.file, range, ...options });
  }

  reportTreeErrors(errors: readonly TreeError[], what: string): void {
    for (const e of errors) this.report(e, `${what}: ${e.message}`);
  }

  /** Problems the reader read past (a repeated YAML key, last value kept): reported, and the manifest is still read. */
  reportTreeWarnings(warnings: readonly TreeError[] = []): void {
    for (const w of warnings) this.report(w, w.message);
  }

  /** A fix that replaces the text of `span` with `newText`. */
  replaceFix(span: Span, newText: string, title: string): Fix {
    return { title, edits: [{ range: this.range(span), newText }], preferred: true };
  }

  /**
   * Reports keys of `map` not in `allowed`, suggesting (and offering to rename to) the closest allowed key.
   * `where` may be a function of `sourceId` that gives the place's name, so a caller that checks every source on
   * every keystroke builds that text only for a source with an unknown key.
   */
  checkKeys(map: MapNode, allowed: readonly string[], where: string | ((sourceId: string) => string), sourceId?: string): void {
    // Indexed: each step of a `for … of` allocates an iterator result in unoptimised code (a cold `check --no-data`),
    // and this runs for every mapping of every source; the entries read once.
    const entries = map.entries;
    for (let i = 0; i < entries.length; i++) {
      const key = (entries[i] as MapNode['entries'][number]).key;
      const name = typeof key.value === 'string' ? key.value : String(key.value);
      if (allowed.includes(name)) continue;
      const place = typeof where === 'string' ? where : where(sourceId ?? '');
      const suggestion = didYouMean(name, allowed);
      const options: ReportOptions = sourceId === undefined ? {} : { sourceId };
      if (suggestion !== undefined) options.fixes = [this.replaceFix(key, this.keyText(key, suggestion), `Rename '${name}' to '${suggestion}'`)];
      const hint = suggestion === undefined ? ` Allowed keys: ${allowed.join(', ')}.` : ` Did you mean '${suggestion}'?`;
      this.report(key, `Unknown key '${name}' in ${place}.${hint}`, options);
    }
  }

  /** The replacement text for a key, keeping JSON's quotes when the key was quoted. */
  private keyText(key: ScalarNode, name: string): string {
    const first = this.text[key.start];
    return first === '"' ? JSON.stringify(name) : first === "'" ? `'${name}'` : name;
  }

  string(node: SyntaxNode, what: string, sourceId?: string): string | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
    // Plain YAML turns `license: 3.0` or `model: 4` into numbers; a name made of digits is still a name.
    if (node.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value)) return this.text.slice(node.start, node.end);
    this.wrongType(node, what, 'a string', sourceId);
    return undefined;
  }

  /** A string or a list of strings, with the range of each entry; wrong entries are reported and skipped. */
  stringList(node: SyntaxNode, what: string, sourceId?: string): { values: string[]; ranges: Range[] } | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') return { values: [node.value], ranges: [this.range(node)] };
    if (node.kind !== 'seq') {
      this.wrongType(node, what, 'a string or a list of strings', sourceId);
      return undefined;
    }
    // Arrays of the list's length, cut back if an entry is wrong: grown from empty by `push` each would reserve
    // room for 16 entries, and a manifest has a few short lists per source.
    const values = new Array<string>(node.items.length);
    const ranges = new Array<Range>(node.items.length);
    let kept = 0;
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as SyntaxNode;
      // The label only for an entry that is not a plain string (string() reports it): most are.
      const value = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : this.string(item, `each entry of ${what}`, sourceId);
      if (value === undefined) continue;
      values[kept] = value;
      ranges[kept] = this.range(item);
      kept++;
    }
    // Cut back only when an entry was left out: setting an array's `length` is a call into the runtime.
    if (kept < values.length) {
      values.length = kept;
      ranges.length = kept;
    }
    return { values, ranges };
  }

  /** A finite number, optionally a whole one, never negative. */
  count(node: SyntaxNode, what: string, { integer, sourceId }: { integer: boolean; sourceId?: string }): number | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'number' || Number.isNaN(node.value)) {
      this.wrongType(node, what, integer ? 'a whole number' : 'a number', sourceId);
      return undefined;
    }
    const value = node.value;
    if (Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value))) return value;
    const options = sourceId === undefined ? {} : { sourceId };
    if (!Number.isFinite(value)) this.report(node, `${capitalise(what)} must be a finite number, not ${value}.`, options);
    else if (value < 0) this.report(node, `${capitalise(what)} cannot be negative (found ${value}).`, options);
    else this.report(node, `${capitalise(what)} must be a whole number (found ${value}).`, options);
    return undefined;
  }

  map(node: SyntaxNode, what: string, sourceId?: string): MapNode | undefined {
    if (node.kind === 'map') return node;
    this.wrongType(node, what, 'a mapping', sourceId);
    return undefined;
  }

  wrongType(node: SyntaxNode, what: string, expected: string, sourceId?: string): void {
    this.report(node, `${capitalise(what)} must be ${expected}, not ${describeNode(node)}.`, sourceId === undefined ? {} : { sourceId });
  }
}

/** A Range (plain or TextRange) rather than a Span: a Span's `start` is an offset. Read without a TextRange's getter. */
function isRange(at: Span | Range): at is Range {
  return at instanceof TextRange || typeof at.start !== 'number';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A source with nothing known yet but its id and where it is; dialects fill in the rest. */
export function blankSource(id: string, self: Range, idRange: Range): Source {
  return new BlankSource(id, self, idRange);
}

/**
 * A source as a dialect starts it. Made by `new` rather than as object literals for the reason the syntax tree's
 * nodes are (syntax-tree.ts): V8 allocated these literals, which live for one lint, in the old generation, where
 * dead ones kept each lint's ranges and lists alive through the young-generation collections. The fields are those
 * of the literal it replaces, in its order (JSON output keeps its key order); a dialect adds the others as it reads.
 */
class BlankSource implements Source {
  readonly id: string;
  files: string[];
  origin: Source['origin'];
  derivedFrom: string[];
  readonly ranges: Source['ranges'];
  readonly itemRanges: Source['itemRanges'];

  constructor(id: string, self: Range, idRange: Range) {
    this.id = id;
    this.files = [];
    this.origin = 'unknown';
    this.derivedFrom = [];
    this.ranges = new SourceRanges(self, idRange);
    this.itemRanges = new ItemRanges();
  }
}

class ItemRanges {
  files: Range[] = [];
  derivedFrom: Range[] = [];
}

/** The last segment of a path, for detection by file name (core has no `path` module). */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
