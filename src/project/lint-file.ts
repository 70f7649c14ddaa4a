import { basename, dirname, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, effectiveRules, parseConfig } from '../core/config';
import type { EffectiveRules } from '../core/config-types';
import type { Finding } from '../core/finding';
import { lint } from '../core/lint';
import type { DataRequest } from '../core/data-settings';
import type { RemoteRequest } from '../core/remote-request';
import type { Manifest, ParseResult } from '../core/manifest';
import { parseManifest } from '../core/parse';
import { quoteData } from '../core/quote';
import { ZERO_RANGE } from '../core/range';
import type { SourceProfile } from '../core/profile';
import { findConfig, loadConfigFile, type ConfigCache, type ConfigLookup } from './config-lookup';
import { readPrevious, type PreviousLoad } from './previous';
import { limitText, readTextFile } from '../analyzer/open-file';
import { DiskCache } from './disk-cache';
import { diskRelatedReader, type RelatedRoots } from './related-files';
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
  /** `data`: what the manifest's config file asks for (`data:` in .synthlint.yaml), under the caller's own settings. */
  options: { signal?: AbortSignal; data?: DataRequest; remote?: RemoteRequest },
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
  /**
   * Where the files a manifest refers to may be read from, and its `files` globs may walk (besides the manifest's
   * own folder): the workspace folders, or the CLI's working folder and `--allow-read` folders, as the analyzer
   * reads data. When absent, related files are read from the manifest's own folder only and globs are not confined.
   */
  readRoots?: RelatedRoots;
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
 * A file read and parsed, with its config, rules, resolved data files and previous version: everything lint
 * needs but the profiles. `done` holds the whole result when there is nothing to analyze (the file could not be
 * read, or it is a config file).
 */
export type LoadedFile =
  | { done: LintedFile }
  | {
      done?: undefined;
      file: string;
      text: string;
      config: ConfigLookup;
      rules: EffectiveRules;
      parse: ParseResult;
      /** Files read besides the manifest to understand it (LintedFile.related). */
      related?: string[];
      /** The provenance registry the config extends the built-in one with, if any. */
      registry?: ReturnType<typeof registryFor>;
      /** Present when the text parsed into a manifest; then its data files and previous version are resolved too. */
      loaded?: { manifest: Manifest; resolvedFiles: Map<string, string[]>; previous: PreviousLoad; entryProblems: Finding[] };
    };

/**
 * Lints one file: load (read, parse, config, resolve) → analyze (profile the data, when asked) → lint. Never
 * throws for bad input: unreadable files, syntax errors and broken configs come back as findings. Throws only
 * when `signal` aborts (an AbortError).
 */
export async function lintFile(given: string, options: LintFileOptions = {}): Promise<LintedFile> {
  return guardFile(resolve(given), options, async () => {
    const loadedFile = await loadFile(given, options);
    const loaded = loadedFile.done ? undefined : loadedFile.loaded;
    if (!loaded || !options.data || !options.analyze) return lintLoaded(loadedFile);
    options.signal?.throwIfAborted();
    const { data, remote } = loadedFile.done ? {} : (loadedFile.config.config ?? {});
    return lintLoaded(loadedFile, await options.analyze(loaded.manifest, loaded.resolvedFiles, { signal: options.signal, ...(data ? { data } : {}), ...(remote ? { remote } : {}) }));
  });
}

/**
 * Runs `steps` for `file`. Only a bug makes them throw; one file's failure must not end the CLI run or the
 * language server, so it becomes a finding on that file, with enough of the error to report it. An abort is
 * passed on.
 */
export async function guardFile(file: string, options: Pick<LintFileOptions, 'text' | 'signal'>, steps: () => Promise<LintedFile>): Promise<LintedFile> {
  try {
    return await steps();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const ruleId = isConfigFile(file) ? 'config-invalid' : 'manifest-invalid';
    const message = `synthlint failed on this file (internal error: ${detail}). Please report it.`;
    return { file, text: options.text ?? '', findings: [{ ruleId, severity: 'error', message, file, range: ZERO_RANGE }], profiles: new Map() };
  }
}

/** Step 1 of lintFile: reads and parses the file, finds its config and resolves what the manifest names. No data is read. */
export async function loadFile(given: string, options: Pick<LintFileOptions, 'text' | 'configFile' | 'configCache' | 'readRoots'> = {}): Promise<LoadedFile> {
  // Globs, the config lookup and `previous` all resolve against the manifest's folder: work on the absolute path.
  const file = resolve(given);
  const kind = isConfigFile(file) ? 'config file' : 'manifest';
  const read = options.text === undefined ? readTextFile(file, kind) : limitText(options.text, kind);
  if (read.problem) {
    const ruleId = isConfigFile(file) ? 'config-invalid' : 'manifest-invalid';
    return { done: { file, text: '', findings: [readFailure(file, ruleId, read.problem)], profiles: new Map() } };
  }
  const text = read.text;
  if (isConfigFile(file)) {
    return { done: { file, text, findings: parseConfig(file, text).findings, profiles: new Map() } };
  }

  const config: ConfigLookup = options.configFile ? loadConfigFile(options.configFile) : findConfig(file, options.configCache);
  const rules = effectiveRules(config.config, file, config.file ? dirname(config.file) : dirname(file));
  const registry = registryFor(config.config);
  const syntheticMachines = config.config?.syntheticMachines;
  const relatedRead = new Set<string>();
  const roots = options.readRoots ?? [dirname(file)];
  const parse = parseManifest(file, text, {
    readRelated: diskRelatedReader(roots, relatedRead),
    ...(registry ? { registry } : {}),
    ...(syntheticMachines ? { syntheticMachines } : {}),
  });
  const related = relatedRead.size > 0 ? { related: [...relatedRead] } : {};
  const base = { file, text, config, rules, parse, ...(registry ? { registry } : {}), ...related };
  const manifest = parse.manifest;
  if (!manifest) return base;

  const entryProblems: Finding[] = [];
  const { readRoots } = options;
  const disk = new DiskCache(readRoots === undefined || readRoots === 'anywhere' ? undefined : [...readRoots, dirname(file)]);
  const resolvedFiles = resolveSourceFiles(manifest, disk, ({ source, index, message }) =>
    entryProblems.push({
      ruleId: 'manifest-invalid',
      severity: 'error',
      message: `${quoteData(source.files[index] ?? '')} of source ${quoteData(source.id)}: ${message}.`,
      file,
      range: source.itemRanges.files[index] ?? source.ranges.files ?? source.ranges.id,
      sourceId: source.id,
    }),
  );
  return { ...base, loaded: { manifest, resolvedFiles, previous: readPrevious(manifest, options.readRoots), entryProblems } };
}

/**
 * Step 3 of lintFile: runs the rules on a loaded file. `profiles` are the data's profiles (step 2: the
 * analyzer, or the server's kept results); without them the data rules do not run.
 */
export function lintLoaded(loadedFile: LoadedFile, profiles?: ReadonlyMap<string, SourceProfile>): LintedFile {
  if (loadedFile.done) return loadedFile.done;
  const { file, text, config, rules, parse, loaded, registry, related } = loadedFile;
  const kept = new Map(profiles ?? []);
  if (!loaded) {
    return { file, text, findings: sortFindings([...config.findings, ...lint({ file, text, parse, rules })]), profiles: kept, rules, ...(related ? { related } : {}) };
  }
  const { manifest, resolvedFiles, previous, entryProblems } = loaded;
  // Problems loading the previous version and expanding `files` join the parse findings, so inline
  // suppressions and the configured severity of manifest-invalid apply to them like to any other parse problem.
  const withPrevious = { ...parse, findings: [...parse.findings, ...previous.findings, ...entryProblems] };
  const findings = lint({
    file,
    text,
    parse: withPrevious,
    rules,
    profiles: kept,
    ...(previous.manifest ? { previous: previous.manifest } : {}),
    resolvedFiles,
    ...(registry ? { registry } : {}),
    data: profiles !== undefined,
  });
  return { file, text, manifest, findings: sortFindings([...config.findings, ...findings]), profiles: kept, rules, ...(related ? { related } : {}) };
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
