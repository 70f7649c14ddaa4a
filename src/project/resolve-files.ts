import { dirname } from 'node:path';
import type { Manifest, Source } from '../core/manifest';
import { isRemoteEntry } from '../core/rules/file-patterns';
import { DiskCache } from './disk-cache';
import { expandPattern } from './glob';
import { joinPath } from './path-join';

/**
 * A files entry that names no local file: a URL, or a hub dataset name (`org/name`, as training mixtures
 * write them) — unless something by that path exists beside the manifest, in which case the local file wins.
 */
export function isRemote(entry: string, manifestDir: string, disk = new DiskCache()): boolean {
  return isRemoteEntry(entry) && disk.stat(joinPath(manifestDir, entry)) === undefined;
}

/** A files entry that was refused or cut short (too complex a glob, too many matches, a walk over budget). */
export interface EntryProblem {
  source: Source;
  /** Index of the entry in `source.files`. */
  index: number;
  message: string;
}

/**
 * The files each source's `files` entries match on disk, by source id, as sorted absolute paths without
 * repeats. Entries are globs or paths relative to the manifest's folder (`**` included); a folder stands for
 * every file under it. A source whose entries are all remote is left out of the map: there is nothing local
 * to resolve or to analyse. One run reads each folder and expands each distinct entry once, however many
 * sources share them.
 */
export function resolveSourceFiles(manifest: Manifest, disk = new DiskCache(), onProblem: (problem: EntryProblem) => void = () => undefined): Map<string, string[]> {
  const dir = dirname(manifest.file);
  // Each distinct entry is read once, remote or not included: the bench's 1,000 sources write 1,127 entries, 204
  // of them distinct, and each test of an entry (a path join and a stat lookup) costs its instructions again in a
  // cold `check --no-data`, whose code is never optimised.
  const local = new Map<string, readonly string[] | undefined>();
  /** The files a local entry matches; undefined for a blank or remote entry. Problems go to the first source to ask. */
  const filesOf = (entry: string, source: Source, index: number): readonly string[] | undefined => {
    if (local.has(entry)) return local.get(entry);
    const files = entry.trim() === '' || isRemote(entry, dir, disk) ? undefined : expandPattern(entry, dir, disk, (message) => onProblem({ source, index, message }));
    local.set(entry, files);
    return files;
  };
  const resolved = new Map<string, string[]>();
  for (const source of manifest.sources) {
    // Duplicate ids are a manifest-invalid finding; their files are pooled so source-missing stays truthful.
    const earlier = resolved.get(source.id);
    const lists: (readonly string[])[] = earlier === undefined ? [] : [earlier];
    let anyLocal = false;
    for (let index = 0; index < source.files.length; index++) {
      const matched = filesOf(source.files[index] as string, source, index);
      if (matched === undefined) continue;
      anyLocal = true;
      lists.push(matched);
    }
    if (!anyLocal && source.files.length > 0) continue;
    resolved.set(source.id, sortedUnion(lists));
  }
  return resolved;
}

/**
 * The strings of `lists` sorted, without repeats: `[...new Set(lists.flat())].sort()`. An entry's matches are
 * mostly in order already (a folder's files come sorted by name), and then they are merged as they are: in a cold
 * `check --no-data`, whose code is never optimised, the set and the sort were ~1 MB of the run's 15 MB of garbage
 * on the bench's 1,000 sources. A walk's order is not always sorted (`a/b/c` comes before `a/b.txt`): such lists
 * go through the set and the sort.
 */
function sortedUnion(lists: readonly (readonly string[])[]): string[] {
  if (!lists.every(ascending)) return [...new Set(lists.flat())].sort();
  let union: string[] = lists.length === 0 ? [] : (lists[0] as readonly string[]).slice();
  for (let i = 1; i < lists.length; i++) union = mergeAscending(union, lists[i] as readonly string[]);
  return union;
}

/** Whether each string is greater than the one before it (so sorted as `sort()` sorts, and no string twice). */
function ascending(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (!((list[i - 1] as string) < (list[i] as string))) return false;
  return true;
}

/** Two ascending lists (see `ascending`) as one, a string in both taken once. */
function mergeAscending(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x < y) {
      out.push(x);
      i++;
    } else if (y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as string);
  while (j < b.length) out.push(b[j++] as string);
  return out;
}
