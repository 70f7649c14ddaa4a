/**
 * Runs the bundled CLI (dist/cli.js, with its analyzer worker) as a child process, the way CI runs
 * `synthlint`, so the tests cover the bundle and the process's exit code, streams and environment.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
const BUNDLES = [CLI, path.join(ROOT, 'dist', 'cli-main.js'), path.join(ROOT, 'dist', 'cli-check.js'), path.join(ROOT, 'dist', 'yaml.js'), path.join(ROOT, 'dist', 'datasets.json'), path.join(ROOT, 'dist', 'worker.js'), path.join(ROOT, 'dist', 'lint-worker.js')];
const INPUTS = [path.join(ROOT, 'src'), path.join(ROOT, 'package.json'), path.join(ROOT, 'scripts', 'build.mjs')];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...extra };
}

/**
 * Runs `node dist/cli.js ...args` from `cwd` (default: the repository root). Its stdout is a pipe, and the
 * colour variables are cleared so that only `env` (or the pipe) decides colour, whatever the caller's shell has.
 */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  // An exact profile's JSON (every distinct word, every near-duplicate pair) can pass spawnSync's default 1 MB.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: cliEnv(options.env), maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * runCli without blocking the event loop, for tests whose servers run in the test process (loopback HTTP, an S3
 * store): spawnSync would stop them from answering the CLI.
 */
export function runCliAsync(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let built = false;

/** Bundles the current sources unless dist is newer than all of them; at most once per test process. */
export function buildCli(): void {
  if (built) return;
  const bundled = Math.min(...BUNDLES.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  if (newestMtime(INPUTS) > bundled) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = statSync(p);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(p).map((name) => path.join(p, name))));
  }
  return newest;
}
