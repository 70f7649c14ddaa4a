/**
 * Text edits that add keys to a source entry of a native YAML manifest, for quick fixes. They read the
 * lines they edit instead of trusting a range convention, and give up (undefined) on layouts they cannot
 * edit safely: JSON, other dialects, flow mappings (`- {id: a}`), or a missing text.
 */
import type { TextEdit } from '../finding';
import type { Manifest, Source, SourceField } from '../manifest';
import { type LineIndex, lineIndexOf } from '../range';

function editableYaml(manifest: Manifest, text: string | undefined): text is string {
  return text !== undefined && manifest.dialect === 'synthlint' && !/\.json$/i.test(manifest.file);
}

/** The indentation of a key on `line`, with a leading `- ` counted as indentation (`  - id: a` → 4 spaces). */
function keyIndent(lineText: string): string {
  const match = /^(\s*)(-\s+)?/.exec(lineText);
  return (match?.[1] ?? '') + ' '.repeat(match?.[2]?.length ?? 0);
}

/** Inserts `lines` (already indented) after line `line`, coping with a last line that has no line break. */
function insertAfterLine(index: LineIndex, line: number, lines: string[]): TextEdit {
  const block = lines.join('\n');
  if (line + 1 < index.lineCount) {
    return { range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: `${block}\n` };
  }
  const end = { line, character: index.lineText(line).length };
  return { range: { start: end, end }, newText: `\n${block}` };
}

/**
 * Inserts new keys into a source, one level below it (`children` one level deeper than `keys[0]`),
 * after the line of `after` (default: the id line).
 */
export function insertSourceKeys(
  manifest: Manifest,
  source: Source,
  text: string | undefined,
  keys: readonly { key: string; value?: string; children?: readonly string[] }[],
  after: SourceField = 'id',
): TextEdit | undefined {
  if (!editableYaml(manifest, text)) return undefined;
  const index = lineIndexOf(text);
  const anchor = source.ranges[after] ?? source.ranges.id;
  const idLine = index.lineText(source.ranges.id.start.line);
  if (idLine.includes('{') || index.lineText(anchor.start.line).includes('{')) return undefined;
  const indent = manifest.layout?.sourceKeyIndent ?? keyIndent(idLine);
  const lines: string[] = [];
  for (const { key, value, children } of keys) {
    lines.push(value === undefined ? `${indent}${key}:` : `${indent}${key}: ${value}`);
    for (const child of children ?? []) lines.push(`${indent}  ${child}`);
  }
  return insertAfterLine(index, anchor.end.line, lines);
}

/** Inserts `child` lines under a mapping key of the source (e.g. `model: TODO` under `generator:`). */
export function insertUnderKey(
  manifest: Manifest,
  source: Source,
  text: string | undefined,
  key: SourceField,
  siblings: readonly SourceField[],
  child: string,
): TextEdit | undefined {
  if (!editableYaml(manifest, text)) return undefined;
  const range = source.ranges[key];
  if (range === undefined) return undefined;
  const index = lineIndexOf(text);
  // A parser may range the key or its block value (which starts on the first child's line): find the key's line.
  const keyPattern = new RegExp(`^\\s*(-\\s+)?${key}\\s*:`);
  let keyLine = range.start.line;
  while (keyLine > 0 && !keyPattern.test(index.lineText(keyLine))) keyLine--;
  if (!keyPattern.test(index.lineText(keyLine)) || index.lineText(keyLine).includes('{')) return undefined;
  const sibling = siblings.map((f) => source.ranges[f]).find((r) => r !== undefined && r.start.line > keyLine);
  const indent = sibling === undefined ? `${keyIndent(index.lineText(keyLine))}  ` : keyIndent(index.lineText(sibling.start.line));
  return insertAfterLine(index, keyLine, [`${indent}${child}`]);
}

/** Replaces the scalar value of `key: value` on the line where `field` sits, keeping a trailing comment. */
export function replaceScalarValue(
  manifest: Manifest,
  source: Source,
  text: string | undefined,
  field: SourceField,
  key: string,
  value: string,
): TextEdit | undefined {
  if (!editableYaml(manifest, text)) return undefined;
  const range = source.ranges[field];
  if (range === undefined) return undefined;
  const line = lineIndexOf(text).lineText(range.start.line);
  const match = new RegExp(`^(.*?\\b${key}\\s*:[ \\t]*)([^#{}\\[\\],]*?)[ \\t]*(#.*)?$`).exec(line);
  if (match === null || match[1] === undefined || match[2] === undefined) return undefined;
  const start = match[1].length;
  return {
    range: { start: { line: range.start.line, character: start }, end: { line: range.start.line, character: start + match[2].length } },
    newText: value,
  };
}
