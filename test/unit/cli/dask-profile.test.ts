/**
 * The scale-out path on a real engine: a Dask scheduler and two single-threaded Dask workers, started here on
 * loopback (Debian python3-distributed, installed by scripts/system-packages.mjs), run
 * scripts/dask-profile.py, which schedules one `node dist/cli.js profile --shard i/n` task per shard and merges
 * the parts. The merged profile must be the profile of one `synthlint profile --full` run, and both workers must
 * have taken shards.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureCorpus } from '../../../scripts/bench/corpus';
import { killTree } from '../../../scripts/vscode/process-tree.mjs';
import { ROOT, buildCli, runCli } from './built-cli';

const SCRIPT = path.join(ROOT, 'scripts', 'dask-profile.py');
const SHARDS = 4;
/** Python must not write `__pycache__` into the repository's scripts/ folder when the workers import the script. */
const PYTHON_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };

/** The Python that can import distributed: Debian's (/usr/bin/python3) before whatever `python3` is first on PATH. */
function daskPython(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(candidate, ['-c', 'import distributed'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('no python3 with Dask distributed: run `node scripts/system-packages.mjs` (installs python3-distributed)');
}

async function waitFor(what: string, ready: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('scripts/dask-profile.py on a local Dask scheduler with two workers', function () {
  this.timeout(600_000);
  const started: ChildProcess[] = [];
  let dir = '';

  before(async () => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-dask-'));
    const python = daskPython();
    const schedulerFile = path.join(dir, 'scheduler.json');
    // Their logs go to files in `dir`, for a failure to be read there.
    const start = (args: string[], log: string): void => {
      const logFd = openSync(path.join(dir, `${log}.log`), 'w');
      started.push(spawn(python, args, { cwd: dir, env: PYTHON_ENV, stdio: ['ignore', 'ignore', logFd] }));
      closeSync(logFd); // the child holds its own copy
    };
    start(['-m', 'distributed.cli.dask_scheduler', '--host', '127.0.0.1', '--port', '0', '--no-dashboard', '--scheduler-file', schedulerFile], 'scheduler');
    await waitFor('the scheduler file', () => existsSync(schedulerFile), 60_000);
    for (const name of ['worker-a', 'worker-b']) {
      start(
        ['-m', 'distributed.cli.dask_worker', '--scheduler-file', schedulerFile, '--host', '127.0.0.1', '--nthreads', '1', '--no-nanny', '--no-dashboard', '--name', name, '--local-directory', path.join(dir, name)],
        name,
      );
    }
  });

  // Workers first, while the scheduler can still take their goodbye; each gets a bounded grace, then SIGKILL.
  // Waiting for a plain SIGTERM to end them hung a CI run: a worker whose scheduler had gone kept retrying, and the
  // live child held mocha open until the 90-minute limit.
  after(async () => {
    for (const child of started.reverse()) if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) await killTree(child.pid, 5_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs one task per shard on both workers and merges them into the one-run profile', async () => {
    const corpus = await ensureCorpus({ dataDir: path.resolve(ROOT, '..', 'shared', 'data'), cacheDir: dir, bytes: 2_000_000, log: () => undefined });
    const name = path.basename(corpus);
    const run = spawnSync(
      daskPython(),
      [SCRIPT, name, '--scheduler-file', 'scheduler.json', '--shards', String(SHARDS), '--out', 'parts', '--wait-workers', '2', '--format', 'json', '-o', 'merged.json', '--timeout', '500'],
      { cwd: dir, env: PYTHON_ENV, encoding: 'utf8', timeout: 540_000 },
    );
    assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
    const shards = [...run.stderr.matchAll(/^shard (\d+)\/4 on (worker-[ab]): [\d.]+ s, exit 0$/gm)];
    assert.deepEqual(shards.map((m) => Number(m[1])), [0, 1, 2, 3], run.stderr);
    assert.deepEqual(new Set(shards.map((m) => m[2])), new Set(['worker-a', 'worker-b']), `both workers take shards:\n${run.stderr}`);

    const single = runCli(['profile', name, '--full', '--no-cache', '-f', 'json', '-o', 'single.json'], { cwd: dir });
    assert.equal(single.code, 0, single.stderr);
    const merged: unknown = JSON.parse(readFileSync(path.join(dir, 'merged.json'), 'utf8'));
    assert.deepEqual(merged, JSON.parse(readFileSync(path.join(dir, 'single.json'), 'utf8')));
  });

  it('reports a failing shard with its message and merges nothing', () => {
    const run = spawnSync(daskPython(), [SCRIPT, 'absent.jsonl', '--scheduler-file', 'scheduler.json', '--shards', '2', '--out', 'bad-parts', '-o', 'bad.json'], {
      cwd: dir,
      env: PYTHON_ENV,
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /shard 0\/2 on worker-[ab]: [\d.]+ s, exit 1/);
    assert.match(run.stderr, /cannot read 'absent\.jsonl': no such file/);
    assert.equal(existsSync(path.join(dir, 'bad.json')), false);
  });
});
