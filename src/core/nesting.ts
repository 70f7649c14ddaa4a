/**
 * Deeper nesting than this is refused before any parser sees the text: the readers recurse once per level, and
 * no manifest or config nests beyond a dozen levels. Fixed rather than configurable: past a few thousand levels
 * the stack, not the budget, is the limit.
 */
export const MAX_NESTING = 200;

/**
 * The offset where a YAML (or JSON) text first nests deeper than `max` levels, counting block indentation and
 * flow brackets together, or -1. A cheap linear scan that over-counts rather than under-counts (brackets in
 * plain scalars count), which is safe with a limit far above real files. Quoted strings and comments are skipped.
 */
export function tooDeepAt(text: string, max = MAX_NESTING): number {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = true;
  let lineOffset = 0;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      lineOffset = i + 1;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9) {
        indent++;
        continue;
      }
      lineStart = false;
      if (c === 35 /* # */ || c === 13) continue;
      if (flow === 0) {
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > max) return i;
      }
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      flow++;
      if (flow + indents.length > max) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (flow > 0) flow--;
    } else if ((c === 34 /* " */ || c === 39 /* ' */) && opensScalar(text.charCodeAt(i - 1))) {
      i = quotedEnd(text, i, c);
    } else if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32)) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 32 && flow === 0) {
      // `- - - x`: each dash on one line opens a sequence inside the previous one.
      indents.push(i - lineOffset + 1);
      if (indents.length > max) return i;
    }
  }
  return -1;
}

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
