import type { Finding } from '../../core/finding';
import { escapeHtml } from '../../report/escape';
import { displayPath } from '../../core/paths';
import { countSeverities, type FileResult, type TextFormatter } from './types';

/**
 * JUnit XML as CI test dashboards read it (GitLab, Jenkins, Azure Pipelines): one `<testsuite>` per file, one
 * `<testcase>` per finding, errors and warnings as `<failure>` (as ESLint's junit formatter does), an info as a
 * passing case with its message in `<system-out>`, and a file without findings as one passing case, so the
 * dashboard shows what was checked.
 */
export const formatJunit: TextFormatter = (results, context) => {
  const suites = results.map((r) => suite(r, displayPath(r.file, context.cwd)));
  const failures = results.reduce((n, r) => n + failing(r.findings), 0);
  const tests = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="synthlint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`;
};

function suite(result: FileResult, file: string): string {
  const cases =
    result.findings.length === 0
      ? [`    <testcase name="${xml(file)}" classname="${xml(file)}" time="0"/>\n`]
      : result.findings.map((f) => testcase(f, file));
  const tests = Math.max(1, result.findings.length);
  return `  <testsuite name="${xml(file)}" tests="${tests}" failures="${failing(result.findings)}" errors="0" skipped="0" time="0">\n${cases.join('')}  </testsuite>\n`;
}

function testcase(finding: Finding, file: string): string {
  const { line, character } = finding.range.start;
  const where = `${file}:${line + 1}:${character + 1}`;
  const head = `    <testcase name="${xml(`${finding.ruleId} ${where}`)}" classname="${xml(finding.ruleId)}" file="${xml(file)}" line="${line + 1}" time="0">\n`;
  const detail = xml(`${where} ${finding.severity} ${finding.message} (${finding.ruleId})`);
  const body =
    finding.severity === 'info'
      ? `      <system-out>${detail}</system-out>\n`
      : `      <failure type="${finding.severity}" message="${xml(finding.message)}">${detail}</failure>\n`;
  return `${head}${body}    </testcase>\n`;
}

function failing(findings: readonly Finding[]): number {
  const { errorCount, warningCount } = countSeverities(findings);
  return errorCount + warningCount;
}

/** Characters XML 1.0 does not allow at all, not even as references. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text for XML content and quoted attributes; a forbidden control character becomes a visible `<U+0001>`. */
function xml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`));
}
