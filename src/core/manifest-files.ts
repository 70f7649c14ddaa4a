/**
 * Which files are manifest candidates: the one decision the CLI (`synthlint check`) and the editor both ask,
 * so a glob means the same in `.synthlint.yaml`'s `manifests`, the `synthlint.manifests` setting and on the
 * command line. Globs are relative to a folder (the workspace folder, the folder being checked); a glob
 * without a slash matches a file name in any folder below it, as in .gitignore (`*.dataset.yaml` matches
 * `sub/x.dataset.yaml`). The file's content decides the rest (parse.ts `detectDialect`).
 */
import { globMatches } from './config';
import { relativeInside } from './paths';

/** Whether `relativePath` (with `/`, relative to the globs' folder) matches one of the manifest globs. */
export function matchesManifestGlobs(relativePath: string, globs: readonly string[]): boolean {
  return relativePath !== '' && globs.some((glob) => globMatches(relativePath, glob));
}

/** The roots (folders the globs are relative to) under which `file` matches a manifest glob. */
export function manifestRootsOf(file: string, roots: readonly string[], globs: readonly string[]): string[] {
  return roots.filter((root) => {
    const rel = relativeInside(root, file);
    return rel !== undefined && matchesManifestGlobs(rel, globs);
  });
}
