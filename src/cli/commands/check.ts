import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { FindingSet } from '../../core/finding-set';
import { rules } from '../../core/rules/index';
import {
  DEFAULT_MANIFEST_GLOBS,
  discoverManifests,
  expandPattern,
  findConfig,
  findConfigFrom,
  ignoredByConfig,
  isGlob,
  isIgnored,
  isManifestFile,
  lintFile,
  loadConfigFile,
  sortFindings,
  type AnalyzeFn,
  type AnalyzerSettings,
  type ConfigCache,
  type LintedFile,
} from '../../project/index';
import { formatOptionsHelp, parseArgs, type OptionSpecs } from '../args';
import { CACHE_OPTIONS, cacheSettings } from '../cache-options';
import { DATA_LIMIT_OPTIONS, dataLimits, dataRequest } from '../data-limits';
import { applyPlan, planFixes, type FixPlan } from '../fix';
import { unifiedDiff } from '../formatters/diff';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../formatters/index';
import { displayPath, slashes } from '../../core/paths';
import { countSeverities, reportPieces, type FileResult } from '../formatters/types';
import { terminalLine } from '../terminal-text';
import { type CliIO, type TextOutput, usageError, writeAll, writeOutputFile } from '../io';
import { SILENT_PROGRESS, terminalProgress } from '../progress';
import { VERSION } from '../version';

export const CHECK_OPTIONS: OptionSpecs = {
  format: { type: 'string', short: 'f', choices: FORMAT_NAMES, valueName: FORMAT_NAMES.join('|'), description: 'Output format (default: stylish).' },
  'max-warnings': { type: 'number', min: 0, valueName: 'N', description: 'Exit 1 when there are more than N warnings.' },
  config: { type: 'string', short: 'c', valueName: 'FILE', description: 'Use this config file instead of searching for .synthlint.yaml.' },
  quiet: { type: 'boolean', short: 'q', description: 'Report errors only.' },
  data: { type: 'boolean', negatable: true, description: 'Profile the data files for the data rules (default); --no-data runs the manifest rules only.' },
  'output-file': { type: 'string', short: 'o', valueName: 'FILE', description: 'Write the report to FILE instead of stdout, creating its folder.' },
  output: { type: 'string', alias: { of: 'output-file' }, valueName: 'FILE', description: 'Same as --output-file.' },
  fix: { type: 'boolean', description: "Apply the safe quick fixes (those that write a measured figure, e.g. a source's counted rows) to the manifests." },
  'fix-dry-run': { type: 'boolean', description: 'Print the safe fixes as a unified diff instead of the report; write nothing. Exit 1 when there are some.' },
  'skip-non-manifests': {
    type: 'boolean',
    description: 'Skip named files that are not manifests instead of reporting them, and exit 0 when none is left (for pre-commit and lint-staged, which pass every changed file).',
  },
  ...DATA_LIMIT_OPTIONS,
  ...CACHE_OPTIONS,
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export const CHECK_HELP = `Usage: synthlint check [options] [paths|globs...]

Lints dataset manifests for synthetic-data and model-collapse risk. Folders are searched for manifests
(*.dataset.yaml/json, Hugging Face README.md cards, *croissant.json, *mixer*.yaml, axolotl*.yaml,
*.mixture.yaml, or the config's \`manifests\` globs); a glob ('data/**', quoted) keeps the manifests among the
files it matches; '!pattern' excludes; a file named is linted as given. Default: the current folder.
--fix-dry-run exits 1 when there are safe fixes to apply.

Options:
${formatOptionsHelp(CHECK_OPTIONS)}

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage error.
`;

/** How a run that reads data gets its analyzer: project/analyzer-for.ts's analyzerFor in the full CLI. */
export type AnalyzerSetup = (settings: AnalyzerSettings) => AnalyzeFn;

/**
 * Whether `check` with these arguments runs the manifest rules only (`--no-data`), so needs no analyzer: the
 * launcher then runs it from the check bundle (src/cli/manifests-only.ts), which holds none.
 */
export function isManifestsOnly(args: string[]): boolean {
  const parsed = parseArgs(args, CHECK_OPTIONS);
  return parsed.ok && parsed.options.data === false;
}

/**
 * `synthlint check`. `setUpAnalyzer` profiles the data for the data rules; it is set up only for a run that reads
 * data, and a caller without one (the check bundle) runs only what isManifestsOnly accepts.
 */
export async function run(args: string[], io: CliIO, setUpAnalyzer?: AnalyzerSetup): Promise<number> {
  const parsed = parseArgs(args, CHECK_OPTIONS);
  if (!parsed.ok) return usageError(io, 'check', parsed.message);
  const { options } = parsed;
  if (options.help) {
    await writeAll(io.stdout, CHECK_HELP);
    return 0;
  }
  if (options.fix && options['fix-dry-run']) return usageError(io, 'check', "Give '--fix' or '--fix-dry-run', not both.");
  const flags = dataRequest(options);
  if (!flags.ok) return usageError(io, 'check', flags.message);
  const configFile = typeof options.config === 'string' ? resolve(io.cwd, options.config) : undefined;
  if (configFile && !existsSync(configFile)) return usageError(io, 'check', `No such config file: '${options.config}'.`);

  const configCache: ConfigCache = new Map();
  const walkProblems: string[] = [];
  const targets = findTargets(parsed.positionals, io.cwd, configFile, configCache, options['skip-non-manifests'] === true, (m) => walkProblems.push(m));
  for (const problem of new Set(walkProblems)) await writeAll(io.stderr, `synthlint: warning: ${terminalLine(problem)}.\n`);
  if (typeof targets === 'string') return usageError(io, 'check', targets);

  const progress = options.data !== false && io.stderrIsTTY ? terminalProgress(io.stderr, columnsOf(io.stderr)) : SILENT_PROGRESS;
  const limits = dataLimits(options, io.cwd, flags.request);
  // The manifest rules alone need neither the analyzer nor the profile cache.
  const analyze =
    options.data === false || setUpAnalyzer === undefined
      ? undefined
      : setUpAnalyzer({
          ...limits,
          onProgress: (event) => progress.update(event),
          ...cacheSettings(options, io),
        });
  const lintOne = async (file: string): Promise<LintedFile> => {
    progress.start(displayPath(file, io.cwd));
    const result = await lintFile(file, { data: analyze !== undefined, ...(analyze ? { analyze } : {}), configCache, readRoots: limits.readRoots, ...(configFile ? { configFile } : {}) });
    progress.done();
    return result;
  };
  const linted: LintedFile[] = [];
  for (const file of targets) linted.push(await lintOne(file));

  if (options['fix-dry-run']) {
    const plans = linted.flatMap((l) => planFixes(l) ?? []);
    const diff = plans.map((p) => unifiedDiff(displayPath(p.file, io.cwd), p.text, p.edits)).join('');
    if (diff !== '') await writeAll(io.stdout, diff);
    await writeAll(io.stderr, `synthlint: ${fixSummary(plans, 'would fix')}\n`);
    return plans.length > 0 ? 1 : 0;
  }
  if (options.fix) {
    const plans = linted.flatMap((l) => planFixes(l) ?? []);
    const applied: FixPlan[] = [];
    for (const plan of plans) {
      const failure = await applyPlan(plan);
      if (failure !== undefined) await writeAll(io.stderr, `synthlint: did not fix ${displayPath(plan.file, io.cwd)}: ${failure}.\n`);
      else applied.push(plan);
    }
    // Report what is left, as ESLint does: lint the fixed manifests again.
    for (const plan of applied) linted[linted.findIndex((l) => l.file === plan.file)] = await lintOne(plan.file);
    if (plans.length > 0) await writeAll(io.stderr, `synthlint: ${fixSummary(applied, 'fixed')}\n`);
  }

  const results = groupByFile(linted);
  const all = results.flatMap((r) => r.findings);
  const { errorCount, warningCount } = countSeverities(all);
  const shown = options.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const format = (options.format ?? 'stylish') as FormatName;
  // Colour is for a terminal: a report written with -o gets none.
  const toFile = typeof options['output-file'] === 'string';
  const output = FORMATTERS[format](shown, { cwd: io.cwd, color: format === 'stylish' && !toFile && (io.color ?? io.isTTY), version: VERSION, rules });

  const maxWarnings = typeof options['max-warnings'] === 'number' ? options['max-warnings'] : undefined;
  const tooManyWarnings = errorCount === 0 && maxWarnings !== undefined && warningCount > maxWarnings;
  const verdict = errorCount > 0 || tooManyWarnings ? 1 : 0;
  // Decided before the report is written: a reader that stops early (| head) ends the run with it.
  io.decide?.(verdict);

  if (typeof options['output-file'] === 'string') {
    try {
      await writeOutputFile(resolve(io.cwd, options['output-file']), reportPieces(output).join(''));
    } catch (error) {
      return usageError(io, 'check', `Cannot write '${options['output-file']}': ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    for (const piece of reportPieces(output)) if (piece !== '') await writeAll(io.stdout, piece);
  }

  if (tooManyWarnings) await writeAll(io.stderr, `synthlint found too many warnings (maximum: ${maxWarnings}).\n`);
  return verdict;
}

/**
 * The files to lint, or a usage error. A folder is searched for manifests with the globs of the config
 * governing it (the one --config names, or the nearest one at or above it); a glob keeps the files it matches
 * that the same search would find (manifest globs and a recognised dialect, so data files beside the manifests
 * are not linted as manifests); either way a file its own config ignores is left out. A file named on the
 * command line is always linted. A `!pattern` drops what it matches (or what lies under a folder it matches)
 * from the rest. A path that names nothing is an error, as in ESLint.
 */
function findTargets(patterns: readonly string[], cwd: string, configFile: string | undefined, cache: ConfigCache, skipNonManifests: boolean, onProblem: (message: string) => void): string[] | string {
  const explicit = configFile ? loadConfigFile(configFile) : undefined;
  const configOf = (file: string) => explicit ?? findConfig(file, cache);
  const isManifest = (file: string): boolean => {
    const lookup = configOf(file);
    return isManifestFile(file, lookup.config?.manifests ?? DEFAULT_MANIFEST_GLOBS, lookup.file ? dirname(lookup.file) : cwd);
  };
  const exclusions = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const included = patterns.filter((p) => !p.startsWith('!'));
  const excluded = (file: string): boolean =>
    exclusions.some((p) => isIgnored(isAbsolute(p) ? slashes(file) : slashes(relative(cwd, file)), [p]));
  const files = new Set<string>();
  for (const pattern of included.length > 0 ? included : ['.']) {
    const abs = resolve(cwd, pattern);
    let found: string[];
    if (existsSync(abs) && !statSync(abs).isDirectory()) {
      if (!excluded(abs) && (!skipNonManifests || (isManifest(abs) && !ignoredByConfig(abs, configOf(abs))))) files.add(abs);
      continue;
    } else if (existsSync(abs)) {
      const lookup = explicit ?? findConfigFrom(abs, cache);
      const globs = lookup.config?.manifests ?? DEFAULT_MANIFEST_GLOBS;
      const base = { base: lookup.file ? dirname(lookup.file) : abs, onProblem };
      found = discoverManifests([abs], globs, lookup.config?.ignore ?? [], base);
      if (found.length === 0 && discoverManifests([abs], globs, [], base).length > 0) {
        return `No manifests found in '${pattern}' (all are ignored by ${displayPath(lookup.file ?? '', cwd)}).`;
      }
    } else if (isGlob(pattern)) {
      const matched = expandPattern(pattern, cwd, undefined, onProblem);
      if (matched.length === 0) return `No files match the pattern '${pattern}'.`;
      found = matched.filter(isManifest);
      if (found.length === 0) return `None of the ${plural(matched.length, 'file')} matching '${pattern}' is a manifest.`;
    } else {
      return `No such file or folder: '${pattern}'.`;
    }
    const kept = found.filter((file) => !ignoredByConfig(file, configOf(file)));
    if (kept.length === 0) return `No manifests found in '${pattern}'${found.length > 0 ? ' (all are ignored by their config)' : ''}.`;
    for (const file of kept) if (!excluded(file)) files.add(file);
  }
  if (files.size === 0 && !skipNonManifests) return `No manifests left after excluding ${exclusions.map((p) => `'!${p}'`).join(', ')}.`;
  return [...files].sort();
}

function fixSummary(plans: readonly FixPlan[], verb: string): string {
  const fixes = plans.reduce((n, p) => n + p.fixes.length, 0);
  return fixes === 0 ? 'no safe fixes to apply.' : `${verb} ${plural(fixes, 'problem')} in ${plural(plans.length, 'file')}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One result per file that was linted or that a finding points into (a config file, a data file), each
 * finding once: the same broken config is reported by every manifest it governs.
 */
function groupByFile(linted: readonly LintedFile[]): FileResult[] {
  const byFile = new Map<string, FileResult>();
  const seen = new FindingSet();
  const entry = (file: string): FileResult => {
    let result = byFile.get(file);
    if (!result) byFile.set(file, (result = { file, findings: [] }));
    return result;
  };
  for (const l of linted) {
    Object.assign(entry(l.file), { text: l.text, profiles: l.profiles, ...(l.manifest ? { manifest: l.manifest } : {}), ...(l.rules ? { rules: l.rules } : {}) });
    for (const finding of l.findings) if (seen.add(finding)) entry(finding.file).findings.push(finding);
  }
  for (const result of byFile.values()) sortFindings(result.findings);
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}


function columnsOf(stream: TextOutput): number {
  return 'columns' in stream && typeof stream.columns === 'number' ? stream.columns : 80;
}
