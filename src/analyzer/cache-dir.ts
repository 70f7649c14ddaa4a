// Where synthlint keeps what it caches (profiles, compiled code). Its own module, free of the cache's other
// imports, because the `synthlint` launcher (src/cli/launcher.ts) needs it before anything else is loaded.
import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * The user's cache folder for synthlint, outside every project: `$XDG_CACHE_HOME/synthlint` (or
 * `~/.cache/synthlint`) on Linux and the BSDs, `~/Library/Caches/synthlint` on macOS, `%LOCALAPPDATA%\synthlint\Cache`
 * on Windows. `SYNTHLINT_CACHE_DIR` overrides all of them.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.SYNTHLINT_CACHE_DIR) return path.resolve(env.SYNTHLINT_CACHE_DIR);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'synthlint', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'synthlint');
  return path.join(env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache'), 'synthlint');
}
