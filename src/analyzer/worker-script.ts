import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A bundled worker script (the analyzer's `worker.js` unless named): beside this file once bundled (every node
 * bundle lives in dist/), or in dist/ when running from sources (tests under tsx). Without a build, tasks run in
 * the calling thread.
 */
export function workerScript(name = 'worker.js'): string | undefined {
  for (const candidate of [path.join(__dirname, name), path.resolve(__dirname, '../../dist', name)]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
