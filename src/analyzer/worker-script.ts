import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

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

/** Options that load code into a thread before its script: `--import tsx`, `-r ts-node/register`, a `--loader`. */
const PRELOAD_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** The parent's Node options without its preloads (see startBundledWorker). */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (!PRELOAD_FLAGS.has(arg.split('=', 1)[0] as string)) kept.push(arg);
    else if (!arg.includes('=')) i++;
  }
  return kept;
}

/**
 * A thread running a bundled script, without the parent's preloads. A worker inherits `process.execArgv`, so a
 * preload the parent was started with (tsx in the tests and the bench, a user's `--require`) is loaded again in
 * every thread, before a script that needs none of it: under tsx each analyzer thread spent about a third of a
 * second of CPU loading and compiling the loader before its first record. Node refuses an explicit list that holds
 * a process-wide option (`--max-old-space-size`, `--trace-gc`), which it drops silently when inherited: the thread
 * then inherits the whole list, preloads included.
 */
export function startBundledWorker(script: string, options: Omit<WorkerOptions, 'execArgv'>): Worker {
  if (!process.execArgv.some((arg) => PRELOAD_FLAGS.has(arg.split('=', 1)[0] as string))) return new Worker(script, options);
  try {
    return new Worker(script, { ...options, execArgv: withoutPreloads(process.execArgv) });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return new Worker(script, options);
  }
}
