/**
 * The text edits behind the "Disable <rule> in <config>" quick fix. Pure functions of text → edits so they are
 * tested without an editor; code-actions.ts wraps them in WorkspaceEdits (undoable, never a direct write). The
 * "for this line" edit belongs with the comment parser, in core/suppressions.ts.
 */
import { isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { LineIndex } from '../core/range';
import type { TextEdit } from '../core/finding';

/** The whole text of a new config that turns `ruleId` off. */
export function newConfigText(ruleId: string, json: boolean): string {
  return json ? `{\n  "rules": {\n    "${ruleId}": "off"\n  }\n}\n` : `rules:\n  ${ruleId}: off\n`;
}

/**
 * The edit that sets `rules.<ruleId>` to off in an existing config (YAML, or JSON: JSON is YAML flow syntax,
 * so one parser gives positions for both). Returns undefined when the file cannot be parsed into a mapping —
 * the user must fix the config first, and lint already reports it.
 */
export function disableInConfigEdit(text: string, ruleId: string, json: boolean): TextEdit | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return undefined;
  const lines = new LineIndex(text);
  const q = (s: string): string => (json ? JSON.stringify(s) : s);
  const off = q('off');
  const insertAt = (offset: number, newText: string): TextEdit => {
    const p = lines.positionAt(offset);
    return { range: { start: p, end: p }, newText };
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return { range: lines.rangeOf(0, text.length), newText: newConfigText(ruleId, json) };
  }
  if (!isMap(root) || !root.range) return undefined;
  const rulesPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'rules') as Pair<unknown, unknown> | undefined;

  if (!rulesPair) {
    if (root.flow) return insertIntoFlowMap(root, text, lines, `${q('rules')}: { ${q(ruleId)}: ${off} }`);
    const tail = text.endsWith('\n') || text.length === 0 ? '' : '\n';
    return insertAt(text.length, `${tail}rules:\n  ${ruleId}: off\n`);
  }

  const rules = rulesPair.value;
  const keyNode = rulesPair.key as { range?: [number, number, number] | null };
  if (rules === null || (isScalar(rules) && (rules.value === null || rules.value === ''))) {
    // `rules:` with nothing after it (or `rules: ~`): the new entry goes on the next line, indented under it.
    const keyEnd = keyNode.range?.[1] ?? 0;
    const line = lines.positionAt(keyEnd).line;
    const lineText = lines.lineText(line);
    const indent = /^\s*/.exec(lineText)?.[0] ?? '';
    const spelled = isScalar(rules) && rules.range && rules.range[1] > rules.range[0];
    const start = spelled ? lines.positionAt(rules.range![0]) : { line, character: lineText.length };
    const end = spelled ? lines.positionAt(rules.range![1]) : start;
    return { range: { start, end }, newText: json ? `{ ${q(ruleId)}: ${off} }` : `\n${indent}  ${ruleId}: off` };
  }
  if (!isMap(rules) || !rules.range) return undefined;
  const existing = rules.items.find((p) => isScalar(p.key) && p.key.value === ruleId);
  if (existing && isScalar(existing.value) && existing.value.range) {
    return { range: lines.rangeOf(existing.value.range[0], existing.value.range[1]), newText: off };
  }
  if (existing) return undefined;
  return rules.flow ? insertIntoFlowMap(rules, text, lines, `${q(ruleId)}: ${off}`) : insertIntoBlockMap(rules, text, lines, ruleId);
}

function insertIntoFlowMap(map: YAMLMap, text: string, lines: LineIndex, entry: string): TextEdit {
  const close = text.lastIndexOf('}', (map.range as [number, number, number])[1]);
  // Replace the blanks before the closing brace so `{ a: x }` becomes `{ a: x, b: off }`, `{}` becomes `{ b: off }`.
  const from = text.slice(0, close).trimEnd().length;
  return { range: lines.rangeOf(from, close), newText: map.items.length > 0 ? `, ${entry} ` : ` ${entry} ` };
}

function insertIntoBlockMap(map: YAMLMap, text: string, lines: LineIndex, ruleId: string): TextEdit {
  const first = map.items[0]?.key as { range?: [number, number, number] | null } | undefined;
  const last = map.items[map.items.length - 1];
  const lastValue = (last?.value ?? last?.key) as { range?: [number, number, number] | null } | undefined;
  const firstStart = first?.range?.[0] ?? 0;
  const indent = ' '.repeat(lines.positionAt(firstStart).character);
  const lastEnd = lastValue?.range?.[1] ?? map.range?.[1] ?? text.length;
  const endLine = lines.positionAt(lastEnd).line;
  if (endLine + 1 < lines.lineCount) {
    const p = { line: endLine + 1, character: 0 };
    return { range: { start: p, end: p }, newText: `${indent}${ruleId}: off\n` };
  }
  const p = lines.positionAt(text.length);
  return { range: { start: p, end: p }, newText: `\n${indent}${ruleId}: off` };
}
