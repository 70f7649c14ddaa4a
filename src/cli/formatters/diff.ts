import { LineIndex } from '../../core/range';
import { applyEdits, type OffsetEdit } from '../../core/text-edits';

/** Lines of unchanged text shown around each change, as `diff -u` does. */
const CONTEXT = 3;

interface Change {
  /** Old lines [from, to) replaced by `lines`. */
  from: number;
  to: number;
  lines: string[];
}

/**
 * A unified diff (`--- a/FILE`, `+++ b/FILE`, `@@` hunks with three lines of context) of the edits to one
 * text, built from the edits themselves rather than by diffing the two texts, so it shows exactly what would
 * be written. `git apply` and `patch -p1` accept it.
 */
export function unifiedDiff(label: string, text: string, edits: readonly OffsetEdit[]): string {
  if (edits.length === 0) return '';
  const index = new LineIndex(text);
  const lineOf = (offset: number): number => index.positionAt(offset).line;
  const old = splitLines(text);
  const changes: Change[] = [];
  let group: { from: number; to: number; edits: OffsetEdit[] } | undefined;
  const flush = () => {
    if (!group) return;
    const begin = index.offsetAt({ line: group.from, character: 0 });
    const end = index.offsetAt({ line: group.to, character: 0 });
    const segment = text.slice(begin, end);
    const shifted = group.edits.map((e) => ({ ...e, start: e.start - begin, end: e.end - begin }));
    changes.push({ from: group.from, to: group.to, lines: splitLines(applyEdits(segment, shifted)) });
  };
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const from = lineOf(edit.start);
    // An edit that ends at the start of a line (a replacement up to it, or whole lines inserted before it)
    // leaves that line alone.
    const atLineStart = index.positionAt(edit.end).character === 0;
    const keepsLine = atLineStart && (edit.end > edit.start || edit.newText.endsWith('\n'));
    const to = Math.min(lineOf(edit.end) + (keepsLine ? 0 : 1), old.length);
    if (group && from < group.to) {
      group.to = Math.max(group.to, to);
      group.edits.push(edit);
    } else {
      flush();
      group = { from, to: Math.max(to, from), edits: [edit] };
    }
  }
  flush();
  return `--- a/${label}\n+++ b/${label}\n${hunks(old, changes).join('')}`;
}

function hunks(old: readonly string[], changes: readonly Change[]): string[] {
  const out: string[] = [];
  let delta = 0;
  let i = 0;
  while (i < changes.length) {
    let j = i;
    while (j + 1 < changes.length && (changes[j + 1]?.from ?? 0) - (changes[j]?.to ?? 0) <= 2 * CONTEXT) j++;
    const first = changes[i] as Change;
    const last = changes[j] as Change;
    const start = Math.max(0, first.from - CONTEXT);
    const stop = Math.min(old.length, last.to + CONTEXT);
    const body: string[] = [];
    let at = start;
    let added = 0;
    for (const change of changes.slice(i, j + 1)) {
      for (; at < change.from; at++) body.push(` ${old[at] ?? ''}`);
      for (; at < change.to; at++) body.push(`-${old[at] ?? ''}`);
      body.push(...change.lines.map((line) => `+${line}`));
      added += change.lines.length - (change.to - change.from);
    }
    for (; at < stop; at++) body.push(` ${old[at] ?? ''}`);
    const oldLength = stop - start;
    out.push(`@@ -${range(start, oldLength)} +${range(start + delta, oldLength + added)} @@\n${body.map((l) => `${l}\n`).join('')}`);
    delta += added;
    i = j + 1;
  }
  return out;
}

/** diff's hunk range: 1-based start, and for an empty range the line before it. */
function range(start: number, length: number): string {
  return length === 0 ? `${start},0` : `${start + 1},${length}`;
}

/** Lines without their breaks; a final line break does not start another line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
