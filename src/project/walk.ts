import { dirname } from 'node:path';
import { limitHint } from '../core/limits';
import { DiskCache } from './disk-cache';
import { joinPath } from './path-join';

/** Folders never worth walking into: dependencies and VCS internals hold no manifests of the user's own. */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Lists the files under `dir` (absolute paths, sorted for stable output), depth first.
 * `skipDir` sees each folder's absolute path and may prune it. Symlinked folders are followed once:
 * their real path is remembered so a link cycle cannot make the walk loop. A folder link that leads outside the
 * folders the run may read (disk.walkRoots: its read roots, else the folder the walk starts from) is not followed,
 * and one problem says so: a link to `/` or `~` must not turn a walk of the workspace into a walk of the disk.
 * Unreadable folders are
 * passed over (a permission error deep in a tree must not stop linting the rest of it). Walks that share a
 * `disk` read each folder once between them.
 */
export function walkFiles(
  dir: string,
  skipDir: (absDir: string) => boolean = () => false,
  disk = new DiskCache(),
  onProblem: (message: string) => void = () => undefined,
): string[] {
  const out: string[] = [];
  if (dirname(dir) === dir) {
    onProblem(`synthlint does not walk the whole filesystem from '${dir}'; name a folder`);
    return out;
  }
  const seen = new Set<string>();
  const budget = disk.walkBudget;
  const roots = disk.walkRoots(dir);
  const leaving: string[] = [];
  let tooDeep = false;
  const visit = (current: string, depth: number): void => {
    const real = disk.realPath(current);
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    const entries = disk.list(current);
    if (entries === undefined || !budget.spend(entries.length)) return;
    // join(current, name) for each entry: a name holds no separator, so joining it is appending it to the joined
    // folder. One join a folder instead of one a file (path.join normalises the whole path each time).
    const folder = joinPath(current, 'x').slice(0, -1);
    for (const entry of entries) {
      const full = folder + entry.name;
      // A folder link out is not followed. A file link out is listed like a dangling one: whoever reads it checks
      // where it leads (the analyzer refuses data outside its folders, discovery a manifest outside the root).
      if (entry.isSymbolicLink() && disk.stat(full)?.isDirectory() === true && !disk.allows(full, roots)) {
        leaving.push(full);
        continue;
      }
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && disk.stat(full)?.isDirectory() === true);
      if (isDir) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || skipDir(full)) continue;
        if (depth >= budget.limits.walkDepth) tooDeep = true;
        else visit(full, depth + 1);
      } else {
        // Pipes, sockets and devices are listed too: whoever reads them (through open-file) says why it will not,
        // rather than the walk skipping them unseen.
        out.push(full);
      }
    }
  };
  if (disk.allows(dir, roots)) visit(dir, 0);
  else leaving.push(dir);
  if (leaving.length > 0) onProblem(`did not follow ${leaving.length === 1 ? `'${leaving[0]}'` : `${leaving.length} links (first '${leaving[0]}')`}: it leads outside the folders synthlint reads (${roots.join(', ')})`);
  if (budget.stopped) onProblem(`stopped walking '${dir}' ${budget.stopped}; the files found so far are used`);
  if (tooDeep) onProblem(`did not descend below ${budget.limits.walkDepth} folders under '${dir}' (${limitHint('walkDepth', budget.limits)})`);
  return out;
}
