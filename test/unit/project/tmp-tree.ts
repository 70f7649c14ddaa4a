import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway folder holding `files` (relative path → content), for tests of code that walks the disk. */
export function makeTree(files: Record<string, string>): { root: string; path(rel: string): string; remove(): void } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'synthlint-project-')));
  for (const [rel, content] of Object.entries(files)) {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { root, path: (rel) => join(root, rel), remove: () => rmSync(root, { recursive: true, force: true }) };
}
