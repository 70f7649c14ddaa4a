/**
 * Deeper nesting than this is refused: the readers recurse once per level, and no manifest or config nests beyond a
 * dozen levels. The JSON reader and the fast YAML reader count their own levels; the `yaml` package gets a text only
 * after tooDeepAt found it within the limit. Fixed rather than configurable: past a few thousand levels the stack,
 * not the budget, is the limit.
 */
export const MAX_NESTING = 200;

/**
 * The offset where a YAML (or JSON) text first nests deeper than `max` levels, counting block indentation and
 * flow brackets together, or -1. A cheap linear scan that over-counts rather than under-counts (brackets in
 * plain scalars count), which is safe with a limit far above real files. Quoted strings and comments are skipped.
 * A line's indentation counts up to its first character that is neither a space nor a tab; a `#` or `\r` there
 * opens no level (the rest of that line is still scanned).
 *
 * It runs over every character (of each text the `yaml` package reads; before the fast reader counted its own levels,
 * of every YAML text), and in a cold `check --no-data` V8 never optimises it: there a loop testing each character
 * against each of the eight that matter cost ~2.5% of the run. So the
 * characters between those that matter are passed over by regular expressions (native code, no allocation with
 * `test`), a line's indentation by LEADING and the rest by SIGNIFICANT.
 */
export function tooDeepAt(text: string, max = MAX_NESTING): number {
  const length = text.length;
  // The open block levels' indentations, `indents[0..depth)`: a count kept apart, not `push`, `pop` and `length`, each a
  // call or a property read in unoptimised code, at every line.
  const indents: number[] = [];
  let depth = 0;
  let flow = 0;
  let lineOffset = 0;
  while (lineOffset < length) {
    LEADING.lastIndex = lineOffset;
    LEADING.test(text);
    const first = LEADING.lastIndex;
    if (first >= length) return -1;
    const c = text.charCodeAt(first);
    if (c === 10) {
      lineOffset = first + 1;
      continue;
    }
    let i = first;
    if (c === 35 /* # */ || c === 13) i++;
    else if (flow === 0) {
      const indent = first - lineOffset;
      while (depth > 0 && (indents[depth - 1] as number) >= indent) depth--;
      indents[depth++] = indent;
      if (depth > max) return first;
    }
    // The characters of the line from `i` on (past its end when a quoted string's escape runs over it).
    for (;;) {
      SIGNIFICANT.lastIndex = i;
      if (!SIGNIFICANT.test(text)) return -1;
      let at = SIGNIFICANT.lastIndex - 1;
      // The one match of two characters, `- `, ends on the space.
      if (text.charCodeAt(at) === 32) at--;
      const s = text.charCodeAt(at);
      if (s === 10) {
        lineOffset = at + 1;
        break;
      }
      i = at + 1;
      if (s === 91 /* [ */ || s === 123 /* { */) {
        flow++;
        if (flow + depth > max) return at;
      } else if (s === 93 /* ] */ || s === 125 /* } */) {
        if (flow > 0) flow--;
      } else if (s === 34 /* " */ || s === 39 /* ' */) {
        if (opensScalar(text.charCodeAt(at - 1))) i = quotedEnd(text, at, s) + 1;
      } else if (s === 35 /* # */) {
        if (at === 0 || text.charCodeAt(at - 1) === 32) {
          const nl = text.indexOf('\n', at);
          if (nl < 0) return -1;
          i = nl;
        }
      } else if (flow === 0) {
        // `- - - x`: each dash on one line opens a sequence inside the previous one.
        indents[depth++] = at - lineOffset + 1;
        if (depth > max) return at;
      }
    }
  }
  return -1;
}

/** A line's indentation: the spaces and tabs at its start (sticky, from `lastIndex`). */
const LEADING = /[ \t]*/y;
/** After a line's indentation, the characters that can change the count: a line feed, a bracket, a quote, `#`, `- `. */
const SIGNIFICANT = /[\n[\]{}"'#]|- /g;

/** Offset of the closing quote of a string opened at `i` (backslash escapes in double quotes), or the end of its line. */
function quotedEnd(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return j - 1;
    if (quote === 34 && c === 92 /* \ */) j++;
    else if (c === quote) return j;
  }
  return text.length;
}

/** A quote starts a quoted scalar only at the start of a value: after a space, an indicator or nothing (`don't` is plain). */
function opensScalar(before: number): boolean {
  return Number.isNaN(before) || before === 32 || before === 10 || before === 9 || before === 91 || before === 123 || before === 44 || before === 58 || before === 45;
}
