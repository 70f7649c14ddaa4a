import { MAX_NESTING as MAX_DEPTH } from './nesting';
import { type MapEntry, type ParsedTree, type ScalarNode, type SyntaxNode, Entry, Mapping, Scalar, Sequence } from './syntax-tree';

/**
 * A strict JSON (RFC 8259) reader that keeps the offset of every value. `JSON.parse` gives no positions for
 * values and only some of its errors name an offset, and yaml accepts much that is not JSON, so neither fits.
 * Stops at the first syntax error; duplicate keys are reported but reading goes on.
 */
export function parseJson(text: string): ParsedTree {
  const reader = new JsonReader(text);
  try {
    reader.skipSpace();
    if (reader.pos >= text.length) return { errors: [] };
    const root = reader.value(0);
    reader.skipSpace();
    if (reader.pos < text.length) reader.fail('Unexpected text after the JSON value.');
    return { root, errors: reader.errors };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { errors: [...reader.errors, { message: e.message, start: e.start, end: e.end }] };
    throw e;
  }
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

class JsonReader {
  pos = 0;
  readonly errors: { message: string; start: number; end: number }[] = [];

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  fail(message: string, start = this.pos, end = Math.min(this.text.length, start + 1)): never {
    throw new JsonSyntaxError(message, start, end);
  }

  skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else return;
    }
  }

  value(depth: number): SyntaxNode {
    if (depth > MAX_DEPTH) this.fail(`JSON nested deeper than ${MAX_DEPTH} levels.`);
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === undefined) this.fail('Unexpected end of JSON: expected a value.');
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/.exec(this.text.slice(this.pos, this.pos + 400));
    const raw = literal?.[0];
    if (!raw) this.fail(`Unexpected character ${JSON.stringify(c)}: expected a value.`);
    const start = this.pos;
    this.pos += raw.length;
    const value = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw);
    return new Scalar(value, start, this.pos);
  }

  private string(): ScalarNode {
    const start = this.pos;
    const t = this.text;
    let out = '';
    let run = ++this.pos;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('Unterminated string.', start, this.pos);
      if (c === 34) break;
      if (c < 32) this.fail('Control characters must be escaped in JSON strings.');
      if (c === 92) {
        out += t.slice(run, this.pos);
        const e = t[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else this.fail(`Invalid escape sequence in a JSON string.`, this.pos, this.pos + 2);
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    out += t.slice(run, this.pos);
    this.pos++;
    return new Scalar(out, start, this.pos);
  }

  private object(depth: number): SyntaxNode {
    const start = this.pos++;
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return new Mapping(entries, start, this.pos);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        this.fail(this.text[this.pos] === '}' ? 'Trailing comma before "}".' : 'Expected a double-quoted property name.');
      }
      const key = this.string();
      const name = String(key.value);
      if (seen.has(name)) this.errors.push({ message: `Duplicate key ${JSON.stringify(name)}.`, start: key.start, end: key.end });
      seen.add(name);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('Expected ":" after a property name.');
      this.pos++;
      entries.push(new Entry(key, this.value(depth + 1)));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return new Mapping(entries, start, this.pos);
      if (c !== ',') this.fail('Expected "," or "}" after a property value.', this.pos - 1);
    }
  }

  private array(depth: number): SyntaxNode {
    const start = this.pos++;
    const items: SyntaxNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return new Sequence(items, start, this.pos);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail('Trailing comma before "]".');
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return new Sequence(items, start, this.pos);
      if (c !== ',') this.fail('Expected "," or "]" after a list item.', this.pos - 1);
    }
  }
}
