import type { DataRequest } from '../core/data-settings';
import type { RemoteRequest } from '../core/remote-request';
import { guardFile, lintLoaded, loadFile, type ConfigCache, type LintedFile } from '../project';
import type { RelatedRoots } from '../project/related-files';
import type { ReportModel } from '../report/types';
import { reportOf, validProfiles, type KeptProfile } from './manifest-state';

/** One lint of one file, as plain data: it runs in the server's thread or, for a big file, in a thread of its own. */
export interface LintJob {
  file: string;
  /** The editor's buffer; absent: read the file from disk. */
  text?: string;
  /** The profiles the server kept from earlier analyses; the data rules run over those still valid. */
  kept: ReadonlyMap<string, KeptProfile>;
  /** Run the data rules even when no kept profile is valid (right after an analysis, which may have found no data). */
  analyzed?: boolean;
  /** Folder the report model shows paths relative to. */
  root?: string;
  /** The workspace folders: related files are read and the `files` globs walk no further (LintFileOptions.readRoots). */
  readRoots: RelatedRoots;
}

export interface LintJobResult {
  result: LintedFile;
  /** How the sources' files resolved (for the analyzer, and ManifestState.noteResolved), when the file is a manifest. */
  resolvedFiles?: Map<string, string[]>;
  report?: ReportModel;
  /** What the manifest's config asks of the analyzer (its `data:`), for the analysis that may follow. */
  data?: DataRequest;
  /** The config's `remote:` (its limits; in the editor it cannot turn remote data on). */
  remote?: RemoteRequest;
}

/**
 * Load → lint (over the kept profiles still valid) → the report model when asked (`report`: in a lint thread, so
 * that the server's thread does not build it either). Never throws for bad input (guardFile).
 */
export async function runLintJob(job: LintJob, options: { configCache?: ConfigCache; report?: boolean } = {}): Promise<LintJobResult> {
  const { configCache } = options;
  let resolvedFiles: Map<string, string[]> | undefined;
  let data: DataRequest | undefined;
  let remote: RemoteRequest | undefined;
  const text = job.text === undefined ? {} : { text: job.text };
  const result = await guardFile(job.file, text, async () => {
    const loadedFile = await loadFile(job.file, { ...text, readRoots: job.readRoots, ...(configCache ? { configCache } : {}) });
    const loaded = loadedFile.done ? undefined : loadedFile.loaded;
    if (!loaded) return lintLoaded(loadedFile);
    resolvedFiles = loaded.resolvedFiles;
    data = loadedFile.done ? undefined : loadedFile.config.config?.data;
    remote = loadedFile.done ? undefined : loadedFile.config.config?.remote;
    return lintLoaded(loadedFile, job.kept.size > 0 || job.analyzed ? validProfiles(job.kept, loaded.manifest, loaded.resolvedFiles) : undefined);
  });
  const report = options.report ? reportOf(result, job.root) : undefined;
  return { result, ...(resolvedFiles ? { resolvedFiles } : {}), ...(report ? { report } : {}), ...(data ? { data } : {}), ...(remote ? { remote } : {}) };
}
