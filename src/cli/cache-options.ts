/**
 * The profile cache on the command line: `profile`, `check` and `report` share it (src/analyzer/cache.ts) in the
 * user's cache folder unless `--cache-dir` names another or `--no-cache` turns it off.
 */
import { resolve } from 'node:path';
import { userCacheDir } from '../analyzer/cache-dir';
import type { OptionSpecs, OptionValues } from './args';
import { writeAll, type CliIO } from './io';

export const CACHE_OPTIONS: OptionSpecs = {
  cache: {
    type: 'boolean',
    negatable: true,
    description: 'Reuse data profiles of unchanged files from the profile cache and store new ones (default); --no-cache profiles afresh and stores nothing.',
  },
  'cache-dir': { type: 'string', valueName: 'DIR', description: 'Keep the profile cache in DIR (default: the user cache folder, see `synthlint cache info`).' },
};

/** The cache folder the flags choose, with a warning printer for a folder that cannot be written; {} with --no-cache. */
export function cacheSettings(options: OptionValues, io: CliIO): { cacheDir?: string; onCacheError?: (message: string) => void } {
  if (options.cache === false) return {};
  const cacheDir = typeof options['cache-dir'] === 'string' ? resolve(io.cwd, options['cache-dir']) : userCacheDir();
  return { cacheDir, onCacheError: (message) => void writeAll(io.stderr, `synthlint: warning: ${message}\n`) };
}
