/**
 * YAML front matter of a Markdown file (a Hugging Face dataset card): the text between an opening `---` line
 * at the very top and the next `---` (or `...`) line. Offsets are in the whole file, so positions reported
 * inside the front matter are positions in the README.
 */
export interface FrontMatter {
  /** Offset of the first character after the opening `---` line. */
  start: number;
  /** Offset of the start of the closing line, or the end of the text when it is not closed. */
  end: number;
  closed: boolean;
}

const OPENING = /^(?:\uFEFF)?---[ \t]*\r?\n/;

export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text);
}

export function frontMatter(text: string): FrontMatter | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  const start = opening[0].length;
  const closing = /^(?:---|\.\.\.)[ \t]*\r?$/m;
  const rest = text.slice(start);
  const match = closing.exec(rest);
  if (!match) return { start, end: text.length, closed: false };
  return { start, end: start + match.index, closed: true };
}
