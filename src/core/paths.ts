/**
 * Paths as strings, without node:path, so core, the report and the webview bundle share one answer to "is this
 * file inside that folder, and what is it called there". Both separators are accepted (a Windows workspace seen
 * over a remote, a config written on another machine); Windows drive paths (`C:\data`) compare without case, as
 * their file system does, and a path on another drive is never inside. Results use `/`, the form globs and users
 * read.
 */

/** `\` as `/`. */
export function slashes(path: string): string {
  return path.replace(/\\/g, '/');
}

const DRIVE = /^[A-Za-z]:(?:\/|$)/;

/**
 * A path normalizePath would change: a `\`, a doubled `/`, a `.` or `..` segment, a trailing `/` (but `/` itself),
 * the empty path or a bare drive (`C:`). Most paths a run meets are absolute paths a walk or `path.join` built, which
 * it returns as they are: testing for that first spares a split and a join per path (the server's on-type lint of a
 * 1,000-source manifest asks thousands of times, from the read roots' checks of its globs and the report's paths).
 */
const NOT_NORMAL = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|.\/$|^$|^[A-Za-z]:$/;

/** `/`-separated, without `.` segments, `..` resolved against earlier segments, no doubled or trailing `/`. */
export function normalizePath(path: string): string {
  if (!NOT_NORMAL.test(path)) return path;
  const p = slashes(path);
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..' && !DRIVE.test(out[out.length - 1] ?? '')) out.pop();
    else if (segment !== '..' || !absolute) out.push(segment);
  }
  const joined = out.join('/');
  if (absolute) return `/${joined}`;
  return DRIVE.test(joined) && out.length === 1 ? `${joined}/` : joined || '.';
}

function comparable(path: string): string {
  const p = normalizePath(path);
  return DRIVE.test(p) ? p.toLowerCase() : p;
}

/**
 * `path` relative to `dir` with `/` separators (`''` when they are the same), or undefined when `path` is not
 * inside `dir`: outside it, on another drive, or one relative and the other absolute.
 */
export function relativeInside(dir: string, path: string): string | undefined {
  const d = comparable(dir).replace(/\/$/, '');
  const f = comparable(path);
  if (f === d) return '';
  if (d === '.' && !f.startsWith('/') && !DRIVE.test(f) && !f.startsWith('../') && f !== '..') return normalizePath(path);
  if (!f.startsWith(`${d}/`)) return undefined;
  return normalizePath(path).slice(d.length + 1);
}

/** Whether `path` is `dir` or lies under it. */
export function isInside(dir: string, path: string): boolean {
  return relativeInside(dir, path) !== undefined;
}

/** The folder of the roots that holds `path` most closely (the longest), if any. */
export function innermostRoot(roots: readonly string[], path: string): string | undefined {
  return roots.filter((root) => isInside(root, path)).sort((a, b) => normalizePath(b).length - normalizePath(a).length)[0];
}

/** A path as a user reads it: relative to `root` when inside it, else the whole path; always with `/`. */
export function displayPath(file: string, root: string): string {
  const rel = relativeInside(root, file);
  return rel === undefined || rel === '' ? slashes(file) : rel;
}
