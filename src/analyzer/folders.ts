// `mkdir -p` for every folder synthlint makes (the code and profile caches, spill files, `-o` reports).
// fs.promises is read when a folder is made, not imported: the launcher and the check bundle load this module, and a cold
// `check --no-data` loads no promise API of node:fs.
import { mkdirSync, promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';

/*
 * Node's `mkdir(folder, { recursive: true })` (20.x, callback, promise and sync alike) retries for ever when making a
 * folder fails with ENOENT although its parent exists, which procfs and sysfs answer: `synthlint check -o
 * /proc/x/report.json` spun at full CPU with no output until killed, as `SYNTHLINT_CACHE_DIR=/sys/x` would at exit.
 * These walk up to the deepest folder that exists, then make each missing one once: an error is final.
 */

/** Makes `folder` and its missing parents; a folder that exists is fine, a file in its place an error. */
export async function makeFolders(folder: string): Promise<void> {
  try {
    if ((await fsp.stat(folder)).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const parent = path.dirname(folder);
  if (parent !== folder) await makeFolders(parent);
  try {
    await fsp.mkdir(folder);
  } catch (error) {
    // Made meanwhile by another process or thread.
    if (!((error as NodeJS.ErrnoException).code === 'EEXIST' && (await fsp.stat(folder)).isDirectory())) throw error;
  }
}

/** makeFolders, synchronously. */
export function makeFoldersSync(folder: string): void {
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return;
  const parent = path.dirname(folder);
  if (parent !== folder) makeFoldersSync(parent);
  try {
    mkdirSync(folder);
  } catch (error) {
    if (!((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory())) throw error;
  }
}
