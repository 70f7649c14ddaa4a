import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/finding';
import type { Manifest } from '../core/manifest';
import { parseManifest } from '../core/parse';
import { quoteData } from '../core/quote';
import { readTextFile } from '../analyzer/open-file';
import { DiskCache } from './disk-cache';
import { diskRelatedReader, type RelatedRoots } from './related-files';

export interface PreviousLoad {
  manifest?: Manifest;
  /** Why the manifest named by `previous` gives no model, positioned on the `previous` field of the current manifest. */
  findings: Finding[];
}

/**
 * Reads and parses the manifest that `manifest.previous` names (relative to the manifest's folder), so
 * `real-data-replaced` can compare the two versions. A missing or unparsable previous version is reported
 * on the `previous` field: without it the replace-vs-accumulate check cannot run, and that must be visible.
 * `readRoots` (with the manifest's own folder) confine the previous manifest and the files it refers to, as the
 * current one's (diskRelatedReader). Absent (library callers): the previous manifest is read wherever it is, the
 * files it refers to from the manifest's own folder.
 */
export function readPrevious(manifest: Manifest, readRoots?: RelatedRoots): PreviousLoad {
  const roots = readRoots ?? [dirname(manifest.file)];
  if (manifest.previous === undefined) return { findings: [] };
  const file = resolve(dirname(manifest.file), manifest.previous);
  const range = manifest.ranges.previous ?? manifest.ranges.self;
  const problem = (message: string): PreviousLoad => ({
    findings: [{ ruleId: 'manifest-invalid', severity: 'error', message, file: manifest.file, range }],
  });
  if (file === manifest.file) return problem('`previous` names this manifest itself.');
  // Read only inside the folders synthlint reads (and the manifest's own), as data and related files are.
  const disk = readRoots === undefined || readRoots === 'anywhere' ? undefined : new DiskCache([...readRoots, dirname(manifest.file)]);
  if (disk?.roots && disk.realPath(file) !== undefined && !disk.allows(file, disk.roots)) {
    return problem(`The previous manifest ${quoteData(manifest.previous)} is outside the folders synthlint reads (${disk.roots.join(', ')}); not read (on the command line, --allow-read DIR widens them).`);
  }
  const read = readTextFile(file, 'previous manifest');
  // The problem is in the other file; the finding sits on `previous`, so its message names that file.
  if (read.problem) return problem(read.problem.message.replace(/the previous manifest/i, (words) => `${words} ${quoteData(manifest.previous ?? '')}`));
  const parsed = parseManifest(file, read.text, undefined, diskRelatedReader(roots));
  if (!parsed.manifest) return problem(`The previous manifest '${manifest.previous}' could not be parsed; check it on its own.`);
  return { manifest: parsed.manifest, findings: [] };
}

/** The previous version of a manifest, when it can be loaded. */
export function loadPrevious(manifest: Manifest, roots?: RelatedRoots): Manifest | undefined {
  return readPrevious(manifest, roots).manifest;
}
