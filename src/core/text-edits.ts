import type { Fix, TextEdit } from './finding';
import { LineIndex } from './range';

/** An edit as character offsets into the text it was computed from. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * The fixes that can be applied together, in the order given: a fix whose edits overlap an edit of a fix
 * already chosen is left out whole (ESLint does the same; the next lint offers it again on the new text).
 * The edits come back as offsets, sorted.
 */
export function chooseFixes(text: string, fixes: readonly Fix[]): { chosen: Fix[]; edits: OffsetEdit[] } {
  const index = new LineIndex(text);
  const chosen: Fix[] = [];
  const edits: OffsetEdit[] = [];
  for (const fix of fixes) {
    const own = fix.edits.map((e) => toOffsets(e, index));
    const clash = own.some((a, i) => own.some((b, j) => i !== j && overlap(a, b)) || edits.some((b) => overlap(a, b)));
    if (clash) continue;
    chosen.push(fix);
    edits.push(...own);
  }
  return { chosen, edits: edits.sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** The text with non-overlapping edits applied. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

function toOffsets(edit: TextEdit, index: LineIndex): OffsetEdit {
  return { start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end), newText: edit.newText };
}

/** Two edits clash when their ranges overlap, or when both insert at the same place (their order would be a guess). */
function overlap(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start < b.end && b.start < a.end ? true : a.start === b.start && (a.start === a.end || b.start === b.end);
}
