/**
 * The one way the CLI (`check`, `report`) and the language server set up the data analyzer, so that a file the
 * editor skips is one CI skips too: reads are confined to the same folders, a source is read up to the same
 * size (then sampled), and profiles are cached the same way when a cache folder is given.
 */
import { dirname } from 'node:path';
import type { AnalyzeProgress } from '../analyzer/analyze';
import { resolveDataSettings, type DataRequest } from '../core/data-settings';
import { remoteSettings } from '../analyzer/remote/settings';
import { resolveRemoteRequest, type RemoteRequest } from '../core/remote-request';
import type { AnalyzeFn } from './lint-file';
import { noteUnreadRemoteEntries } from './mixed-remote';

/** Megabytes read per source before sampling: the `synthlint.maxDataMB` setting's and `--max-data-mb`'s default. */
export const DEFAULT_MAX_DATA_MB = 512;

export interface AnalyzerSettings {
  /**
   * Folders data files may be read from, besides the manifest's own folder: the workspace folders in the
   * editor; the working folder and each `--allow-read` folder on the command line. `'anywhere'` lifts the
   * confinement (only on purpose: `--allow-read /`).
   */
  readRoots: readonly string[] | 'anywhere';
  /** Most megabytes read for one source; larger sources are sampled. Default DEFAULT_MAX_DATA_MB. Lifted by a full read. */
  maxDataMB?: number;
  /** Exactness and sampling asked for by the flags or the editor settings; over the manifest's config `data:`. */
  data?: DataRequest;
  /** Folder for cached profiles; none without it. */
  cacheDir?: string;
  onCacheError?: (message: string) => void;
  onProgress?: (progress: AnalyzeProgress) => void;
  /**
   * Remote data asked for by the flags (`--remote`, its limits) or the editor (`synthlint.remoteData`), over the
   * config's `remote:`. When in force, sources whose entries are all remote are sampled over the network.
   */
  remote?: RemoteRequest;
  /** Whether the config's `remote.enabled` may turn remote data on: on the command line, not in the editor. */
  remoteByConfig?: boolean;
}

export function analyzerFor(settings: AnalyzerSettings): AnalyzeFn {
  const { readRoots, maxDataMB = DEFAULT_MAX_DATA_MB, cacheDir, onCacheError, onProgress } = settings;
  return async (manifest, files, { signal, data: configured, remote: configuredRemote }) => {
    const data = resolveDataSettings(configured, settings.data);
    // Loaded on first use (a require inside the function: esbuild wraps the module lazily): the analyzer (worker
    // pool, readers, metrics, Parquet, remote sampling) is most of the code, and a lint without data
    // (`check --no-data`) never needs it.
    const { analyzeManifest } = require('../analyzer/analyze') as typeof import('../analyzer/analyze');
    const profiles = await analyzeManifest(manifest, files, {
      ...data,
      // A full read is asked for on purpose: the per-source limit, a guard against surprise, does not apply.
      ...(Number.isFinite(data.sampleAboveBytes) ? { maxBytes: maxDataMB * 1024 * 1024 } : {}),
      ...(readRoots === 'anywhere' ? {} : { allowedRoots: [...readRoots, dirname(manifest.file)] }),
      ...(cacheDir ? { cacheDir, ...(onCacheError ? { onCacheError } : {}) } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(signal ? { signal } : {}),
    });
    const remote = resolveRemoteRequest(configuredRemote, settings.remote, settings.remoteByConfig ?? false);
    noteUnreadRemoteEntries(manifest, profiles, remote !== undefined);
    if (!remote) return profiles;
    const network = remoteSettings(process.env, remote);
    // resolveSourceFiles leaves out exactly the sources whose entries are all remote.
    for (const source of manifest.sources) {
      const entries = source.files.filter((entry) => entry.trim() !== '');
      if (files.has(source.id) || entries.length === 0) continue;
      signal?.throwIfAborted();
      const remoteSource = { sourceId: source.id, entries, ...(source.text?.length ? { text: source.text } : {}), ...(source.split ? { split: source.split } : {}) };
      const { profileRemoteSource } = require('../analyzer/remote/profile-remote') as typeof import('../analyzer/remote/profile-remote');
      profiles.set(
        source.id,
        await profileRemoteSource(remoteSource, network, {
          ...(cacheDir ? { cacheDir, ...(onCacheError ? { onCacheError } : {}) } : {}),
          ...(signal ? { signal } : {}),
        }),
      );
    }
    return profiles;
  };
}
