import type { Finding, Severity } from '../../core/finding';
import { ruleDocsUrl } from '../../core/rules/docs-url';
import { displayPath } from '../../core/paths';
import type { TextFormatter } from './types';

/**
 * GitHub Actions workflow commands, one line per finding, which the runner turns into annotations on the
 * pull request's changed lines: `::warning file=F,line=L,endLine=L,col=C,endColumn=C,title=T::message`.
 * Escaped as @actions/core escapes them (toolkit packages/core/src/command.ts): `%`, CR and LF in the message,
 * and also `:` and `,` in property values, so no manifest text quoted in a message can end the line and start
 * a command of its own. Paths are relative to the working folder, which in a workflow is the checkout.
 */
export const formatGithub: TextFormatter = (results, context) =>
  results
    .flatMap((r) => r.findings)
    .map((f) => annotation(f, displayPath(f.file, context.cwd)))
    .join('');

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function annotation(finding: Finding, file: string): string {
  const { start, end } = finding.range;
  const properties: (readonly [string, string | number])[] = [
    ['file', file],
    ['line', start.line + 1],
    ['endLine', Math.max(end.line, start.line) + 1],
    // GitHub takes columns only on one-line annotations.
    ...(end.line === start.line ? ([['col', start.character + 1], ['endColumn', Math.max(end.character, start.character) + 1]] as const) : []),
    ['title', `synthlint ${finding.ruleId}`],
  ];
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.severity]} ${props}::${escapeData(`${finding.message} (${ruleDocsUrl(finding.ruleId)})`)}\n`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
