/**
 * A failed or killed install of the real-editor cache must not leave a half-built folder that blocks or confuses
 * the next run (issue #11 found `.vscode-test/…partial-*` left behind): scripts/vscode/env.mjs installs into
 * `<dir>.partial-<pid>`, deletes it when the install fails, and the next run deletes one whose process is gone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
// @ts-expect-error: a plain .mjs script without type declarations
import { removeAbandonedStaging } from '../../../scripts/vscode/env.mjs';

describe('real-editor cache: leftovers of an interrupted install (scripts/vscode/env.mjs)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-cache-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('removes the staging folder of an installer that is gone, and keeps a running one and the cache itself', () => {
    // A pid that certainly belonged to a process that has exited: a child we ran to completion.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const cache = path.join(dir, 'node-24.9.0_code-server-4.139.1');
    for (const d of [cache, `${cache}.partial-${gone}`, `${cache}.partial-${process.pid}`, path.join(dir, 'other.partial-1')]) mkdirSync(d, { recursive: true });
    const lines: string[] = [];
    removeAbandonedStaging(cache, (l: string) => lines.push(l));
    assert.deepEqual(readdirSync(dir).sort(), [path.basename(cache), `${path.basename(cache)}.partial-${process.pid}`, 'other.partial-1'].sort());
    assert.equal(existsSync(`${cache}.partial-${gone}`), false);
    assert.deepEqual(lines, [`removing ${path.basename(cache)}.partial-${gone}, left by an interrupted install`]);
  });
});
