import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/core/finding';
import { rules } from '../../../src/core/rules/index';
import { formatJson, type JsonFileResult } from '../../../src/cli/formatters/json';
import { formatSarif } from '../../../src/cli/formatters/sarif';
import fc from 'fast-check';
import { styles } from '../../../src/cli/formatters/ansi';
import { alignRows, formatStylish } from '../../../src/cli/formatters/stylish';
import { terminalLine } from '../../../src/cli/terminal-text';
import { displayPath } from '../../../src/core/paths';
import { ruleDocsUrl } from '../../../src/core/rules/docs-url';
import type { FileResult, FormatContext } from '../../../src/cli/formatters/types';
import { sarifProblems } from './sarif-shape';

const CWD = '/repo';
const CONTEXT: FormatContext = { cwd: CWD, color: false, version: '9.9.9', rules };
const at = (line: number, character: number, endCharacter = character + 4) => ({
  start: { line, character },
  end: { line, character: endCharacter },
});

const MANIFEST = '/repo/data/mix.dataset.yaml';
const CONFIG = '/repo/.synthlint.yaml';
const findings: Finding[] = [
  { ruleId: 'source-missing', severity: 'error', message: "'x/*.jsonl' matches no file.", file: MANIFEST, range: at(4, 6), sourceId: 'chat' },
  {
    ruleId: 'synthetic-share',
    severity: 'warning',
    message: 'Synthetic share 0.72 by tokens\nexceeds 0.5.',
    file: MANIFEST,
    range: at(11, 2),
    fixes: [{ title: 'Lower the weight', edits: [{ range: at(0, 6, 9), newText: 'new' }] }],
  },
  { ruleId: 'provenance-missing', severity: 'info', message: "Source 'web' has no origin.", file: MANIFEST, range: at(20, 4) },
];
const configFinding: Finding = { ruleId: 'config-invalid', severity: 'error', message: "Unknown rule 'nope'.", file: CONFIG, range: at(2, 2) };
const results: FileResult[] = [
  { file: CONFIG, findings: [configFinding] },
  { file: MANIFEST, findings, text: 'name: old\nsources: []\n' },
  { file: '/repo/clean.dataset.yaml', findings: [] },
];

describe('cli/formatters stylish', () => {
  const out = formatStylish(results, CONTEXT).join('');
  const lines = out.split('\n');

  it('prints a relative file header and ESLint-style rows (line:col, severity, message, rule id)', () => {
    assert.ok(lines.includes('data/mix.dataset.yaml'));
    assert.ok(lines.includes('.synthlint.yaml'));
    assert.ok(lines.includes("  5:7   error    'x/*.jsonl' matches no file.                 source-missing"), out);
    assert.ok(lines.includes('  12:3  warning  Synthetic share 0.72 by tokens exceeds 0.5.  synthetic-share'), out);
    assert.ok(lines.includes("  21:5  info     Source 'web' has no origin.                  provenance-missing"), out);
  });

  it('leaves clean files out and sums up like ESLint', () => {
    assert.ok(!out.includes('clean.dataset.yaml'));
    assert.ok(lines.includes('✖ 4 problems (2 errors, 1 warning, 1 info)'), out);
  });

  it('lists the docs URL of each rule that fired, once', () => {
    const docs = lines.slice(lines.indexOf('Rule docs:') + 1).filter(Boolean);
    assert.equal(docs.length, 4);
    assert.ok(docs.some((l) => /source-missing\s+https:\/\/github\.com\/synthlint\/synthlint\/blob\/main\/docs\/rules\/source-missing\.md$/.test(l)));
    assert.ok(docs.some((l) => /config-invalid\s+https:\/\/\S+configuration\.md#/.test(l)));
  });

  it('colours only when asked, and prints nothing for a clean run', () => {
    assert.ok(!out.includes('\u001b['));
    assert.ok(formatStylish(results, { ...CONTEXT, color: true }).join('').includes('\u001b[31merror\u001b[39m'));
    assert.deepEqual(formatStylish([{ file: MANIFEST, findings: [] }], CONTEXT), []);
  });

  it('lays rows out as alignRows does, trimmed at the end, in pieces of whole lines', () => {
    // The layout as it was before the rows were joined straight into the pieces: every cell through alignRows.
    const reference = (files: readonly FileResult[], color: boolean): string => {
      const s = styles(color);
      const style = { error: s.red, warning: s.yellow, info: s.cyan };
      const shown = files.filter((r) => r.findings.length > 0);
      const out: string[] = [];
      for (const r of shown) {
        out.push('', s.underline(terminalLine(displayPath(r.file, CWD))));
        const rows = r.findings.map((f) => [s.dim(`${f.range.start.line + 1}:${f.range.start.character + 1}`), style[f.severity](f.severity), terminalLine(f.message.replace(/\s*\n\s*/g, ' ')), s.dim(f.ruleId)]);
        out.push(...alignRows(rows));
      }
      if (shown.length === 0) return '';
      const all = shown.flatMap((r) => r.findings);
      const ids = [...new Set(all.map((f) => f.ruleId))].sort();
      // The summary's line is the formatter's own, as before: it ends the text, above the blank line and the docs.
      const lines = formatStylish(files, { ...CONTEXT, color }).join('').split('\n');
      out.push('', lines[lines.length - ids.length - 4] as string, '', s.bold('Rule docs:'));
      const width = Math.max(...ids.map((id) => id.length));
      for (const id of ids) out.push(`  ${id.padEnd(width)}  ${s.dim(ruleDocsUrl(id))}`);
      return `${out.join('\n')}\n`;
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '\t', '\u001b', '[', 'm', '\u202e', '\u00a0', 'é', '✖'), maxLength: 30 });
    const finding = fc.record({
      // Rule ids are ours, one line each; blank ones and trailing spaces show where the line is trimmed.
      ruleId: fc.oneof(fc.constantFrom('source-missing', 'recursive-generation', ''), fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\u00a0', '\u3000'), maxLength: 4 })),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      message: text,
      line: fc.nat(12_000),
      character: fc.nat(300),
    });
    const file = fc.record({ name: fc.constantFrom('a.dataset.yaml', 'sub/b.yaml', '.synthlint.yaml'), findings: fc.array(finding, { maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 4 }), fc.boolean(), (files, color) => {
        const results: FileResult[] = files.map((f) => ({
          file: `${CWD}/${f.name}`,
          findings: f.findings.map((g) => ({ ruleId: g.ruleId, severity: g.severity, message: g.message, file: `${CWD}/${f.name}`, range: at(g.line, g.character) })),
        }));
        const pieces = formatStylish(results, { ...CONTEXT, color });
        assert.equal(pieces.join(''), reference(results, color));
        for (const piece of pieces) assert.ok(piece.endsWith('\n'));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('cli/formatters json', () => {
  const parsed = JSON.parse(formatJson(results, CONTEXT)) as JsonFileResult[];

  it('gives ESLint-shaped results with 1-based positions and counts', () => {
    const mix = parsed.find((r) => r.filePath === MANIFEST);
    assert.ok(mix);
    assert.deepEqual(
      { errorCount: mix.errorCount, warningCount: mix.warningCount, infoCount: mix.infoCount },
      { errorCount: 1, warningCount: 1, infoCount: 1 },
    );
    assert.deepEqual(mix.messages[0], {
      ruleId: 'source-missing',
      severity: 2,
      level: 'error',
      message: "'x/*.jsonl' matches no file.",
      line: 5,
      column: 7,
      endLine: 5,
      endColumn: 11,
      docsUrl: 'https://github.com/synthlint/synthlint/blob/main/docs/rules/source-missing.md',
      sourceId: 'chat',
    });
    assert.equal(mix.messages[2]?.severity, 1);
    assert.equal(mix.messages[2]?.level, 'info');
  });

  it('gives a fix that needs a decision as an ESLint suggestion, not as the `fix` tools apply unattended', () => {
    const mix = parsed.find((r) => r.filePath === MANIFEST);
    assert.equal(mix?.messages[1]?.fix, undefined);
    assert.deepEqual(mix?.messages[1]?.suggestions, [{ desc: 'Lower the weight', fix: { range: [6, 9], text: 'new' } }]);
    assert.equal(mix?.fixableWarningCount, 0);
  });

  it('turns the safe fix (what --fix applies) into the ESLint fix with character offsets', () => {
    const safe = findings.map((f) => (f.fixes ? { ...f, fixes: f.fixes.map((x) => ({ ...x, safe: true })) } : f));
    const out = JSON.parse(formatJson([{ file: MANIFEST, findings: safe, text: 'name: old\nsources: []\n' }], CONTEXT)) as JsonFileResult[];
    assert.deepEqual(out[0]?.messages[1]?.fix, { range: [6, 9], text: 'new' });
    assert.equal(out[0]?.messages[1]?.suggestions, undefined);
    assert.equal(out[0]?.fixableWarningCount, 1);
  });

  it('keeps clean files, as ESLint does', () => {
    assert.equal(parsed.length, 3);
    assert.deepEqual(parsed[2]?.messages, []);
  });
});

describe('cli/formatters sarif', () => {
  const log = JSON.parse(formatSarif(results, CONTEXT)) as {
    runs: { tool: { driver: { rules: { id: string }[]; version: string } }; results: Record<string, unknown>[] }[];
  };
  const run = log.runs[0];

  it('has the SARIF 2.1.0 shape GitHub code scanning requires', () => {
    assert.deepEqual(sarifProblems(log), []);
    assert.equal(run?.tool.driver.version, '9.9.9');
  });

  it('has one result per finding, pointing at its rule, with a repo-relative location', () => {
    assert.equal(run?.results.length, 4);
    const first = run?.results.find((r) => r.ruleId === 'source-missing');
    assert.deepEqual(first?.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'data/mix.dataset.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 5, startColumn: 7, endLine: 5, endColumn: 11 },
        },
      },
    ]);
    assert.equal(first?.level, 'error');
    assert.equal(run?.results.find((r) => r.ruleId === 'provenance-missing')?.level, 'note');
  });

  it('describes every shipped rule and adds ids only findings use', () => {
    const ids = run?.tool.driver.rules.map((r) => r.id) ?? [];
    for (const rule of rules) assert.ok(ids.includes(rule.id), rule.id);
    assert.ok(ids.includes('config-invalid'));
  });

  it('the shape checker catches what GitHub would reject', () => {
    const broken = JSON.parse(formatSarif(results, CONTEXT)) as typeof log;
    const result = broken.runs[0]?.results[0];
    if (result) {
      result.ruleIndex = 99;
      result.locations = [];
    }
    assert.equal(sarifProblems(broken).length, 2);
    assert.match(sarifProblems({ version: '2.0.0', runs: [] })[0] ?? '', /version/);
  });
});
