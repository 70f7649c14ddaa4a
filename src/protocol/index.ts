/**
 * synthlint's custom LSP messages, shared by the server and its clients (the VS Code extension, tests).
 * Plain names and payload types only: this file imports nothing, so the client bundle stays small and
 * never pulls the server's code in.
 */

/** What the status bar shows for one manifest. */
export interface ManifestStatus {
  uri: string;
  /**
   * The synthetic share every view leads with (core/ratios.ts headlineShare, the report's `syntheticShare`):
   * `value` 0–1 and `basis` when measured; `short` for the status bar, `text` for its tooltip; `why` and `reason`
   * when there is no figure although the sources have weights or sizes (fractions of datasets of unknown size,
   * weights of kinds that do not add up, or no counted source whose origin is known).
   */
  syntheticShare?: {
    text: string;
    short: string;
    value?: number;
    basis?: 'rows' | 'tokens' | 'weight';
    why?: string;
    reason?: 'sizes-unknown' | 'kinds-mixed' | 'origins-unknown';
  };
  errors: number;
  warnings: number;
  analyzing: boolean;
  /** In Restricted Mode, where the analyzer never runs: why there are no figures, in the hover's words. */
  restricted?: string;
}

export interface UriParams {
  uri: string;
}

/** `synthlint/report` params → a ReportModel (src/report/model.ts), or null when the uri is not a linted manifest. */
export const ReportRequest = 'synthlint/report';
/** `synthlint/status` params → ManifestStatus, or null when the uri is not a manifest. */
export const StatusRequest = 'synthlint/status';
/** Server → client notification whenever a manifest's status changes; payload ManifestStatus. */
export const DidChangeStatusNotification = 'synthlint/didChangeStatus';
/** Server → client notification when a uri stops being a manifest (closed, deleted, no longer matched). */
export const DidRemoveStatusNotification = 'synthlint/didRemoveStatus';
/** Deletes the analyzer's profile cache; → `{ removed: number }` (cached profiles deleted). */
export const ClearCacheRequest = 'synthlint/clearCache';
/** Runs the data analysis now for one manifest (`{ uri }`) or every known manifest (`{}`); resolves when done. */
export const AnalyzeRequest = 'synthlint/analyze';
/** Resolves once no lint or analysis is pending or running: for tests and automation. */
export const IdleRequest = 'synthlint/idle';

export interface AnalyzeParams {
  uri?: string;
}

/** Settings under `synthlint.*`; the server reads them through `workspace/configuration` or initializationOptions. */
export interface Settings {
  enable: boolean;
  manifests: string[];
  run: 'onType' | 'onSave';
  analyzeData: 'auto' | 'onSave' | 'manual';
  maxDataMB: number;
  /** Every data figure exact (`--exact`); false leaves it to the config file. */
  exact: boolean;
  /** Read every record (`--full`); false leaves it to the config file. */
  full: boolean;
  /** Sample sources above this size (`64MB`, `--sample-above`); '' leaves it to the config file. */
  sampleAbove: string;
  /** Profile remote sources (hf://, hub ids, https://, s3://) by byte-range sampling; the server honours it only when trusted. */
  remoteData: boolean;
  /** Absolute folders outside the workspace that may be read (`--allow-read`); a file-system root reads anywhere. */
  allowRead: string[];
}

/** What the client passes at start-up. Every field is optional so plain LSP clients (Neovim) need none. */
export interface InitializationOptions {
  /** False in an untrusted workspace: manifest rules only, no data is read. */
  trusted?: boolean;
  /** Where the analyzer caches profiles; default the user cache folder the CLI shares (src/analyzer/cache-dir.ts userCacheDir). */
  cacheDir?: string;
  settings?: Partial<Settings>;
}
