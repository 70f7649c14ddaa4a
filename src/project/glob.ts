import { dirname, isAbsolute, relative, sep } from 'node:path';
import { globBase, isGlob } from '../core/glob-base';
import { pathGlob } from '../core/glob-cache';
import { globProblem } from '../core/glob-limits';
import { limitHint } from '../core/limits';
import { DiskCache } from './disk-cache';
import { joinPath, resolvePath } from './path-join';
import { walkFiles } from './walk';

export { globBase, isGlob };

/** Forward-slash form of a relative path, the form minimatch patterns are written in. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Files matching `pattern` (a glob or a plain path, relative to `baseDir` or absolute), as sorted absolute
 * paths. A plain path to a folder gives every file under it; a plain path to a file gives that file.
 * Expansions that share a `disk` stat and list each path once between them.
 */
export function expandPattern(pattern: string, baseDir: string, disk = new DiskCache(), onProblem: (message: string) => void = () => undefined): string[] {
  const absPattern = toPosix(isAbsolute(pattern) ? pattern : joinPath(baseDir, pattern));
  if (!isGlob(pattern)) {
    const stats = disk.stat(absPattern);
    if (stats === undefined) return [];
    // A file outside is named, not read: the analyzer refuses to read it and says so.
    if (stats.isDirectory() && disk.roots && !disk.allows(absPattern, disk.roots)) return outside(absPattern, disk.roots, onProblem);
    return stats.isDirectory() ? capMatches(walkFiles(absPattern, undefined, disk, onProblem), disk, onProblem) : [resolvePath(absPattern)];
  }
  const problem = globProblem(pattern, disk.walkBudget.limits);
  if (problem) {
    onProblem(`${problem}; not expanded`);
    return [];
  }
  const base = globBase(absPattern) || '/';
  if (disk.stat(base)?.isDirectory() !== true) return [];
  // From the filesystem root the walk itself refuses, with its own message.
  if (disk.roots && dirname(base) !== base && !disk.allows(base, disk.roots)) return outside(base, disk.roots, onProblem);
  // minimatch() would compile the pattern again for every folder and file of the walk.
  const matcher = pathGlob(absPattern.slice(base === '/' ? 1 : base.length + 1));
  // The walk joins names onto `base`, so a path's part after that prefix is its path relative to `base`, without
  // path.relative resolving both paths for each file of the walk.
  const prefix = joinPath(base, 'x').slice(0, -1);
  const below = (path: string): string => toPosix(path.startsWith(prefix) ? path.slice(prefix.length) : relative(base, path));
  // Prune folders no match can lie under; a partial match answers "could a path below this match?".
  const skip = (dir: string): boolean => !matcher.match(below(dir), true);
  return capMatches(walkFiles(base, skip, disk, onProblem).filter((file) => matcher.match(below(file))), disk, onProblem);
}

/**
 * A folder a pattern would walk lies outside the folders the run may read (`../..`, an absolute path): nothing is
 * listed. Runs without read roots (library callers) only keep their walks from following links out (walk.ts).
 */
function outside(folder: string, roots: readonly string[], onProblem: (message: string) => void): string[] {
  onProblem(`leads to '${folder}', outside the folders synthlint reads (${roots.join(', ')}); not walked (on the command line, --allow-read DIR widens them)`);
  return [];
}

/** The first matches up to the limit: beyond it every later stage (stat, profile, report) would pay per file. */
function capMatches(files: string[], disk: DiskCache, onProblem: (message: string) => void): string[] {
  const { limits } = disk.walkBudget;
  if (files.length <= limits.globMatches) return files;
  onProblem(`matches ${files.length} files; only the first ${limits.globMatches} are used (${limitHint('globMatches', limits)})`);
  return files.slice(0, limits.globMatches);
}
