import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { globMatches } from '../core/config';
import { matchesManifestGlobs } from '../core/manifest-files';
import { relativeInside } from '../core/paths';
import { detectDialect } from '../core/parse';
import type { ConfigLookup } from './config-lookup';
import { readTextFile } from '../analyzer/open-file';
import { DiskCache } from './disk-cache';
import { walkFiles } from './walk';

/**
 * Where manifests usually live. Most are candidates only: a README.md counts when it is a Hugging Face dataset
 * card, and a YAML file of any name when its content is a training config a dialect recognises (training
 * configs are called `config_full.yaml`, `lora.yml`, `mpt-125m.yaml`...: their names say nothing).
 */
export const DEFAULT_MANIFEST_GLOBS: readonly string[] = ['**/*.dataset.{yaml,yml,json}', '**/README.md', '**/*.{yaml,yml}', '**/dataset_info.json', '**/*croissant.json', '**/metadata.json'];


export interface DiscoverOptions {
  /** Folder the `globs` and `ignore` patterns are relative to (a config file's folder); default: each root. */
  base?: string;
  /** Told when a walk is refused or cut short (the filesystem root, a tree over the walk budget). */
  onProblem?: (message: string) => void;
}

/**
 * Manifests under `roots`, as sorted absolute paths without repeats. A root that is a file is taken as
 * it is (the user named it); a folder is walked, skipping node_modules/.git and anything `ignore` matches,
 * keeping files that match `globs` and whose content a dialect recognises.
 */
export function discoverManifests(
  roots: readonly string[],
  globs: readonly string[] = DEFAULT_MANIFEST_GLOBS,
  ignore: readonly string[] = [],
  options: DiscoverOptions = {},
): string[] {
  const found = new Set<string>();
  for (const root of roots.map((r) => resolve(r))) {
    let isDir: boolean;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      continue;
    }
    if (!isDir) {
      found.add(root);
      continue;
    }
    const base = options.base ?? root;
    // A config elsewhere (`check data/ -c ci/strict.yaml`) cannot anchor globs to files outside its folder:
    // those match relative to the folder being checked, as they would with no config.
    const rel = (abs: string): string => relativeInside(base, abs) ?? relativeInside(root, abs) ?? abs;
    const ignored = (abs: string): boolean => isIgnored(rel(abs), ignore);
    const disk = new DiskCache();
    for (const file of walkFiles(root, ignored, disk, options.onProblem)) {
      if (ignored(file) || !matchesManifestGlobs(rel(file), globs)) continue;
      // A link to a file outside the folder searched is not read (walk.ts lists it; its reader decides).
      if (disk.realPath(file) !== undefined && !disk.allows(file, disk.walkRoots(root))) {
        options.onProblem?.(`did not read '${file}': it leads outside the folders synthlint reads (${disk.walkRoots(root).join(', ')})`);
        continue;
      }
      if (looksLikeManifest(file)) found.add(file);
    }
  }
  return [...found].sort();
}

/**
 * A path is ignored when a pattern matches it or one of its folders (`build` and `build/**` both ignore
 * `build/a.dataset.yaml`), and a pattern without a slash matches a name in any folder, as in .gitignore and as
 * config overrides match.
 */
export function isIgnored(relPath: string, ignore: readonly string[]): boolean {
  const segments = relPath.split('/');
  const paths = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  return ignore.some((pattern) => {
    const glob = pattern.replace(/\/+$/, '');
    return paths.some((path) => globMatches(path, glob));
  });
}

/**
 * Whether a file a command-line glob matched is a manifest, by the test folder discovery applies: its path
 * (relative to `base`, the governing config's folder) matches the manifest `globs` and a dialect recognises its
 * content. So `check 'examples/**'` lints the manifests under examples/, not every data file beside them.
 */
export function isManifestFile(file: string, globs: readonly string[], base: string): boolean {
  // Outside the config's folder (or the working folder when there is none) the globs match from the file's name.
  const rel = relativeInside(base, file);
  return matchesManifestGlobs(rel === undefined || rel === '' ? basename(file) : rel, globs) && looksLikeManifest(file);
}

/**
 * A candidate whose name says it is a manifest (`*.dataset.yaml`) is kept even when it cannot be read (a pipe,
 * too large, not UTF-8), so that linting it reports why instead of skipping it unseen. Other candidates (a
 * README.md, `*mixer*.yaml`) count only when their text is recognised; they are read through the same guard,
 * so a pipe cannot block the walk, and one larger than a manifest can be is not a manifest.
 */
function looksLikeManifest(file: string): boolean {
  if (detectDialect(file, '') !== undefined) return true;
  const read = readTextFile(file, 'manifest');
  return read.text !== undefined && detectDialect(file, read.text) !== undefined;
}

/**
 * Whether the config that governs `file` ignores it (its `ignore` globs are relative to the config's folder).
 * Discovery from a folder above a nested config cannot see that config's ignores while walking; checking each
 * found file against its own config keeps `synthlint check .` and `synthlint check sub/` in agreement.
 */
export function ignoredByConfig(file: string, lookup: ConfigLookup): boolean {
  const ignore = lookup.config?.ignore;
  if (!lookup.file || !ignore || ignore.length === 0) return false;
  const rel = relativeInside(dirname(lookup.file), file);
  return rel !== undefined && isIgnored(rel, ignore);
}
