/**
 * The analyzer's threads run a bundled script: the parent's preloads (tsx under the tests and the bench) are not
 * loaded again in each of them, and a parent option Node refuses in an explicit list still lets the thread start.
 * Inheritance happens inside Node, from the options the process was started with, so each case is a child process.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { withoutPreloads } from '../../../../src/analyzer/worker-script';

const SOURCE = path.resolve(__dirname, '../../../../src/analyzer/worker-script.ts');

describe('worker-script: threads without the parent preloads', () => {
  let dir: string;
  let preload: string;
  let child: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-worker-script-'));
    preload = path.join(dir, 'preload.cjs');
    writeFileSync(preload, 'globalThis.preloaded = true;\n');
    const script = path.join(dir, 'report.cjs');
    writeFileSync(script, "require('node:worker_threads').parentPort.postMessage(globalThis.preloaded === true);\n");
    // Whether a thread saw the preload, started as Node does by default and by startBundledWorker.
    child = path.join(dir, 'child.ts');
    writeFileSync(
      child,
      `import { Worker } from 'node:worker_threads';
import { startBundledWorker } from ${JSON.stringify(SOURCE)};
const seen = (w: Worker): Promise<unknown> => new Promise((resolve) => w.once('message', (m) => { void w.terminate(); resolve(m); }));
(async () => {
  const plain = await seen(new Worker(${JSON.stringify(script)}));
  const bundled = await seen(startBundledWorker(${JSON.stringify(script)}, {}));
  process.stdout.write(JSON.stringify({ plain, bundled }));
})();
`,
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (flags: string[]): { plain: boolean; bundled: boolean } =>
    JSON.parse(execFileSync(process.execPath, [...flags, '--import', 'tsx', child], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' })) as {
      plain: boolean;
      bundled: boolean;
    };

  it('drops --import, --require, -r and --loader with their values, in both spellings, and keeps the rest', () => {
    assert.deepEqual(
      withoutPreloads(['--import', 'tsx', '--cpu-prof', '-r', 'a.js', '--require=b.js', '--loader', 'c.mjs', '--experimental-loader=d.mjs', '--cpu-prof-dir=/tmp/p']),
      ['--cpu-prof', '--cpu-prof-dir=/tmp/p'],
    );
    assert.deepEqual(withoutPreloads([]), []);
  });

  it('starts the thread without the preloads the process was started with (a default thread loads them)', () => {
    assert.deepEqual(run(['--require', preload]), { plain: true, bundled: false });
  });

  it('still starts the thread when the options hold one Node refuses in a list (it then inherits them all)', () => {
    assert.deepEqual(run(['--require', preload, '--max-old-space-size=4096']), { plain: true, bundled: true });
  });
});
