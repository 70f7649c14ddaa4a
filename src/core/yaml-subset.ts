import type { MapEntry, MapNode, ScalarNode, ScalarValue, SeqNode, SyntaxNode } from './syntax-tree';

/**
 * A fast reader for the plain block-YAML that manifests are written in: block mappings and sequences,
 * single-line plain and quoted scalars, single-line flow collections and comments.
 *
 * Why it exists: the `yaml` package reads about 1 MB/s on a busy 2-core machine, so a 1,000-source manifest
 * (~250 kB) took 200-500 ms, while the editor lints on every keystroke. This reader does the same work in a
 * few milliseconds. It never guesses: on anything outside its subset (anchors, aliases, tags, block scalars,
 * multi-line scalars, document markers, tabs, duplicate keys, odd indentation) it returns `undefined` and the
 * caller falls back to the `yaml` package, which also owns every syntax error message. Values resolve by the
 * YAML 1.2 core schema, as `yaml` does by default; a property test checks both give identical trees.
 */
export function parseYamlSubset(text: string, base: number): SyntaxNode | null | undefined {
  try {
    const reader = new SubsetReader(text, base);
    return reader.document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const BAIL = Symbol('outside the subset');
function bail(): never {
  throw BAIL;
}

interface Line {
  /** Offset of the line's first character in `text`. */
  start: number;
  /** Offset just past the line's content (before `\r\n` or `\n`). */
  end: number;
  /** Column of the first non-space character. */
  indent: number;
}

const VALUE_BAIL_STARTS = new Set(['&', '*', '!', '|', '>', '%', '@', '`', ']', '}', ',', '?']);

/**
 * The lines that hold more than spaces or a comment. Tabs, stray carriage returns and document markers are
 * rare in manifests; `yaml` handles them. One loop of `charCodeAt` over each line: V8 ran an earlier form
 * (an `indexOf` for the next `\r` kept across lines) up to eight times slower once optimised, which alone
 * cost ~20 ms on a 1,000-source manifest.
 */
function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  const length = text.length;
  let start = 0;
  while (start <= length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let first = -1;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) bail();
      if (first < 0 && c !== 32) first = i;
    }
    const c = first < 0 ? -1 : text.charCodeAt(first);
    if (c === 9) bail();
    if (first === start && (c === 45 || c === 46) && text.charCodeAt(start + 1) === c && text.charCodeAt(start + 2) === c) bail();
    if (first >= 0 && c !== 35) lines.push({ start, end, indent: first - start });
    start = nl + 1;
  }
  return lines;
}

class SubsetReader {
  private readonly lines: Line[];
  /** Index into `lines` of the next line not yet consumed. */
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {
    if (text.charCodeAt(0) === 0xfeff) bail();
    this.lines = contentLines(text);
  }

  document(): SyntaxNode | null {
    const first = this.lines[0];
    if (!first) return null;
    const node = this.block(first.indent);
    if (this.next < this.lines.length) bail();
    return node;
  }

  /** A block node whose first line is the next line, at exactly `indent`. */
  private block(indent: number): SyntaxNode {
    const line = this.lines[this.next];
    if (!line || line.indent !== indent) bail();
    if (this.isDash(line, indent)) return this.sequence(indent);
    const entryStart = line.start + indent;
    if (!this.keyEnd(line, entryStart)) bail();
    return this.mapping(line, indent);
  }

  private isDash(line: Line, col: number): boolean {
    const at = line.start + col;
    return this.text[at] === '-' && (at + 1 >= line.end || this.text[at + 1] === ' ');
  }

  private sequence(indent: number): SeqNode {
    const items: SyntaxNode[] = [];
    let start = -1;
    for (;;) {
      const line = this.lines[this.next];
      if (!line || line.indent !== indent || !this.isDash(line, indent)) break;
      if (start < 0) start = line.start + indent;
      let p = line.start + indent + 1;
      while (p < line.end && this.text[p] === ' ') p++;
      if (p >= line.end || this.text[p] === '#') {
        this.next++;
        const nested = this.lines[this.next];
        if (nested && nested.indent > indent) items.push(this.block(nested.indent));
        else items.push(this.scalar(null, p, p));
        continue;
      }
      if (this.isDash(line, p - line.start)) bail();
      if (this.keyEnd(line, p)) {
        items.push(this.mapping(line, p - line.start));
        continue;
      }
      items.push(this.inlineValue(line, p));
      this.next++;
      this.noDeeperLine(indent);
    }
    const last = items[items.length - 1];
    if (!last) bail();
    return { kind: 'seq', items, start: this.base + start, end: last.end };
  }

  /** A mapping whose first key sits on `line` at column `indent` (possibly after a `- `). */
  private mapping(first: Line, indent: number): MapNode {
    const entries: MapEntry[] = [];
    let seen: Set<ScalarValue> | undefined;
    let line: Line | undefined = first;
    while (line) {
      const keyStart = line.start + indent;
      const colon = this.keyEnd(line, keyStart);
      if (colon === undefined) bail();
      const key = this.key(keyStart, colon);
      seen = addKey(entries, key.value, seen);
      let p = colon + 1;
      while (p < line.end && this.text[p] === ' ') p++;
      let value: SyntaxNode;
      if (p >= line.end || this.text[p] === '#') {
        this.next++;
        const nested = this.lines[this.next];
        if (nested && nested.indent > indent) value = this.block(nested.indent);
        else if (nested && nested.indent === indent && this.isDash(nested, indent)) value = this.sequence(indent);
        else value = this.scalar(null, p, p);
      } else {
        value = this.inlineValue(line, p);
        this.next++;
        this.noDeeperLine(indent);
      }
      entries.push({ key, value });
      line = this.lines[this.next];
      if (line && line.indent !== indent) {
        if (line.indent > indent) bail();
        break;
      }
      if (line && this.isDash(line, indent)) bail();
    }
    const last = entries[entries.length - 1];
    if (!last) bail();
    return { kind: 'map', entries, start: this.base + first.start + indent, end: last.value.end };
  }

  /** After a single-line value, a deeper line would be a multi-line scalar: outside the subset. */
  private noDeeperLine(indent: number): void {
    const line = this.lines[this.next];
    if (line && line.indent > indent) bail();
  }

  /**
   * Offset of the `:` that ends a block-mapping key starting at `p`, or undefined when the line holds no key
   * there. Keys are quoted, or plain words that do not start with an indicator.
   */
  private keyEnd(line: Line, p: number): number | undefined {
    const t = this.text;
    const c = t[p];
    if (c === undefined) return undefined;
    let q: number;
    if (c === '"' || c === "'") {
      q = this.quotedEnd(p, line.end);
      while (q < line.end && t[q] === ' ') q++;
      return t[q] === ':' && (q + 1 >= line.end || t[q + 1] === ' ') ? q : undefined;
    }
    if ('-?:,[]{}#&*!|>%@`'.includes(c)) return undefined;
    for (q = p; q < line.end; q++) {
      const ch = t[q];
      if (ch === ':' && (q + 1 >= line.end || t[q + 1] === ' ')) return q;
      if (ch === '#' && t[q - 1] === ' ') return undefined;
    }
    return undefined;
  }

  private key(start: number, colon: number): ScalarNode {
    const c = this.text[start];
    if (c === '"' || c === "'") {
      const end = this.quotedEnd(start, colon);
      return this.scalar(this.unquote(start, end), start, end);
    }
    let end = colon;
    while (end > start && this.text[end - 1] === ' ') end--;
    const raw = this.text.slice(start, end);
    return this.scalar(resolvePlain(raw), start, end);
  }

  /** A value that starts at `p` and must end on this line (before an optional comment). */
  private inlineValue(line: Line, p: number): SyntaxNode {
    const t = this.text;
    const c = t[p] ?? '';
    let node: SyntaxNode;
    if (c === '[' || c === '{') {
      const flow = new FlowReader(t, p, line.end, this.base);
      node = flow.value();
      this.afterValue(flow.pos, line.end);
    } else if (c === '"' || c === "'") {
      const end = this.quotedEnd(p, line.end);
      node = this.scalar(this.unquote(p, end), p, end);
      this.afterValue(end, line.end);
    } else {
      if (VALUE_BAIL_STARTS.has(c) || ((c === '-' || c === ':') && (p + 1 >= line.end || t[p + 1] === ' '))) bail();
      let end = p;
      for (let q = p; q < line.end; q++) {
        const ch = t[q];
        if (ch === '#' && t[q - 1] === ' ') break;
        if (ch === ':' && (q + 1 >= line.end || t[q + 1] === ' ')) bail();
        if (ch !== ' ') end = q + 1;
      }
      node = this.scalar(resolvePlain(t.slice(p, end)), p, end);
    }
    return node;
  }

  private afterValue(p: number, lineEnd: number): void {
    let q = p;
    while (q < lineEnd && this.text[q] === ' ') q++;
    if (q < lineEnd && !(this.text[q] === '#' && q > p)) bail();
  }

  /** Offset just past the closing quote of a quoted scalar opening at `p`; bails if it does not close by `limit`. */
  private quotedEnd(p: number, limit: number): number {
    return quotedEnd(this.text, p, limit);
  }

  private unquote(start: number, end: number): string {
    return unquote(this.text, start, end);
  }

  private scalar(value: ScalarValue, start: number, end: number): ScalarNode {
    return { kind: 'scalar', value, start: this.base + start, end: this.base + end };
  }
}

/** Up to this many keys a scan finds a repeat faster than a Set, and allocates nothing (most mappings are this small). */
const KEYS_BEFORE_SET = 16;

/**
 * Checks the next key `value` of a mapping whose keys so far are in `entries`, and bails on a repeat (the
 * `yaml` package reads duplicate keys). Returns the Set of keys once the mapping outgrows a scan.
 */
function addKey(entries: readonly MapEntry[], value: ScalarValue, seen: Set<ScalarValue> | undefined): Set<ScalarValue> | undefined {
  if (seen !== undefined) {
    if (seen.has(value)) bail();
    return seen.add(value);
  }
  // Set semantics (SameValueZero): a `.nan` key repeats a `.nan` key.
  const isNaNKey = typeof value === 'number' && Number.isNaN(value);
  for (const { key } of entries) if (key.value === value || (isNaNKey && typeof key.value === 'number' && Number.isNaN(key.value))) bail();
  return entries.length + 1 < KEYS_BEFORE_SET ? undefined : new Set([...entries.map((e) => e.key.value), value]);
}

/** Single-line flow collections: `[a, "b", {c: 1}]`. */
class FlowReader {
  pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
    private readonly base: number,
  ) {
    this.pos = start;
  }

  value(): SyntaxNode {
    this.spaces();
    const c = this.text[this.pos];
    if (c === '[') return this.seq();
    if (c === '{') return this.map();
    return this.scalar();
  }

  private spaces(): void {
    while (this.pos < this.limit && this.text[this.pos] === ' ') this.pos++;
    if (this.pos >= this.limit) bail();
  }

  private seq(): SeqNode {
    const start = this.pos++;
    const items: SyntaxNode[] = [];
    this.spaces();
    if (this.text[this.pos] !== ']') {
      for (;;) {
        items.push(this.value());
        this.spaces();
        const c = this.text[this.pos];
        this.pos++;
        if (c === ']') break;
        if (c !== ',') bail();
        this.spaces();
        if (this.text[this.pos] === ']') bail();
      }
    } else this.pos++;
    return { kind: 'seq', items, start: this.base + start, end: this.base + this.pos };
  }

  private map(): MapNode {
    const start = this.pos++;
    const entries: MapEntry[] = [];
    let seen: Set<ScalarValue> | undefined;
    this.spaces();
    if (this.text[this.pos] !== '}') {
      for (;;) {
        const key = this.scalar();
        seen = addKey(entries, key.value, seen);
        this.spaces();
        if (this.text[this.pos] !== ':') bail();
        this.pos++;
        if (this.text[this.pos] !== ' ') bail();
        entries.push({ key, value: this.value() });
        this.spaces();
        const c = this.text[this.pos];
        this.pos++;
        if (c === '}') break;
        if (c !== ',') bail();
        this.spaces();
        if (this.text[this.pos] === '}') bail();
      }
    } else this.pos++;
    return { kind: 'map', entries, start: this.base + start, end: this.base + this.pos };
  }

  private scalar(): ScalarNode {
    const t = this.text;
    const start = this.pos;
    const c = t[start] ?? '';
    if (c === '"' || c === "'") {
      const end = quotedEnd(t, start, this.limit);
      this.pos = end;
      return { kind: 'scalar', value: unquote(t, start, end), start: this.base + start, end: this.base + end };
    }
    if ('-?:,[]{}#&*!|>%@`'.includes(c)) bail();
    let end = start;
    let q = start;
    for (; q < this.limit; q++) {
      const ch = t[q];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
      if (ch === '#' && t[q - 1] === ' ') bail();
      if (ch === ':' && ' ,]}'.includes(t[q + 1] ?? ' ')) break;
      if (ch !== ' ') end = q + 1;
    }
    if (end === start) bail();
    this.pos = end;
    return { kind: 'scalar', value: resolvePlain(t.slice(start, end)), start: this.base + start, end: this.base + end };
  }
}

function quotedEnd(text: string, p: number, limit: number): number {
  const quote = text[p];
  for (let q = p + 1; q < limit; q++) {
    const ch = text[q];
    if (quote === '"' && ch === '\\') {
      q++;
      continue;
    }
    if (ch === quote) {
      if (quote === "'" && text[q + 1] === "'") {
        q++;
        continue;
      }
      return q + 1;
    }
  }
  return bail();
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ' };

function unquote(text: string, start: number, end: number): string {
  const body = text.slice(start + 1, end - 1);
  if (text[start] === "'") return body.replaceAll("''", "'");
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? bail();
  });
}

/** Plain scalars by the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema). */
export function resolvePlain(raw: string): ScalarValue {
  switch (raw) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const c = raw.charCodeAt(0);
  // Only strings that start like a number can be one; most values are words and skip the regexes.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return raw;
  if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(raw)) return parseFloat(raw);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(raw)) return raw.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(raw)) return NaN;
  return raw;
}
