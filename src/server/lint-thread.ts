import { Worker, type ResourceLimits } from 'node:worker_threads';
import { abortError } from '../analyzer/pool';
import type { LintJob, LintJobResult } from './lint-job';
import { unpackResult, type WireResult } from './lint-wire';

/** What the lint thread posts back for each job: its answer, or why it has none. */
export type LintReply = { type: 'done'; value: WireResult } | { type: 'failed'; message: string };

/**
 * A warm thread lets go of its heap after this long without a lint: typing pauses are shorter, and a manifest
 * left open should not hold the thread's memory (tens of MB after a big file) for the rest of the session.
 */
export const LINT_THREAD_IDLE_MS = 60_000;

/**
 * The server's lint thread for big files, kept warm from one edit to the next. Why: a thread started per lint
 * loaded and compiled the bundle, read the provenance registry and ran every lint in V8's interpreter, on each
 * keystroke; on the bench's 1,000-source manifest that took 3.4× the CPU of the same job in a warm thread
 * (docs/benchmarks.md). One job at a time runs in the warm thread; a job that comes while it is busy (another
 * file, an analysis's lint) gets a thread of its own, as every job did before. Aborting a job terminates the
 * thread that runs it, which stops even a synchronous parse; the next job starts a new one.
 */
export class LintThread {
  private worker: Worker | undefined;
  private busy = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private started = 0;

  constructor(
    private readonly script: string,
    private readonly resourceLimits: ResourceLimits,
    private readonly idleMs = LINT_THREAD_IDLE_MS,
  ) {}

  /** Threads started for the warm one so far: a new one only after an abort, a failure or an idle spell. */
  get threadsStarted(): number {
    return this.started;
  }

  /**
   * Lints `job` in the warm thread (a thread of its own when that one is busy). Rejects with the abort reason, or
   * with an Error saying why the thread gave no answer (it threw, ran out of memory, or exited).
   */
  run(job: LintJob, signal: AbortSignal): Promise<LintJobResult> {
    signal.throwIfAborted();
    // A spare that lets its thread go as soon as it has answered.
    if (this.busy) return new LintThread(this.script, this.resourceLimits, 0).run(job, signal);
    this.busy = true;
    clearTimeout(this.idleTimer);
    const worker = this.warm();
    return new Promise<LintJobResult>((resolve, reject) => {
      const settle = (act: () => void, keep: boolean): void => {
        signal.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        this.busy = false;
        if (!keep) this.stop(worker);
        else this.idleTimer = setTimeout(() => this.stop(worker), this.idleMs).unref();
        act();
      };
      const onMessage = (reply: LintReply): void => settle(() => (reply.type === 'done' ? resolve(unpackResult(reply.value)) : reject(new Error(reply.message))), true);
      const onError = (error: Error): void => settle(() => reject(error), false);
      const onExit = (code: number): void => settle(() => reject(new Error(`the lint thread exited (code ${code}) without an answer`)), false);
      const onAbort = (): void => settle(() => reject(abortError(signal)), false);
      signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage).once('error', onError).once('exit', onExit);
      worker.postMessage(job);
    });
  }

  private warm(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: this.resourceLimits });
    // An idle thread must not keep the server's process alive, nor be handed a job once it has failed or exited
    // (a job's own listeners report the failure to whoever waits for it).
    worker.unref();
    const forget = (): void => {
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', forget).once('exit', forget);
    this.started++;
    this.worker = worker;
    return worker;
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    void worker.terminate();
  }
}
