import { join, resolve, sep } from 'node:path';

/**
 * `path.join` and `path.resolve` for the paths a run builds over and over (a manifest's folder and a `files` entry, a
 * walked folder and a name), without normalising a path that is normal already. Node's normalisation looks at each
 * character in JavaScript, which a cold `check --no-data` (never optimised) pays in full: on the bench's 1,000-source
 * manifest ~2.5% of its CPU profile. On POSIX an absolute folder joined to a non-empty rest with no `.` or `..`
 * segment and no doubled `/` is the two with a `/` between, as path.join gives it; anything else (and every path on
 * Windows, where both separators count) goes to node:path.
 */
const NOT_NORMAL = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/** `path.join(dir, rest)`. */
export function joinPath(dir: string, rest: string): string {
  if (sep === '/' && dir.startsWith('/') && rest !== '') {
    const joined = `${dir}/${rest}`;
    if (!NOT_NORMAL.test(joined)) return joined;
  }
  return join(dir, rest);
}

/** `path.resolve(path)`: an absolute path that is normal and has no trailing `/` is itself. */
export function resolvePath(path: string): string {
  if (sep === '/' && path.startsWith('/') && !path.endsWith('/') && !NOT_NORMAL.test(path)) return path;
  return resolve(path);
}
