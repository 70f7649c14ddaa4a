import { MAX_NESTING } from './nesting';
import { type ItemStream, type MapEntry, type MapNode, type ScalarNode, type ScalarValue, type SeqNode, type SyntaxNode, Entry, Mapping, Scalar, Sequence, streamItems } from './syntax-tree';

/**
 * A fast reader for the plain block-YAML that manifests are written in: block mappings and sequences,
 * single-line plain and quoted scalars, single-line flow collections and comments.
 *
 * Why it exists: the `yaml` package reads about 1 MB/s on a busy 2-core machine, so a 1,000-source manifest
 * (~250 kB) took 200-500 ms, while the editor lints on every keystroke. This reader does the same work in a
 * few milliseconds. It never guesses: on anything outside its subset (anchors, aliases, tags, block scalars,
 * multi-line scalars, document markers, tabs, byte order marks, duplicate keys, odd indentation, keys over 1,024
 * characters) it returns `undefined` and the caller falls back to the `yaml` package, which also owns every syntax
 * error message. Values resolve by the YAML 1.2 core schema, as `yaml` does by default; a property test checks both
 * give identical trees.
 *
 * With a `stream`, the items of the block list under its key in the top-level mapping go to it as each is read
 * (see ItemStream); a bail after some of them leaves the caller to call `restart`.
 *
 * The reader recurses once per collection, so it counts its levels (block and flow collections together) and bails
 * past MAX_NESTING: a text it reads is never too deep for it, and the nesting guard (core/nesting.ts), which
 * scans the whole text, need only run before the `yaml` package (see parseYaml).
 */
export function parseYamlSubset(text: string, base: number, stream?: ItemStream): SyntaxNode | null | undefined {
  try {
    const reader = new SubsetReader(text, base, stream);
    return reader.document();
  } catch (e) {
    // A RangeError is the expression engine's backtracking stack overflowing on a single-line scalar of some 5 MB (one
    // entry a character): past the default manifest limit, but a raised one lets it through, and `yaml` reads it. (What
    // a stream throws reaches here wrapped: parseYaml's guardStream.)
    if (e === BAIL || e instanceof RangeError) return undefined;
    throw e;
  }
}

const BAIL = Symbol('outside the subset');
function bail(): never {
  throw BAIL;
}

/**
 * A plain key or a plain single-line value, from where it starts, as sticky regular expressions: a run of characters
 * other than spaces, `:` and line ends, a `:` followed by more of the scalar, and spaces followed by more of it. So a
 * match stops where the scalar ends (before trailing spaces, a ` #` comment or the line's end) or at a `:` that ends a
 * key. These were loops over each character, and in a cold `check --no-data`, whose code is never optimised, each
 * character cost a dozen interpreted steps (the values and keys are most of a manifest); the expression engine
 * compiles these to native code. A key's spaces may be followed by anything but `#`.
 *
 * Each also refuses, by a lookahead, a first character the subset does not read there (an indicator: a key that
 * starts with one is none, a value that does is left to `yaml`), so `test` answers both at once: a set lookup and
 * character comparisons before each cost the reader ~1% of a cold run. A value's also refuses the start of a flow
 * collection or a quoted scalar, which are read otherwise.
 */
const INDICATORS = '[-?:,[\\]{}#&*!|>%@`]';
const PLAIN_VALUE = /(?![&*!|>%@`\]},?[{"']|[-:](?:[ \r\n]|$))(?:[^ :\r\n]|:(?=[^ \r\n])| +(?=[^ #\r\n]))+/y;
const PLAIN_KEY = new RegExp(`(?!${INDICATORS})(?:[^ :\\r\\n]|:(?=[^ \\r\\n])| (?!#))+`, 'y');
/**
 * A plain scalar in a flow collection, the same way: it also stops at `,`, `[`, `]`, `{` and `}`, and at a `:`
 * followed by a space, `,`, `]` or `}` (or ending the text). A `#` after a space would start a comment: the match
 * stops before those spaces, and the reader looks past them. It starts as a key does.
 */
const FLOW_PLAIN = new RegExp(`(?!${INDICATORS})(?:[^ ,[\\]{}:#\\r\\n]|:(?![ ,\\]}]|$)|#| +(?=[^ ,[\\]{}#\\r\\n:]|:(?![ ,\\]}]|$)))+`, 'y');
const SPACES = / */y;
const COLON = 58;
const SPACE = 32;
const HASH = 35;

/**
 * Tabs, stray carriage returns, byte order marks and document markers are rare in manifests; `yaml` handles them. A
 * line is read only up to its first character that is not a space: a carriage return anywhere but before a line feed
 * is found by one search of the whole text first (one at the very end too: `yaml` reads `a: 1\r` as the string `1\r`), and so
 * is a tab anywhere (`yaml` reads one beside a scalar, `k: \tx` or `[x\t]`, as white space, which the scalar
 * expressions here would take into the scalar), and so is a byte order mark anywhere (`yaml` drops one before the
 * first content line, `\n\uFEFFa: 1` reads the key `a`, where the key expression would keep it; in a one-byte string,
 * as an ASCII manifest is, V8 answers that search without scanning). Looking at every character of every line for one
 * cost a 1,000-source manifest ~2% of a cold `check --no-data`, whose code V8 never optimises. Whether the text has
 * `\r\n` line ends, after bailing on a tab, a byte order mark or a stray carriage return.
 */
function hasCrlf(text: string): boolean {
  if (text.indexOf('\t') >= 0 || text.indexOf('\uFEFF') >= 0) bail();
  const firstCr = text.indexOf('\r');
  for (let cr = firstCr; cr >= 0; cr = text.indexOf('\r', cr + 1)) if (text.charCodeAt(cr + 1) !== 10) bail();
  return firstCr >= 0;
}

/**
 * Strings the reader has cut from texts before, so a key or word that repeats (`id`, `files`, `origin: human`, a
 * model name) is not allocated again on every line and every keystroke: a slot per hash of the length and the first
 * and last characters, checked against the text with `startsWith`, which allocates nothing. Kept across reads, as the
 * editor reads the same manifest again and again; short strings only, so it holds a few kB. A middle character in
 * the hash did not help on the bench manifest (10,360 hits of ~12,470 keys and words with it, 10,384 without), and
 * each character read is an interpreted call in a cold `check --no-data`, two a line.
 */
const INTERNED_MAX_LENGTH = 48;
const INTERNED_SLOTS = 1024;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERNED_SLOTS).fill(undefined);

/** `text.slice(start, end)`, the same string object as the last time these characters were read when it is still cached. */
function cut(text: string, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return '';
  if (length > INTERNED_MAX_LENGTH) return text.slice(start, end);
  const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & (INTERNED_SLOTS - 1);
  const known = interned[slot];
  if (known !== undefined && known.length === length && text.startsWith(known, start)) return known;
  const fresh = text.slice(start, end);
  interned[slot] = fresh;
  return fresh;
}

/**
 * Collections are read item by item into one stack per reader, and each gets an array of exactly its own items
 * when it ends: an array grown by `push` from empty reserves room for 16 items, and most mappings and lists of a
 * manifest hold two to ten.
 */
class Collector<T> {
  /** The items; those from `mark` on are left over from collections already taken (see add). */
  readonly stack: T[] = [];
  /**
   * Items in use, where the next collection starts; the array is not shortened when they leave it (setting `length` is
   * a slow call), only overwritten. A field, not a getter over a private one: read for every key (addKey), and in a
   * cold run, whose code is never optimised, a getter is a call.
   */
  mark = 0;

  /** Stores at `mark`: over an item a taken collection left, or one past the end, which appends. */
  add(item: T): void {
    this.stack[this.mark++] = item;
  }

  /** The items added since `mark`, which then leave the stack (a nested collection ends before its parent goes on). */
  take(mark: number): T[] {
    const items = this.stack.slice(mark, this.mark);
    this.mark = mark;
    return items;
  }
}

/** The stacks one read collects into (see Collector), shared by the block reader and its flow readers. */
interface Collectors {
  entries: Collector<MapEntry>;
  items: Collector<SyntaxNode>;
}

/**
 * Why the methods below read `text` into locals and pass a line's offsets along rather than asking for them again: in
 * a cold `check --no-data`, whose code V8 never optimises, every property read is a call into an inline-cache handler
 * and every method call builds a frame, and the reader makes about forty of each a line. A key's `:` found while
 * deciding that a line opens a mapping is handed to the mapping instead of being searched for again. The steps that
 * need nothing of the reader but its text (keyEnd, readKey, afterValue) are functions given the text: a method call
 * also reads the method and the text off the reader, two inline-cache calls more.
 *
 * The reader reads a line as it moves on to it (advance), into three fields. It used to list every line's offsets
 * in a typed array first: each number was stored and read back, a keyed access apiece, and the array (~180 kB for a
 * 1,000-source manifest) was fresh memory, a page fault per 4 kB touched. Only the line it is at is ever looked at.
 */
class SubsetReader {
  /**
   * The line the reader is at, the first not yet consumed that holds more than spaces or a comment: the offset of its
   * first character, the offset just past its content (before `\r\n` or `\n`), and the column of its first
   * non-space character, -1 past the last line (so no indentation test passes).
   */
  private lineStart = 0;
  private lineEnd = 0;
  private lineIndent = -1;
  /** Where the line after it starts. */
  private following = 0;
  private readonly crlf: boolean;
  private readonly collectors: Collectors = { entries: new Collector(), items: new Collector() };
  private readonly flow: FlowReader;
  /** Whether the stream's list was a block list, its items handed over as read (a flow list is handed over whole). */
  private streamed = false;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly stream: ItemStream | undefined,
  ) {
    this.crlf = hasCrlf(text);
    this.flow = new FlowReader(text, base, this.collectors);
    this.advance();
  }

  /**
   * Moves on to the next line that holds more than spaces or a comment, from the line after the one it is at; bails on
   * a document marker (`---`, `...`), which `yaml` handles.
   */
  private advance(): void {
    const t = this.text;
    const length = t.length;
    let start = this.following;
    while (start <= length) {
      let nl = t.indexOf('\n', start);
      if (nl < 0) nl = length;
      // A line is asked for a `\r` before its `\n` only when the text has one: a character read a line, interpreted.
      const end = this.crlf && nl > start && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      // A line's indentation is passed over by a regular expression, not a loop: each space cost a character read and
      // a comparison, interpreted, ~4 spaces a line of a manifest.
      SPACES.lastIndex = start;
      SPACES.test(t);
      const first = SPACES.lastIndex;
      // Blank lines and comment lines (read as a `#` first) hold no content.
      const c = first < end ? t.charCodeAt(first) : HASH;
      if (c !== HASH) {
        if (first === start && (c === 45 || c === 46) && t.charCodeAt(start + 1) === c && t.charCodeAt(start + 2) === c) bail();
        this.lineStart = start;
        this.lineEnd = end;
        this.lineIndent = first - start;
        this.following = nl + 1;
        return;
      }
      start = nl + 1;
    }
    this.lineIndent = -1;
  }

  document(): SyntaxNode | null {
    if (this.lineIndent < 0) return null;
    const node = this.block(this.lineIndent, 1, true);
    if (this.lineIndent >= 0) bail();
    if (this.stream !== undefined && !this.streamed) streamItems(node, this.stream);
    return node;
  }

  /**
   * A block node whose first line is the next line, at exactly `indent`, `depth` collections deep (counting itself);
   * `top` for the document's own node.
   */
  private block(indent: number, depth: number, top = false): SyntaxNode {
    if (this.lineIndent !== indent) bail();
    const p = this.lineStart + indent;
    const lineEnd = this.lineEnd;
    if (isDash(this.text, p, lineEnd)) return this.sequence(indent, depth);
    const colon = keyEnd(this.text, p, lineEnd);
    if (colon === undefined) bail();
    return this.mapping(p, colon, depth, top);
  }

  private sequence(indent: number, depth: number): SeqNode {
    if (depth > MAX_NESTING) bail();
    const items = this.collectors.items;
    const mark = items.mark;
    const start = this.lineStart + indent;
    for (let item = this.item(indent, depth); item !== undefined; item = this.item(indent, depth)) items.add(item);
    const list = items.take(mark);
    const last = list[list.length - 1];
    if (!last) bail();
    return new Sequence(list, this.base + start, last.end);
  }

  /**
   * A block list whose items go to `stream` as each is read; the node holds none. A loop of its own, so the list
   * reader every nested list goes through has no call into the dialect for the optimising compiler to weigh.
   */
  private streamedSequence(indent: number, stream: ItemStream): SeqNode {
    const start = this.lineStart + indent;
    let last: SyntaxNode | undefined;
    let index = 0;
    // The document's mapping holds it: two levels deep.
    for (let item = this.item(indent, 2); item !== undefined; item = this.item(indent, 2)) {
      stream.item(item, index++);
      last = item;
    }
    if (!last) bail();
    return new Sequence([], this.base + start, last.end);
  }

  /**
   * The item of a block list at `indent`, `depth` collections deep, that starts on the next line, or undefined when
   * that line holds none.
   */
  private item(indent: number, depth: number): SyntaxNode | undefined {
    if (this.lineIndent !== indent) return undefined;
    const t = this.text;
    const lineEnd = this.lineEnd;
    const dash = this.lineStart + indent;
    if (!isDash(t, dash, lineEnd)) return undefined;
    let p = dash + 1;
    while (p < lineEnd && t[p] === ' ') p++;
    if (p >= lineEnd || t[p] === '#') {
      this.advance();
      const nested = this.lineIndent;
      return nested > indent ? this.block(nested, depth + 1) : new Scalar(null, this.base + p, this.base + p);
    }
    // A second `- ` (a list in a list on one line) is outside the subset: it is no key (keyEnd) and no plain value
    // (PLAIN_VALUE), so it bails there without a test of its own.
    const colon = keyEnd(t, p, lineEnd);
    if (colon !== undefined) return this.mapping(p, colon, depth + 1);
    const value = this.inlineValue(p, lineEnd, depth);
    // A deeper line next would make the value a multi-line scalar, outside the subset. Not checked here (a call per
    // item in a cold run): nothing reads a deeper line after a value (a nested block starts only after an empty one),
    // so the enclosing lists end at it and the mapping around them, or the document, refuses it.
    this.advance();
    return value;
  }

  /**
   * A mapping whose first key starts at offset `keyStart` of the line the reader is at (possibly after a `- `) and ends
   * at the `:` at `colon`, `depth` collections deep; `top` for the document's own mapping, where the stream's list is.
   */
  private mapping(keyStart: number, colon: number, depth: number, top = false): MapNode {
    if (depth > MAX_NESTING) bail();
    const t = this.text;
    const indent = keyStart - this.lineStart;
    const entries = this.collectors.entries;
    const mark = entries.mark;
    let seen: Set<ScalarValue> | undefined;
    let start = keyStart;
    let lineEnd = this.lineEnd;
    for (;;) {
      if (colon - start > MAX_KEY_LENGTH) bail();
      const key = readKey(t, this.base, start, colon);
      seen = addKey(entries, mark, key.value, seen);
      let p = colon + 1;
      while (p < lineEnd && t[p] === ' ') p++;
      let value: SyntaxNode;
      if (p >= lineEnd || t[p] === '#') {
        this.advance();
        const nested = this.lineIndent;
        const stream = top && key.value === this.stream?.key ? this.stream : undefined;
        const nestedDash = nested >= 0 && isDash(t, this.lineStart + nested, this.lineEnd);
        if (stream !== undefined && nested >= indent && nestedDash) {
          value = this.streamedSequence(nested, stream);
          this.streamed = true;
        } else if (nested > indent) value = this.block(nested, depth + 1);
        else if (nested === indent && nestedDash) value = this.sequence(indent, depth + 1);
        else value = new Scalar(null, this.base + p, this.base + p);
      } else {
        value = this.inlineValue(p, lineEnd, depth);
        this.advance();
      }
      entries.add(new Entry(key, value));
      const lineIndent = this.lineIndent;
      if (lineIndent !== indent) {
        // Past the last line (-1), or shallower: the mapping ends. Deeper than the keys: after a single-line value a
        // multi-line scalar, after a nested collection a line it could not place; outside the subset either way.
        if (lineIndent > indent) bail();
        break;
      }
      // A line that is no key here (a list item at the keys' indentation too) is outside the subset.
      start = this.lineStart + indent;
      lineEnd = this.lineEnd;
      const nextColon = keyEnd(t, start, lineEnd);
      if (nextColon === undefined) bail();
      colon = nextColon;
    }
    const list = entries.take(mark);
    const last = list[list.length - 1];
    if (!last) bail();
    return new Mapping(list, this.base + keyStart, last.value.end);
  }

  /**
   * A value that starts at `p` and must end on this line, which ends at `lineEnd` (before an optional comment), in a
   * collection `depth` levels deep.
   */
  private inlineValue(p: number, lineEnd: number, depth: number): SyntaxNode {
    const t = this.text;
    // Most values are plain: their expression is tried first, and refuses the first characters of the others.
    PLAIN_VALUE.lastIndex = p;
    if (PLAIN_VALUE.test(t)) {
      const end = PLAIN_VALUE.lastIndex;
      // A `: ` (or a `:` ending the line) before any comment would make the line a mapping: a multi-line key.
      if (t.charCodeAt(end) === COLON) bail();
      return new Scalar(plainValue(t, p, end), this.base + p, this.base + end);
    }
    const c = t[p];
    if (c === '[' || c === '{') {
      const node = this.flow.read(p, lineEnd, depth);
      afterValue(t, this.flow.pos, lineEnd);
      return node;
    }
    if (c !== '"' && c !== "'") bail();
    const end = quotedEnd(t, p, lineEnd);
    afterValue(t, end, lineEnd);
    return new Scalar(unquote(t, p, end), this.base + p, this.base + end);
  }
}

/**
 * Offset of the `:` that ends a block-mapping key starting at `p` (on a line that ends at `lineEnd`), or undefined
 * when the line holds no key there. Keys are quoted, or plain words that do not start with an indicator.
 */
function keyEnd(t: string, p: number, lineEnd: number): number | undefined {
  const c = t[p];
  if (c === undefined) return undefined;
  let q: number;
  if (c === '"' || c === "'") {
    q = quotedEnd(t, p, lineEnd);
    while (q < lineEnd && t[q] === ' ') q++;
    return t[q] === ':' && (q + 1 >= lineEnd || t[q + 1] === ' ') ? q : undefined;
  }
  PLAIN_KEY.lastIndex = p;
  if (!PLAIN_KEY.test(t)) return undefined;
  q = PLAIN_KEY.lastIndex;
  return t.charCodeAt(q) === COLON ? q : undefined;
}

/** The key of a block mapping that starts at `start` and ends at the `:` at `colon` (its offsets from `base`). */
function readKey(t: string, base: number, start: number, colon: number): ScalarNode {
  const c = t[start];
  if (c === '"' || c === "'") {
    const end = quotedEnd(t, start, colon);
    return new Scalar(unquote(t, start, end), base + start, base + end);
  }
  let end = colon;
  while (end > start && t[end - 1] === ' ') end--;
  return new Scalar(plainValue(t, start, end), base + start, base + end);
}

/** Checks that only spaces, or spaces and a comment, follow a value that ends at `p` on a line that ends at `lineEnd`. */
function afterValue(t: string, p: number, lineEnd: number): void {
  let q = p;
  while (q < lineEnd && t[q] === ' ') q++;
  if (q < lineEnd && !(t[q] === '#' && q > p)) bail();
}

/**
 * The longest block-mapping key, from its first character to its `:` (YAML's limit on an implicit key, which the `yaml`
 * package enforces: it refuses `k…k: 1` with 1,025 characters before the `:`).
 */
const MAX_KEY_LENGTH = 1024;

/** Whether a block-list item's `-` is at `at` of a line that ends at `lineEnd`: a dash followed by a space or the line's end. */
function isDash(text: string, at: number, lineEnd: number): boolean {
  return text[at] === '-' && (at + 1 >= lineEnd || text[at + 1] === ' ');
}

/** Up to this many keys a scan finds a repeat faster than a Set, and allocates nothing (most mappings are this small). */
const KEYS_BEFORE_SET = 16;

/**
 * Checks the next key `value` of a mapping whose keys so far are the entries collected since `mark`, and bails on
 * a repeat (the `yaml` package reads duplicate keys). Returns the Set of keys once the mapping outgrows a scan.
 */
function addKey(entries: Collector<MapEntry>, mark: number, value: ScalarValue, seen: Set<ScalarValue> | undefined): Set<ScalarValue> | undefined {
  if (seen !== undefined) {
    if (seen.has(value)) bail();
    return seen.add(value);
  }
  // Set semantics (SameValueZero): a `.nan` key repeats a `.nan` key.
  const isNaNKey = typeof value === 'number' && Number.isNaN(value);
  const stack = entries.stack;
  const top = entries.mark;
  for (let i = mark; i < top; i++) {
    const earlier = (stack[i] as MapEntry).key.value;
    if (earlier === value || (isNaNKey && typeof earlier === 'number' && Number.isNaN(earlier))) bail();
  }
  return top - mark + 1 < KEYS_BEFORE_SET ? undefined : new Set([...stack.slice(mark, top).map((e) => e.key.value), value]);
}

/** Single-line flow collections: `[a, "b", {c: 1}]`. One per reader, aimed at each collection in turn. */
class FlowReader {
  pos = 0;
  private limit = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly collectors: Collectors,
  ) {}

  /**
   * The collection that opens at `start`, in a block collection `depth` levels deep, and must close before `limit`;
   * `pos` is then just past it.
   */
  read(start: number, limit: number, depth: number): SyntaxNode {
    this.pos = start;
    this.limit = limit;
    return this.value(depth + 1);
  }

  /** A value; a collection there is `depth` levels deep (counting itself). */
  private value(depth: number): SyntaxNode {
    this.spaces();
    const c = this.text[this.pos];
    if (c === '[') return this.seq(depth);
    if (c === '{') return this.map(depth);
    return this.scalar();
  }

  private spaces(): void {
    const t = this.text;
    const limit = this.limit;
    let pos = this.pos;
    while (pos < limit && t[pos] === ' ') pos++;
    if (pos >= limit) bail();
    this.pos = pos;
  }

  private seq(depth: number): SeqNode {
    if (depth > MAX_NESTING) bail();
    const start = this.pos++;
    const items = this.collectors.items;
    const mark = items.mark;
    this.spaces();
    if (this.text[this.pos] !== ']') {
      for (;;) {
        items.add(this.value(depth + 1));
        this.spaces();
        const c = this.text[this.pos];
        this.pos++;
        if (c === ']') break;
        if (c !== ',') bail();
        this.spaces();
        if (this.text[this.pos] === ']') bail();
      }
    } else this.pos++;
    return new Sequence(items.take(mark), this.base + start, this.base + this.pos);
  }

  private map(depth: number): MapNode {
    if (depth > MAX_NESTING) bail();
    const start = this.pos++;
    const entries = this.collectors.entries;
    const mark = entries.mark;
    let seen: Set<ScalarValue> | undefined;
    this.spaces();
    if (this.text[this.pos] !== '}') {
      for (;;) {
        const key = this.scalar();
        seen = addKey(entries, mark, key.value, seen);
        this.spaces();
        if (this.text[this.pos] !== ':') bail();
        this.pos++;
        if (this.text[this.pos] !== ' ') bail();
        entries.add(new Entry(key, this.value(depth + 1)));
        this.spaces();
        const c = this.text[this.pos];
        this.pos++;
        if (c === '}') break;
        if (c !== ',') bail();
        this.spaces();
        if (this.text[this.pos] === '}') bail();
      }
    } else this.pos++;
    return new Mapping(entries.take(mark), this.base + start, this.base + this.pos);
  }

  private scalar(): ScalarNode {
    const t = this.text;
    const start = this.pos;
    const c = t[start] ?? '';
    if (c === '"' || c === "'") {
      const end = quotedEnd(t, start, this.limit);
      this.pos = end;
      return new Scalar(unquote(t, start, end), this.base + start, this.base + end);
    }
    FLOW_PLAIN.lastIndex = start;
    if (!FLOW_PLAIN.test(t)) bail();
    const end = FLOW_PLAIN.lastIndex;
    // Spaces the scalar stops at are followed by what ends it, or by a comment, which a flow collection cannot hold.
    if (t.charCodeAt(end) === SPACE) {
      SPACES.lastIndex = end;
      SPACES.test(t);
      if (t.charCodeAt(SPACES.lastIndex) === HASH) bail();
    }
    this.pos = end;
    return new Scalar(plainValue(t, start, end), this.base + start, this.base + end);
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
  const body = cut(text, start + 1, end - 1);
  if (text[start] === "'") return body.includes("''") ? body.replaceAll("''", "'") : body;
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? bail();
  });
}

/**
 * The decimal integers and floats of the core schema (`[-+]?[0-9]+`, `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`),
 * matched in the text where a scalar starts (sticky): a scalar is one when the match ends where the scalar does.
 * Row and token counts and weights are a few numbers a source; a loop over their digits, interpreted in a cold
 * `check --no-data`, cost ~400 instructions a digit, and a float went through the interning table (see cut), where
 * nearly every weight is new.
 */
const DECIMAL_INT = /[-+]?[0-9]+/y;
const DECIMAL_FLOAT = /[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?/y;

/**
 * The plain scalar at `start..end` of `text`, resolved by the YAML 1.2 core schema
 * (https://yaml.org/spec/1.2.2/#1023-core-schema); an empty one is null. A scalar that starts like neither a number
 * nor one of the null and boolean words (of at most five characters) is itself, the answer for most keys and words,
 * given from its first character: the eleven words are not compared with each, a call apiece in unoptimised code.
 */
function plainValue(text: string, start: number, end: number): ScalarValue {
  if (end === start) return null;
  const first = text.charCodeAt(start);
  if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46) return numberLike(text, start, end);
  if (end - start <= 5 && (first === 126 || first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70)) return nullOrBoolean(cut(text, start, end));
  return cut(text, start, end);
}

/** A plain scalar that starts with a digit, a sign or a `.`: a number of the core schema, or a string. */
function numberLike(text: string, start: number, end: number): ScalarValue {
  DECIMAL_INT.lastIndex = start;
  if (DECIMAL_INT.test(text) && DECIMAL_INT.lastIndex === end) return parseInt(text.slice(start, end), 10);
  DECIMAL_FLOAT.lastIndex = start;
  if (DECIMAL_FLOAT.test(text) && DECIMAL_FLOAT.lastIndex === end) return parseFloat(text.slice(start, end));
  const raw = cut(text, start, end);
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(raw)) return raw.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(raw)) return NaN;
  return raw;
}

/** `~` and the null and boolean words of the core schema: null or a boolean; any other word itself. */
function nullOrBoolean(raw: string): ScalarValue {
  switch (raw) {
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
  return raw;
}
