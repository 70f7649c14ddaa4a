/**
 * Inline suppression comments in YAML manifests (and the YAML front matter of dataset cards), as ESLint and
 * markdownlint have them:
 *   # synthlint-disable-next-line RULE[, RULE]   the next line
 *   # synthlint-disable-line RULE                 this line (a trailing comment)
 *   # synthlint-disable RULE  ...  # synthlint-enable [RULE]   a block
 * Without rule ids they apply to every rule. Text after ` -- ` is a free reason. JSON has no comments:
 * JSON manifests use config overrides instead (docs/configuration.md).
 *
 * Comments are found line by line, not by a YAML parse, so they work in files that do not parse. A `#`
 * counts when it starts the line or follows whitespace outside quotes.
 */
import type { Finding, TextEdit } from './finding';
import { frontMatter } from './front-matter';
import { LineIndex, lineIndexOf, type Range } from './range';
import { didYouMeanSuffix } from './did-you-mean';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** Zero-based line of the comment. */
  line: number;
  /** Rule ids with their positions; empty means every rule. */
  rules: { id: string; range: Range }[];
  /** The free text after ` -- `, if any. */
  reason?: string;
}

/** Every directive starts with this; DIRECTIVE below matches the whole comment. */
const MARKER = 'synthlint-';
const DIRECTIVE = /(^|\s)#\s*synthlint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;

/**
 * The lines (from, to) that may hold YAML comments: none in JSON, the front matter in Markdown (core's one
 * front-matter reader), all otherwise.
 */
function commentLines(file: string, text: string, lineCount: number): [number, number] {
  if (/\.json$/i.test(file)) return [0, 0];
  if (!/\.(md|markdown)$/i.test(file)) return [0, lineCount];
  const fm = frontMatter(text);
  if (!fm) return [0, 0];
  const lines = new LineIndex(text);
  return [lines.positionAt(fm.start).line, fm.closed ? lines.positionAt(fm.end).line : lineCount];
}

/** Whether a `#` comment on `line` is read as YAML (so a directive there works): the quick fixes ask this. */
export function acceptsComment(file: string, text: string, line: number): boolean {
  const [from, to] = commentLines(file, text, text.split(/\r?\n/).length);
  return line >= from && line < to;
}

/**
 * Whether `at` of a line is outside every quoted scalar on it, as YAML reads the line: a quote opens a scalar only where
 * a node starts (after the indentation, `- `, `? `, `: `, or a flow `[`, `{` or `,`); inside a plain scalar it is text
 * (`description: it's ours  # synthlint-disable-line …`; counting quotes took that apostrophe for an open quote and
 * dropped the directive). A `#` after white space outside quotes starts a comment, which nothing after it leaves.
 */
function outsideQuotes(line: string, at: number): boolean {
  let quote: string | undefined;
  let plain = false;
  let flow = 0;
  for (let i = 0; i < at; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (quote === '"' && c === '\\') i++;
      // A single-quoted scalar writes its quote as two.
      else if (c === quote && !(quote === "'" && line[i + 1] === "'")) quote = undefined;
      else if (c === quote) i++;
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return true;
    const next = line[i + 1];
    const spaceAfter = next === undefined || next === ' ' || next === '\t';
    if (plain) {
      // A plain scalar ends at the `: ` after its key and, in a flow collection, at `,`, `]` or `}`.
      if (c === ':' && (spaceAfter || (flow > 0 && (next === ',' || next === ']' || next === '}')))) plain = false;
      else if (flow > 0 && (c === ',' || c === ']' || c === '}')) {
        plain = false;
        if (c !== ',') flow--;
      }
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') flow++;
    else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
    else if (!((c === ',' && flow > 0) || ((c === '-' || c === '?' || c === ':') && spaceAfter))) plain = true;
  }
  return quote === undefined;
}

export function parseSuppressions(file: string, text: string): SuppressionDirective[] {
  const index = lineIndexOf(text);
  const [from, to] = commentLines(file, text, index.lineCount);
  const directives: SuppressionDirective[] = [];
  // Only lines that mention `synthlint-` can hold a directive: finding them by substring spares splitting a
  // large manifest into lines on every keystroke.
  let previous = -1;
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const line = index.positionAt(at).line;
    if (line === previous || line < from || line >= to) continue;
    previous = line;
    const lineText = index.lineText(line);
    const match = DIRECTIVE.exec(lineText);
    if (match === null || !outsideQuotes(lineText, match.index)) continue;
    const kind = match[2] as DirectiveKind;
    const listStart = match.index + match[0].length;
    const reason = lineText.indexOf(' --', listStart);
    const list = lineText.slice(listStart, reason < 0 ? lineText.length : reason);
    const rules: SuppressionDirective['rules'] = [];
    for (const id of list.matchAll(/[^\s,]+/g)) {
      const character = listStart + (id.index ?? 0);
      rules.push({ id: id[0], range: { start: { line, character }, end: { line, character: character + id[0].length } } });
    }
    const reasonText = reason < 0 ? '' : lineText.slice(reason + 3).trim();
    directives.push({ kind, line, rules, ...(reasonText ? { reason: reasonText } : {}) });
  }
  return directives;
}

function names(directive: SuppressionDirective, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.some((r) => r.id === ruleId);
}

/** Whether a finding of `ruleId` starting on `line` is suppressed by the directives (sorted by line). */
export function isSuppressed(directives: readonly SuppressionDirective[], ruleId: string, line: number): boolean {
  let allDisabled = false;
  // Made at the first block directive: most files have line directives only, and this runs once per finding.
  let disabled: Set<string> | undefined;
  let exceptions: Set<string> | undefined;
  for (const d of directives) {
    if (d.kind === 'disable-next-line' && d.line + 1 === line && names(d, ruleId)) return true;
    if (d.kind === 'disable-line' && d.line === line && names(d, ruleId)) return true;
    if (d.line > line || d.kind === 'disable-next-line' || d.kind === 'disable-line') continue;
    disabled ??= new Set<string>();
    exceptions ??= new Set<string>();
    const ids = d.rules.map((r) => r.id);
    if (d.kind === 'disable') {
      if (ids.length === 0) {
        allDisabled = true;
        disabled.clear();
        exceptions.clear();
      } else for (const id of ids) (allDisabled ? exceptions.delete(id) : disabled.add(id));
    } else if (ids.length === 0) {
      allDisabled = false;
      disabled.clear();
      exceptions.clear();
    } else for (const id of ids) (allDisabled ? exceptions.add(id) : disabled.delete(id));
  }
  return allDisabled ? !exceptions?.has(ruleId) : disabled?.has(ruleId) === true;
}

/** Drops the findings in `file` that the directives suppress; findings in other files are kept. */
export function applySuppressions(findings: readonly Finding[], directives: readonly SuppressionDirective[], file: string): Finding[] {
  if (directives.length === 0) return [...findings];
  const suppressed = directives.every((d) => d.kind === 'disable-next-line' || d.kind === 'disable-line')
    ? lineSuppressions(directives)
    : (ruleId: string, line: number) => isSuppressed(directives, ruleId, line);
  return findings.filter((f) => f.file !== file || !suppressed(f.ruleId, f.range.start.line));
}

/**
 * isSuppressed for directives that each govern one line (no block): a finding looks up its line's directives
 * instead of going through all of them. A large manifest's findings each went through every directive of the file
 * (on the bench's 1,000 sources, 648 findings past 7 `disable-next-line` comments, in code never optimised).
 */
function lineSuppressions(directives: readonly SuppressionDirective[]): (ruleId: string, line: number) => boolean {
  const byLine = new Map<number, SuppressionDirective[]>();
  for (const d of directives) {
    const line = d.kind === 'disable-next-line' ? d.line + 1 : d.line;
    const same = byLine.get(line);
    if (same === undefined) byLine.set(line, [d]);
    else same.push(d);
  }
  return (ruleId, line) => byLine.get(line)?.some((d) => names(d, ruleId)) === true;
}

/** An info finding for each rule id in a comment that names no rule, with a suggestion when one is close. */
export function unknownSuppressedRules(directives: readonly SuppressionDirective[], knownIds: readonly string[], file: string): Finding[] {
  const findings: Finding[] = [];
  for (const d of directives) {
    for (const r of d.rules) {
      if (knownIds.includes(r.id)) continue;
      findings.push({
        ruleId: 'suppression-invalid',
        severity: 'info',
        message: `synthlint-${d.kind} names an unknown rule '${r.id}'.${didYouMeanSuffix(r.id, knownIds)}`,
        file,
        range: r.range,
      });
    }
  }
  return findings;
}

/**
 * The quick fix "disable <rule> for this line": `# synthlint-disable-next-line <rule>` above `line`, indented
 * like it. When a next-line directive is already there (lint honours only the line directly above), the rule
 * joins its list, after the last rule id and so before any ` -- reason`; when that directive already covers the
 * rule (by name or by naming none), nothing changes. Built from parseSuppressions, so the fix writes what lint reads.
 */
export function disableNextLineEdit(file: string, text: string, line: number, ruleId: string): TextEdit | undefined {
  const lines = new LineIndex(text);
  const above = parseSuppressions(file, text).find((d) => d.kind === 'disable-next-line' && d.line === line - 1);
  if (above) {
    if (names(above, ruleId)) return undefined;
    const last = above.rules[above.rules.length - 1];
    const at = last ? last.range.end : { line: above.line, character: lines.lineText(above.line).length };
    return { range: { start: at, end: at }, newText: `, ${ruleId}` };
  }
  const indent = /^\s*/.exec(lines.lineText(line))?.[0] ?? '';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# synthlint-disable-next-line ${ruleId}\n` };
}
