/**
 * Loaded before every unit test (.mocharc.json): the profile cache goes to a folder of this test process, never
 * the user's cache, and child processes (the built CLI, the language server) inherit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

if (!process.env.SYNTHLINT_CACHE_DIR) {
  const dir = mkdtempSync(path.join(tmpdir(), 'synthlint-test-cache-'));
  process.env.SYNTHLINT_CACHE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
