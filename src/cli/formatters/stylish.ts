import type { Finding, Severity } from '../../core/finding';
import { ruleDocsUrl } from '../../core/rules/docs-url';
import { styles, visibleLength, type Styles } from './ansi';
import { displayPath } from '../../core/paths';
import { terminalLine } from '../terminal-text';
import { countSeverities, type FormatContext, type FileResult } from './types';

/** Characters of a piece of the report (see FormattedReport): well below V8's large objects (128 kB), so pieces are young. */
const PIECE_CHARS = 16 * 1024;

/**
 * ESLint's "stylish" layout: a header per file, one aligned row per finding (`line:col  severity  message
 * rule-id`, 1-based like every editor's status bar), a summary, and — instead of repeating a URL on every
 * row — the docs link of each rule that fired, once, in a footer. Nothing is printed when there are no findings.
 * The text comes in pieces of whole lines (see FormattedReport), so only the last holds the summary's `✖`.
 */
export function formatStylish(results: readonly FileResult[], context: FormatContext): string[] {
  const s = styles(context.color);
  const withFindings = results.filter((r) => r.findings.length > 0);
  if (withFindings.length === 0) return [];
  const out = new Pieces();
  for (const result of withFindings) {
    out.line('');
    out.line(s.underline(terminalLine(displayPath(result.file, context.cwd))));
    findingRows(result.findings, s, out);
  }
  const all = withFindings.flatMap((r) => r.findings);
  out.line('');
  out.line(summary(all, s));
  out.line('');
  out.line(s.bold('Rule docs:'));
  const ids = [...new Set(all.map((f) => f.ruleId))].sort();
  const idWidth = Math.max(...ids.map((id) => id.length));
  for (const id of ids) out.line(`  ${id.padEnd(idWidth)}  ${s.dim(ruleDocsUrl(id))}`);
  return out.end();
}

/**
 * Lines, each ended by a newline, joined into pieces of about PIECE_CHARS characters as they come: a line's parts are
 * joined only into its piece, so no string per line outlives the piece (in a cold `check --no-data` of the bench's
 * 1,000 sources, the report's lines, made whole and kept until the end, were ~0.6 MB that the scavenges copied).
 */
class Pieces {
  private readonly done: string[] = [];
  private parts: string[] = [];
  private chars = 0;

  line(text: string): void {
    this.add(text);
    this.endLine();
  }

  /** Adds a part of the line under way. */
  add(part: string): void {
    this.parts.push(part);
    this.chars += part.length;
  }

  endLine(): void {
    this.parts.push('\n');
    if (++this.chars >= PIECE_CHARS) this.flush();
  }

  end(): string[] {
    if (this.parts.length > 0) this.flush();
    return this.done;
  }

  private flush(): void {
    this.done.push(this.parts.join(''));
    this.parts = [];
    this.chars = 0;
  }
}

const SEVERITY_STYLE: Record<Severity, keyof Styles> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * A file's findings as rows aligned like `alignRows` aligns them, the line trimmed at its end as there. The cells are
 * measured before they are styled: only the styles add escapes (terminalLine shows an ESC in a message as `\x1B`),
 * so a cell's visible length is its text's length.
 */
function findingRows(findings: readonly Finding[], s: Styles, out: Pieces): void {
  const positions: string[] = [];
  const messages: string[] = [];
  let positionWidth = 0;
  let severityWidth = 0;
  let messageWidth = 0;
  // Runs of spaces for the padding, each length made once (a few dozen lengths for thousands of rows).
  const runs: string[] = [];
  const spaces = (count: number): string => (runs[count] ??= ' '.repeat(count));
  for (const finding of findings) {
    const { line, character } = finding.range.start;
    const position = `${line + 1}:${character + 1}`;
    // The regex tries a run of white space at each space of a message to find no newline: most messages have none.
    const message = terminalLine(finding.message.includes('\n') ? finding.message.replace(/\s*\n\s*/g, ' ') : finding.message);
    positions.push(position);
    messages.push(message);
    positionWidth = Math.max(positionWidth, position.length);
    severityWidth = Math.max(severityWidth, finding.severity.length);
    messageWidth = Math.max(messageWidth, message.length);
  }
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i] as Finding;
    const position = positions[i] as string;
    const message = messages[i] as string;
    const ruleId = s.dim(finding.ruleId);
    const severity = s[SEVERITY_STYLE[finding.severity]](finding.severity);
    const positionPad = spaces(positionWidth - position.length);
    const severityPad = spaces(severityWidth - finding.severity.length);
    const messagePad = spaces(messageWidth - message.length);
    // A rule id ends with a letter or an escape; only an empty or blank one would leave padding for trimEnd to take.
    if (ruleId === '' || TRAILING_SPACE.test(ruleId)) {
      out.line(`  ${s.dim(position)}${positionPad}  ${severity}${severityPad}  ${message}${messagePad}  ${ruleId}`.trimEnd());
      continue;
    }
    out.add('  ');
    out.add(s.dim(position));
    out.add(positionPad);
    out.add('  ');
    out.add(severity);
    out.add(severityPad);
    out.add('  ');
    out.add(message);
    out.add(messagePad);
    out.add('  ');
    out.add(ruleId);
    out.endLine();
  }
}

/** What `trimEnd` takes from a string's end (the same set: white space and line terminators). */
const TRAILING_SPACE = /\s$/;

/** Rows of cells as aligned, indented lines (cells may hold SGR escapes). */
export function alignRows(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const cells of rows) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((cells) => {
    const padded = cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell))));
    return `  ${padded.join('  ')}`.trimEnd();
  });
}

function summary(findings: readonly Finding[], s: Styles): string {
  const { errorCount, warningCount, infoCount } = countSeverities(findings);
  const total = findings.length;
  const parts = [plural(errorCount, 'error'), plural(warningCount, 'warning')];
  if (infoCount > 0) parts.push(plural(infoCount, 'info'));
  const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  const paint = errorCount > 0 ? s.red : warningCount > 0 ? s.yellow : s.cyan;
  return s.bold(paint(line));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

