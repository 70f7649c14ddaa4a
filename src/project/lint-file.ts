import { basename, dirname, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, effectiveRules, parseConfig } from '../core/config';
import type { EffectiveRules } from '../core/config-types';
import type { Finding } from '../core/finding';
import { lint } from '../core/lint';
import type { Manifest } from '../core/manifest';
import { parseManifest } from '../core/parse';
import { quoteData } from '../core/quote';
import { ZERO_RANGE } from '../core/range';
import type { SourceProfile } from '../core/profile';
import { findConfig, loadConfigFile, type ConfigCache, type ConfigLookup } from './config-lookup';
import { readPrevious } from './previous';
import { readTextFile } from '../analyzer/open-file';
import { diskRelatedReader } from './related-files';
import { readFailure } from './read-failure';
import { resolveSourceFiles } from './resolve-files';
import { registryFor } from './team-registry';

/**
 * Profiles a manifest's sources. The project layer takes the analyzer as a function so it does not pull in
 * the worker pool: the CLI passes `analyzeManifest` (with its progress and cache options bound), the
 * language server its own long-lived instance, tests a fake.
 */
export type AnalyzeFn = (
  manifest: Manifest,
  resolvedFiles: ReadonlyMap<string, readonly string[]>,
  options: { signal?: AbortSignal },
) => Promise<Map<string, SourceProfile>>;

export interface LintFileOptions {
  /** The file's text when the caller has it (an editor buffer); otherwise it is read from disk. */
  text?: string;
  /** Run the data rules: profile the sources with `analyze`. */
  data?: boolean;
  analyze?: AnalyzeFn;
  signal?: AbortSignal;
  /** A config file to use instead of searching upward from the manifest (`--config FILE`). */
  configFile?: string;
  /** Shared between the files of one run, so each config file is read once. */
  configCache?: ConfigCache;
}

export interface LintedFile {
  file: string;
  text: string;
  manifest?: Manifest;
  /** Findings in the manifest and in the files it depends on (its config file, its data files), sorted by file then position. */
  findings: Finding[];
  profiles: Map<string, SourceProfile>;
  /** The severity and options of every rule for this manifest, from its config. */
  rules?: EffectiveRules;
  /** Other files the manifest was read with (LLaMA-Factory's dataset_info.json): a change to one changes its findings. */
  related?: string[];
}

/** True for `.synthlint.yaml` and its siblings: they are linted as configs, not as manifests. */
export function isConfigFile(file: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(basename(file));
}

/**
 * Lints one file: reads it, parses the manifest, finds its config, resolves its data files and its previous
 * version, optionally profiles the data, and runs the rules. Never throws for bad input: unreadable files,
 * syntax errors and broken configs come back as findings. Throws only when `signal` aborts (an AbortError).
 */
export async function lintFile(given: string, options: LintFileOptions = {}): Promise<LintedFile> {
  // Globs, the config lookup and `previous` all resolve against the manifest's folder: work on the absolute path.
  const file = resolve(given);
  try {
    return await lintResolved(file, options);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // Only a bug gets here. One file's failure must not end the CLI run or the language server: it becomes a
    // finding on that file, with enough of the error to report it.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const ruleId = isConfigFile(file) ? 'config-invalid' : 'manifest-invalid';
    const message = `synthlint failed on this file (internal error: ${detail}). Please report it.`;
    return { file, text: options.text ?? '', findings: [{ ruleId, severity: 'error', message, file, range: ZERO_RANGE }], profiles: new Map() };
  }
}

async function lintResolved(file: string, options: LintFileOptions): Promise<LintedFile> {
  const profiles = new Map<string, SourceProfile>();
  const read = options.text === undefined ? readTextFile(file, isConfigFile(file) ? 'config file' : 'manifest') : { text: options.text };
  if (read.problem) {
    const ruleId = isConfigFile(file) ? 'config-invalid' : 'manifest-invalid';
    return { file, text: '', findings: [readFailure(file, ruleId, read.problem)], profiles };
  }
  const text = read.text;
  if (isConfigFile(file)) {
    return { file, text, findings: parseConfig(file, text).findings, profiles };
  }

  const config: ConfigLookup = options.configFile
    ? loadConfigFile(options.configFile)
    : findConfig(file, options.configCache);
  const rules = effectiveRules(config.config, file, config.file ? dirname(config.file) : dirname(file));
  const registry = registryFor(config.config);
  const syntheticMachines = config.config?.syntheticMachines;
  const relatedRead = new Set<string>();
  const parse = parseManifest(file, text, {
    readRelated: diskRelatedReader(relatedRead),
    ...(registry ? { registry } : {}),
    ...(syntheticMachines ? { syntheticMachines } : {}),
  });
  const related = relatedRead.size > 0 ? { related: [...relatedRead] } : {};
  const manifest = parse.manifest;
  if (!manifest) {
    return { file, text, findings: sortFindings([...config.findings, ...lint({ file, text, parse, rules })]), profiles, ...related };
  }

  const entryProblems: Finding[] = [];
  const resolvedFiles = resolveSourceFiles(manifest, undefined, ({ source, index, message }) =>
    entryProblems.push({
      ruleId: 'manifest-invalid',
      severity: 'error',
      message: `${quoteData(source.files[index] ?? '')} of source ${quoteData(source.id)}: ${message}.`,
      file,
      range: source.itemRanges.files[index] ?? source.ranges.files ?? source.ranges.id,
      sourceId: source.id,
    }),
  );
  const previous = readPrevious(manifest);
  // Problems loading the previous version and expanding `files` join the parse findings, so inline
  // suppressions and the configured severity of manifest-invalid apply to them like to any other parse problem.
  const withPrevious = { ...parse, findings: [...parse.findings, ...previous.findings, ...entryProblems] };
  if (options.data && options.analyze) {
    options.signal?.throwIfAborted();
    for (const [id, profile] of await options.analyze(manifest, resolvedFiles, { signal: options.signal })) profiles.set(id, profile);
  }
  const findings = lint({
    file,
    text,
    parse: withPrevious,
    rules,
    profiles,
    ...(previous.manifest ? { previous: previous.manifest } : {}),
    resolvedFiles,
    ...(registry ? { registry } : {}),
    data: Boolean(options.data && options.analyze),
  });
  return { file, text, manifest, findings: sortFindings([...config.findings, ...findings]), profiles, rules, ...related };
}

/** By file, then by position: the order every output format lists findings in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
