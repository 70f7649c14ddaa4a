import { isAbsolute, relative, sep } from 'node:path';

/** A path as a user reads it: relative to `cwd` with `/` separators when it lies inside, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
