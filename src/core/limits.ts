/**
 * What synthlint refuses to read, and how far: every budget that bounds a stage an adversarial file can feed
 * (file sizes, nesting, decompression, Parquet metadata, globs and folder walks). One table, so the docs
 * (docs/limits.md), the findings and the environment overrides cannot drift apart. Each limit can be raised
 * with the environment variable named beside it; a value that is not a positive number is ignored.
 */
export interface Limits {
  /** Largest manifest (and previous manifest) read, in bytes. */
  manifestBytes: number;
  /**
   * Largest file the language server lints as it is edited, in bytes. Lower than manifestBytes because the result
   * (every source with its positions, and the report model) is handed to the server's thread, which copies it in one
   * piece and answers nothing meanwhile: about 100 ms for 512 KB on an idle machine, 0.8 s for 4 MB.
   */
  editorManifestBytes: number;
  /** Largest config file read, in bytes. */
  configBytes: number;
  /** Most bytes a gzip member may expand to per compressed byte (beyond the first few megabytes). */
  gzipRatio: number;
  /** Largest Parquet footer (the Thrift metadata), in bytes. */
  parquetFooterBytes: number;
  /** Most row groups in one Parquet file. */
  parquetRowGroups: number;
  /** Most columns in one Parquet file's schema. */
  parquetColumns: number;
  /** Longest glob pattern, in characters. */
  globLength: number;
  /** Deepest nesting of `{...}` and `(...)` groups in one glob. */
  globGroupDepth: number;
  /** Most `**` segments in one glob. */
  globStarStars: number;
  /** Most patterns one glob's braces expand to (`{a,b}{c,d}` is 4): compiling costs time per expansion. */
  globExpansions: number;
  /** Most files one `files` entry may match. */
  globMatches: number;
  /** Most folder entries one walk may visit. */
  walkEntries: number;
  /** Deepest folder a walk descends to, below where it starts. */
  walkDepth: number;
  /** Longest a walk may run, in milliseconds (walks are synchronous: this bounds how long the server is busy). */
  walkMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  manifestBytes: 4 * MB,
  editorManifestBytes: MB / 2,
  configBytes: 1 * MB,
  gzipRatio: 200,
  parquetFooterBytes: 16 * MB,
  parquetRowGroups: 10_000,
  parquetColumns: 10_000,
  globLength: 1024,
  globGroupDepth: 8,
  globStarStars: 8,
  globExpansions: 256,
  globMatches: 50_000,
  walkEntries: 200_000,
  walkDepth: 64,
  walkMs: 1_000,
};

/** The environment variable that overrides each limit, and the unit it is given in. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, { name: string; unit: 'MB' | 'count' | 'ms' }>> = {
  manifestBytes: { name: 'SYNTHLINT_MAX_MANIFEST_MB', unit: 'MB' },
  editorManifestBytes: { name: 'SYNTHLINT_MAX_EDITOR_MANIFEST_MB', unit: 'MB' },
  configBytes: { name: 'SYNTHLINT_MAX_CONFIG_MB', unit: 'MB' },
  gzipRatio: { name: 'SYNTHLINT_MAX_GZIP_RATIO', unit: 'count' },
  parquetFooterBytes: { name: 'SYNTHLINT_MAX_PARQUET_FOOTER_MB', unit: 'MB' },
  parquetRowGroups: { name: 'SYNTHLINT_MAX_PARQUET_ROW_GROUPS', unit: 'count' },
  parquetColumns: { name: 'SYNTHLINT_MAX_PARQUET_COLUMNS', unit: 'count' },
  globLength: { name: 'SYNTHLINT_MAX_GLOB_LENGTH', unit: 'count' },
  globGroupDepth: { name: 'SYNTHLINT_MAX_GLOB_GROUP_DEPTH', unit: 'count' },
  globStarStars: { name: 'SYNTHLINT_MAX_GLOB_STARSTARS', unit: 'count' },
  globExpansions: { name: 'SYNTHLINT_MAX_GLOB_EXPANSIONS', unit: 'count' },
  globMatches: { name: 'SYNTHLINT_MAX_GLOB_MATCHES', unit: 'count' },
  walkEntries: { name: 'SYNTHLINT_MAX_WALK_ENTRIES', unit: 'count' },
  walkDepth: { name: 'SYNTHLINT_MAX_WALK_DEPTH', unit: 'count' },
  walkMs: { name: 'SYNTHLINT_MAX_WALK_MS', unit: 'ms' },
};

/** The limits with any overrides from `env` (the process environment, passed in so core stays free of I/O). */
export function limitsFrom(env: Readonly<Record<string, string | undefined>>): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const { name, unit } = LIMIT_ENV[key];
    const raw = env[name];
    const value = raw === undefined ? NaN : Number(raw);
    if (Number.isFinite(value) && value > 0) limits[key] = unit === 'MB' ? Math.round(value * MB) : Math.round(value);
  }
  return limits;
}

/** How to raise a limit, for the end of a finding's message: "(limit 8 MB; raise it with SYNTHLINT_MAX_MANIFEST_MB)". */
export function limitHint(key: keyof Limits, limits: Readonly<Limits>): string {
  const { name, unit } = LIMIT_ENV[key];
  const value = unit === 'MB' ? `${formatMB(limits[key])} MB` : unit === 'ms' ? `${limits[key]} ms` : `${limits[key]}`;
  return `limit ${value}; raise it with the environment variable ${name}`;
}

export function formatMB(bytes: number): string {
  const mb = bytes / MB;
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace(/\.0$/, '');
}
