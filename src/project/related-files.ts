import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RelatedReader } from '../core/dialects/context';
import { isInside } from '../core/paths';
import { readTextFile } from '../analyzer/open-file';

/**
 * Where related files may be read from: folders (the workspace folders in the editor; the working folder and
 * `--allow-read` folders on the command line), or anywhere when the user asked for that (`--allow-read /`).
 */
export type RelatedRoots = readonly string[] | 'anywhere';

/**
 * `roots` with the absolute folders a user added on purpose (`--allow-read`, the `synthlint.allowRead` setting);
 * a file-system root among them (`/`, `C:\\`) lifts the confinement.
 */
export function widenRoots(roots: readonly string[], added: readonly string[]): RelatedRoots {
  return added.some((dir) => resolve(dir, '..') === dir) ? 'anywhere' : [...roots, ...added];
}

/**
 * Reads the other files a manifest refers to, from disk (LLaMA-Factory's dataset_info.json, ~20 kB): through the
 * guarded open with a manifest's limits (a regular file, not too large, UTF-8), or nothing. A file outside
 * `roots` is not read: LLaMA-Factory's search for dataset_info.json goes up folder by folder, and must stop
 * at the workspace's edge (its real path counts, so a symlink cannot lead out). Reads are synchronous because
 * parsing is (the files are small and few), and each path is read once per reader. Every file it did read is
 * added to `read`, so the editor can lint the manifest again when one changes.
 */
export function diskRelatedReader(roots: RelatedRoots, read: Set<string> = new Set()): RelatedReader {
  const seen = new Map<string, string | undefined>();
  let realRoots: string[] | undefined;
  const allowed = (file: string): boolean => {
    if (roots === 'anywhere') return true;
    realRoots ??= roots.map(realOrSelf);
    const real = realOrSelf(file);
    return realRoots.some((root) => isInside(root, real));
  };
  return (file) => {
    if (seen.has(file)) return seen.get(file);
    const text = allowed(file) ? readTextFile(file, 'manifest').text : undefined;
    seen.set(file, text);
    if (text !== undefined) read.add(file);
    return text;
  };
}

/** The real path (symlinks resolved), or the path as given when it does not exist (nothing to read there then). */
function realOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}
