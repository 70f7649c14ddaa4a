import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globCache } from '../core/glob-cache';
import { DiskCache } from './disk-cache';
import { walkFiles } from './walk';

/** minimatch options used for every pattern: dot files count (`.cache/x.jsonl` is still data), and `/` separators. */
export const MATCH_OPTIONS = { dot: true } as const;
const compiled = globCache(MATCH_OPTIONS);

/** True when a pattern has glob syntax, i.e. is not a plain path. */
export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]|^!|[@+!]\(/.test(pattern);
}

/** Forward-slash form of a relative path, the form minimatch patterns are written in. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * The leading segments of a glob that contain no glob syntax: the folder a walk must start from.
 * `data/**\/*.jsonl` → `data`; `*.csv` → ``.
 */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isGlob(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/');
}

/**
 * Files matching `pattern` (a glob or a plain path, relative to `baseDir` or absolute), as sorted absolute
 * paths. A plain path to a folder gives every file under it; a plain path to a file gives that file.
 * Expansions that share a `disk` stat and list each path once between them.
 */
export function expandPattern(pattern: string, baseDir: string, disk = new DiskCache()): string[] {
  const absPattern = toPosix(isAbsolute(pattern) ? pattern : join(baseDir, pattern));
  if (!isGlob(pattern)) {
    const stats = disk.stat(absPattern);
    if (stats === undefined) return [];
    return stats.isDirectory() ? walkFiles(absPattern, undefined, disk) : [resolve(absPattern)];
  }
  const base = globBase(absPattern) || '/';
  if (disk.stat(base)?.isDirectory() !== true) return [];
  // minimatch() would compile the pattern again for every folder and file of the walk.
  const matcher = compiled(absPattern.slice(base === '/' ? 1 : base.length + 1));
  // Prune folders no match can lie under; a partial match answers "could a path below this match?".
  const skip = (dir: string): boolean => !matcher.match(toPosix(relative(base, dir)), true);
  return walkFiles(base, skip, disk).filter((file) => matcher.match(toPosix(relative(base, file))));
}
