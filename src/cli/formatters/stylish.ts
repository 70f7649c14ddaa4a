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
  const out: string[] = [];
  for (const result of withFindings) {
    out.push('', s.underline(terminalLine(displayPath(result.file, context.cwd))));
    out.push(...alignRows(result.findings.map((f) => row(f, s))));
  }
  const all = withFindings.flatMap((r) => r.findings);
  out.push('', summary(all, s), '', s.bold('Rule docs:'));
  const ids = [...new Set(all.map((f) => f.ruleId))].sort();
  const idWidth = Math.max(...ids.map((id) => id.length));
  for (const id of ids) out.push(`  ${id.padEnd(idWidth)}  ${s.dim(ruleDocsUrl(id))}`);
  return pieces(out);
}

/** `lines`, each ended by a newline, joined into pieces of about PIECE_CHARS characters. */
function pieces(lines: readonly string[]): string[] {
  const result: string[] = [];
  let from = 0;
  let chars = 0;
  for (let i = 0; i < lines.length; i++) {
    chars += (lines[i] as string).length + 1;
    if (chars < PIECE_CHARS && i < lines.length - 1) continue;
    // The piece's last newline comes from the join too: appending it would leave a string to flatten in the write.
    result.push(lines.slice(from, i + 1).concat('').join('\n'));
    from = i + 1;
    chars = 0;
  }
  return result;
}

const SEVERITY_STYLE: Record<Severity, keyof Styles> = { error: 'red', warning: 'yellow', info: 'cyan' };

function row(finding: Finding, s: Styles): string[] {
  const { line, character } = finding.range.start;
  return [
    s.dim(`${line + 1}:${character + 1}`),
    s[SEVERITY_STYLE[finding.severity]](finding.severity),
    terminalLine(finding.message.replace(/\s*\n\s*/g, ' ')),
    s.dim(finding.ruleId),
  ];
}

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

