/**
 * Matching a source's `files` entries (paths or globs relative to the manifest) against the absolute paths
 * the project layer resolved. Pure string work: core does no file I/O.
 */
import { globBase } from '../glob-base';
import { pathGlob } from '../glob-cache';

export const GLOB_CHARS = /[*?[\]{}]/;

function slashes(path: string): string {
  // A regex replace per resolved file (source-missing tests each source's files) for the rare path with a backslash.
  return path.includes('\\') ? path.replace(/\\/g, '/') : path;
}

/** What normalisePath changes: empty, `.` and `..` segments and a trailing slash. */
const NOT_NORMAL = /\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/;

/** Resolves `.` and `..` segments of a slash-separated path. */
export function normalisePath(path: string): string {
  // Resolved paths are nearly always normal already, and source-missing normalises each one per entry.
  if (!NOT_NORMAL.test(path)) return path;
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

export function dirname(path: string): string {
  const p = slashes(path);
  const cut = p.lastIndexOf('/');
  return cut <= 0 ? (p.startsWith('/') ? '/' : '.') : p.slice(0, cut);
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/** The entry as an absolute slash-separated pattern. Backslashes in the entry are kept: they escape glob characters. */
export function absolutePattern(entry: string, manifestFile: string): string {
  if (isAbsolute(entry)) return normalisePath(slashes(entry));
  return normalisePath(`${dirname(manifestFile)}/${entry}`);
}

/**
 * Entries that name no local file: URLs (`hf://`, `s3://`, `https://`) and hub dataset names such as
 * `allenai/tulu-3-sft-mixture` or `teknium/OpenHermes-2.5` (a slash, no glob character, no file extension in the last segment), as
 * training-mixture configs write them.
 */
export function isRemoteEntry(entry: string): boolean {
  if (entry.includes('://') && /^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return true;
  if (!entry.includes('/') || GLOB_CHARS.test(entry) || entry.startsWith('.') || entry.startsWith('/')) return false;
  const last = entry.slice(entry.lastIndexOf('/') + 1);
  // A file extension starts with a letter; hub names carry version numbers (`OpenHermes-2.5`, `v0.1`).
  return !/\.[A-Za-z][A-Za-z0-9]*$/.test(last);
}

/**
 * Whether a remote entry names the remote object `name` (as the analyzer names it: the URL, `s3://bucket/key`,
 * `hf://datasets/owner/name/path`): the entry itself, an object under its part before any glob, or a file of the
 * hub dataset it names by id.
 */
export function remoteEntryNames(entry: string, name: string): boolean {
  if (!isRemoteEntry(entry)) return false;
  const stem = entry.split(GLOB_CHARS)[0] ?? entry;
  return name === entry || name.startsWith(stem) || name.startsWith(`hf://datasets/${entry}/`) || name.startsWith(`hf://datasets/${entry}@`);
}

/** Whether any resolved file is matched by the entry (a glob, or an exact path). */
export function entryMatches(entry: string, manifestFile: string, resolved: readonly string[]): boolean {
  return resolved.some(entryTest(entry, manifestFile));
}

/** Whether a resolved file is matched by the entry: entryMatches for one file, the entry read once for many. */
function entryTest(entry: string, manifestFile: string): (file: string) => boolean {
  const pattern = absolutePattern(entry, manifestFile);
  if (!GLOB_CHARS.test(entry)) {
    const under = `${pattern}/`;
    return (file) => {
      const f = normalisePath(slashes(file));
      return f === pattern || f.startsWith(under);
    };
  }
  // A path matches only if it starts with the pattern's plain folders; the rest of it is matched against the rest of
  // the pattern, the same pattern string the project layer compiled to expand the entry, so it is compiled once.
  const prefix = `${globBase(pattern)}/`;
  const matcher = pathGlob(pattern.slice(prefix.length));
  return (file) => {
    const f = normalisePath(slashes(file));
    return f.startsWith(prefix) && matcher.match(f.slice(prefix.length));
  };
}

/**
 * entryMatches for the entries of one manifest, each distinct entry read once: a large manifest names the same globs
 * from many sources (the bench's 1,000 sources, 443 distinct entries), and in a cold `check --no-data`, whose code is
 * never optimised, reading an entry again for each source was ~1.4% of the run's instructions.
 */
export function entryMatcher(manifestFile: string): (entry: string, resolved: readonly string[]) => boolean {
  const tests = new Map<string, (file: string) => boolean>();
  return (entry, resolved) => {
    let test = tests.get(entry);
    if (test === undefined) tests.set(entry, (test = entryTest(entry, manifestFile)));
    return resolved.some(test);
  };
}
