/** Zero-based line and UTF-16 character offset, as in LSP, so ranges pass to editors unchanged. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Maps character offsets of a text to positions; built once per document. */
export class LineIndex {
  private readonly lineStarts: number[];
  /** The line of the last position asked for. */
  private lastLine = 0;

  constructor(readonly text: string) {
    const starts = [0];
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    // Readers ask in document order: look a few lines on from the last answer before searching the whole index,
    // and a few lines back (a dialect asks for a whole entry's range, then for the fields inside it).
    let line = this.lastLine;
    if ((starts[line] ?? 0) <= clamped) {
      for (let step = 0; step < 4 && (starts[line + 1] ?? Infinity) <= clamped; step++) line++;
      if ((starts[line + 1] ?? Infinity) <= clamped) line = this.search(clamped, line + 1, starts.length - 1);
    } else {
      for (let step = 0; step < 16 && line > 0 && (starts[line] ?? 0) > clamped; step++) line--;
      if ((starts[line] ?? 0) > clamped) line = this.search(clamped, 0, line - 1);
    }
    this.lastLine = line;
    return { line, character: clamped - (starts[line] ?? 0) };
  }

  /** The last line in lo..hi that starts at or before `offset` (binary search). */
  private search(offset: number, lo: number, hi: number): number {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    const next = this.lineStarts[line + 1];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/**
 * A range kept as two offsets into a text, turned into line and character on first read. Why: a manifest keeps
 * a range for nearly every field of every source (about 14 a source), and as plain `{ start: {..}, end: {..} }`
 * objects they were three allocations each that lived as long as the manifest: on a 1,000-source manifest about
 * 42,000 objects per keystroke, which the garbage collector copied out of the young generation, and half the CPU of
 * parse + manifest rules (docs/benchmarks.md). Most are never read: only the ranges of findings, fixes and the
 * views are. It reads as a `Range` (the getters), writes as one to JSON (`toJSON`), and the lint thread's wire
 * turns it into one before a structured clone (src/server/lint-wire.ts). The line index and the positions are
 * private fields, so `assert.deepStrictEqual` of two ranges over the same offsets holds whatever was read.
 */
export class TextRange implements Range {
  readonly #lines: LineIndex;
  #start: Position | undefined;
  #end: Position | undefined;

  constructor(
    lines: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {
    this.#lines = lines;
  }

  /** The line index of the text the offsets are in. */
  get lines(): LineIndex {
    return this.#lines;
  }

  get start(): Position {
    return (this.#start ??= this.#lines.positionAt(this.startOffset));
  }

  get end(): Position {
    return (this.#end ??= this.#lines.positionAt(this.endOffset));
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

let lastIndex: LineIndex | undefined;

/**
 * The line index of `text`, shared by everything that reads the same text in a row: the parser and the quick
 * fixes of every finding of one lint run would otherwise each index the whole manifest again.
 */
export function lineIndexOf(text: string): LineIndex {
  if (lastIndex?.text !== text) lastIndex = new LineIndex(text);
  return lastIndex;
}
