/**
 * `synthlint report MANIFEST [-o report.html] [--format html|json] [--no-data]`: the reviewer's report as one
 * self-contained HTML file (inline script and styles, no network; the same renderer as the VS Code webview)
 * or as the JSON view-model.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../../core/paths';
import { configuredMixedWeight } from '../../core/ratios';
import { analyzerFor, lintFile, type AnalyzeFn } from '../../project/index';
import { CACHE_OPTIONS, cacheSettings } from '../cache-options';
import { DATA_LIMIT_OPTIONS, dataLimits, dataRequest } from '../data-limits';
import { renderReportHtml } from '../../report/html';
import { buildReport } from '../../report/model';
import { formatOptionsHelp, parseArgs, type OptionSpecs } from '../args';
import { terminalJson, terminalLine } from '../terminal-text';
import { type CliIO, usageError, writeAll, writeOutputFile } from '../io';

const REPORT_FORMATS = ['html', 'json'] as const;

export const REPORT_OPTIONS: OptionSpecs = {
  format: {
    type: 'string',
    short: 'f',
    choices: REPORT_FORMATS,
    valueName: REPORT_FORMATS.join('|'),
    description: 'html: the self-contained page (default); json: the report model.',
  },
  'output-file': {
    type: 'string',
    short: 'o',
    valueName: 'FILE',
    description: 'Write the report to FILE, creating its folder (default: synthlint-report.html, or stdout for json).',
  },
  json: { type: 'boolean', alias: { of: 'format', value: 'json' }, description: 'Same as --format json.' },
  output: { type: 'string', alias: { of: 'output-file' }, valueName: 'FILE', description: 'Same as --output-file.' },
  data: { type: 'boolean', negatable: true, description: 'Analyse the data files for the diversity figures (default); --no-data reports the manifest only.' },
  ...DATA_LIMIT_OPTIONS,
  ...CACHE_OPTIONS,
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export const REPORT_HELP = `Usage: synthlint report MANIFEST [options]

Writes a report of one dataset manifest: human vs synthetic shares by rows, tokens and mixture weight, the
sources with their generators, generation depths and diversity figures next to the human baseline, the
lineage graph and the findings. The HTML file is self-contained (no network) and opens in any browser.

Options:
${formatOptionsHelp(REPORT_OPTIONS)}

Exit codes: 0 report written (whatever it found), 1 the manifest could not be read or parsed, 2 usage error.
`;

export const DEFAULT_REPORT_FILE = 'synthlint-report.html';

export interface ReportDeps {
  /** Profiles the data; by default the analyzer as the editor and `check` set it up (analyzerFor), tests pass a fake. */
  analyze?: AnalyzeFn;
  /** Folder holding dist/webview.js and media/report.css; found from this module's location by default. */
  assetsRoot?: string;
}

export async function run(args: string[], io: CliIO, deps: ReportDeps = {}): Promise<number> {
  const parsed = parseArgs(args, REPORT_OPTIONS);
  if (!parsed.ok) return usageError(io, 'report', parsed.message);
  const { options, positionals } = parsed;
  if (options.help) {
    await writeAll(io.stdout, REPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) return usageError(io, 'report', positionals.length === 0 ? 'Name one manifest.' : 'Name only one manifest.');
  const flags = dataRequest(options);
  if (!flags.ok) return usageError(io, 'report', flags.message);
  const manifestPath = path.resolve(io.cwd, positionals[0] ?? '');
  if (!existsSync(manifestPath)) return usageError(io, 'report', `No such file: '${positionals[0] ?? ''}'.`);

  const data = options.data !== false;
  const limits = dataLimits(options, io.cwd, flags.request);
  const analyze = deps.analyze ?? analyzerFor({ ...limits, ...cacheSettings(options, io) });
  const linted = await lintFile(manifestPath, { data, readRoots: limits.readRoots, ...(data ? { analyze } : {}) });
  if (!linted.manifest) {
    const lines = linted.findings.map((f) => `  ${terminalLine(displayPath(f.file, io.cwd))}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${terminalLine(f.message)}  ${f.ruleId}\n`);
    await writeAll(io.stderr, `synthlint report: '${terminalLine(positionals[0] ?? '')}' is not a manifest synthlint can read:\n${lines.join('')}`);
    return 1;
  }
  const model = buildReport({ manifest: linted.manifest, findings: linted.findings, profiles: linted.profiles, root: io.cwd, mixedWeight: configuredMixedWeight(linted.rules), rules: linted.rules });

  let output: string;
  const outputFile = options['output-file'];
  if (options.format === 'json') {
    output = `${terminalJson(JSON.stringify(model, null, 2))}\n`;
    if (typeof outputFile !== 'string') {
      await writeAll(io.stdout, output);
      return 0;
    }
  } else {
    const assets = loadAssets(deps.assetsRoot ?? packageRoot(__dirname));
    if (typeof assets === 'string') {
      await writeAll(io.stderr, `synthlint report: ${assets}\n`);
      return 2;
    }
    output = renderReportHtml(model, { mode: 'file', nonce: randomBytes(16).toString('base64'), webviewScript: assets.script, styles: assets.styles });
  }
  const target = path.resolve(io.cwd, typeof outputFile === 'string' ? outputFile : DEFAULT_REPORT_FILE);
  try {
    await writeOutputFile(target, output);
  } catch (error) {
    return usageError(io, 'report', `Cannot write '${target}': ${error instanceof Error ? error.message : String(error)}`);
  }
  await writeAll(io.stdout, `${target}\n`);
  return 0;
}

/**
 * The folder with package.json above `from`: dist/ when bundled (dist/cli.js), src/cli/commands when run from
 * source by tsx. Both reach the same dist/webview.js and media/report.css.
 */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}

function loadAssets(root: string): { script: string; styles: string } | string {
  const script = path.join(root, 'dist', 'webview.js');
  const styles = path.join(root, 'media', 'report.css');
  if (!existsSync(script)) return `The report script ${script} is missing; run 'npm run build' first.`;
  if (!existsSync(styles)) return `The report styles ${styles} are missing from the installation.`;
  return { script: readFileSync(script, 'utf8'), styles: readFileSync(styles, 'utf8') };
}

