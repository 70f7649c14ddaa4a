import { join } from 'node:path';
import { DiskCache } from './disk-cache';

/** Folders never worth walking into: dependencies and VCS internals hold no manifests of the user's own. */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Lists the files under `dir` (absolute paths, sorted for stable output), depth first.
 * `skipDir` sees each folder's absolute path and may prune it. Symlinked folders are followed once:
 * their real path is remembered so a link cycle cannot make the walk loop. Unreadable folders are
 * passed over (a permission error deep in a tree must not stop linting the rest of it). Walks that share a
 * `disk` read each folder once between them.
 */
export function walkFiles(dir: string, skipDir: (absDir: string) => boolean = () => false, disk = new DiskCache()): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (current: string): void => {
    const real = disk.realPath(current);
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    const entries = disk.list(current);
    if (entries === undefined) return;
    for (const entry of entries) {
      const full = join(current, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && disk.stat(full)?.isDirectory() === true);
      if (isDir) {
        if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !skipDir(full)) visit(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        out.push(full);
      }
    }
  };
  visit(dir);
  return out;
}

