import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ProfileAccumulator } from './metrics/accumulator';
import type { FinishJob, FinishJobRunner } from './metrics/finish-jobs';
import { deleteThreadFiles } from './metrics/spill-runs';
import { messageOf, runTask, type Task, type TaskResult } from './task';
import type { WorkerReply, WorkerRequest } from './worker';
import { startBundledWorker, workerScript } from './worker-script';

/** More analysing threads than this rarely pay: merging states and reading the disk become the limit. */
export const MAX_WORKERS = 8;
/**
 * V8 heap limits of a worker, in MB. With the defaults (a young generation up to 48 MB, an old one sized for
 * the main thread) a worker's heap fills with the reader's short-lived records between collections and stays
 * resident: about 80 MB a thread above what it holds. A 1 MB semi-space (young generation = 3 of them) and
 * a 256 MB old generation, which makes V8 grow the heap in smaller steps, keep each thread near its live
 * data, for more (cheap) scavenges. 256 MB is far above what a worker holds (its accumulator is bounded,
 * docs/metrics.md, and records by maxRecordBytes).
 */
const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 3, maxOldGenerationSizeMb: 256 };
/**
 * For exact figures (no budget): the state grows with the data's distinct content, most of it in typed arrays
 * outside the heap, but labels and maps inside it; the limit then only guards against a runaway.
 */
const EXACT_WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 3, maxOldGenerationSizeMb: 4096 };

/** The threads a pool analyses on. */
export interface PoolLayout {
  /** Worker threads; 0 runs every task in the calling thread (same results, no parallelism). */
  workers: number;
  /**
   * With workers, the calling thread (the pool's) runs tasks too, beside them, between the pacer's pauses
   * (pacer.ts): one analysing thread without an isolate of its own to start, warm up and collect.
   */
  here: boolean;
}

/**
 * One analysing thread per core, the pool's own among them: on 2 cores one worker beside the pool's thread
 * (docs/benchmarks.md, *One isolate fewer*), on 1 core one worker (the pool's thread merges while it reads).
 */
export function defaultLayout(): PoolLayout {
  const cores = Math.min(MAX_WORKERS, availableParallelism());
  return cores > 1 ? { workers: cores - 1, here: true } : { workers: 1, here: false };
}

/** The threads that read a layout's tasks: its workers and, beside them, the pool's own thread if it reads too; 0 in-thread. */
export function readingThreads(layout: PoolLayout): number {
  return layout.workers > 0 ? layout.workers + (layout.here ? 1 : 0) : 0;
}

export interface PoolOptions extends Omit<PoolLayout, 'here'> {
  /** PoolLayout's: default false, the pool's thread only merging. */
  here?: boolean;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
  /** The tasks keep every figure exact: workers get the heap that can take (EXACT_WORKER_HEAP_LIMITS). */
  exact?: boolean;
  /** Threads started for this pool before its tasks were ready: it takes them before it starts any. */
  started?: StartedWorkers;
}

/** A thread for a pool's tasks and jobs: the worker bundle, with the heap `exact` asks for. */
function startPoolWorker(script: string, exact: boolean): Worker {
  return startBundledWorker(script, { resourceLimits: exact ? EXACT_WORKER_HEAP_LIMITS : WORKER_HEAP_LIMITS });
}

/**
 * A pool's worker threads, started before it has a task to give them: a thread's start (an isolate, Node's
 * bootstrap in it, the worker bundle: ~35-40 ms of its own CPU and ~90-130 ms of wall time on the 2-core machine)
 * then runs beside what the calling thread does before the first task (detecting the schema on the first
 * records, setting up the source's accumulator, planning the first chunks), where it used to follow it. The pool
 * (runTasks, `started`) takes them as its first threads; whoever started them ends, with `end`, those it left.
 * Without a worker bundle (tests run from sources before a build) it starts none, and the pool runs as it would.
 */
export class StartedWorkers {
  private readonly waiting: { worker: Worker; gone: () => void }[] = [];

  constructor(
    count: number,
    private readonly exact: boolean,
  ) {
    const script = workerScript();
    if (!script) return;
    for (let i = 0; i < count; i++) {
      const worker = startPoolWorker(script, exact);
      // A thread that fails or exits before a pool takes it is dropped (a pool starts another in its place); until
      // then its error is heard here, so it never goes unhandled.
      const gone = (): void => {
        const at = this.waiting.findIndex((w) => w.worker === worker);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      worker.once('error', gone);
      worker.once('exit', gone);
      this.waiting.push({ worker, gone });
    }
  }

  /** A thread started with the heap a pool of these tasks gives its threads, if one is left. */
  take(exact: boolean): Worker | undefined {
    if (exact !== this.exact) return undefined;
    const next = this.waiting.shift();
    if (!next) return undefined;
    next.worker.off('error', next.gone);
    next.worker.off('exit', next.gone);
    return next.worker;
  }

  /** Ends the threads no pool took. */
  end(): void {
    for (const { worker } of this.waiting.splice(0)) void worker.terminate();
  }
}

/** A job beside a batch of finish jobs (runTasks): each thread's result so far, and whom to tell once every thread answered. */
interface Beside {
  results: Map<Worker, unknown>;
  resolve: (results: unknown[]) => void;
  reject: (err: unknown) => void;
}

/** What an aborted job rejects with: the signal's reason, else the DOM's AbortError. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** A result for a task whose worker died: no records, one issue per file, so the failure is visible. */
function failedResult(task: Task, message: string): TaskResult {
  const files = [...new Set(task.chunks.map((c) => c.file))].map((file) => ({
    file,
    records: 0,
    malformed: 0,
    noText: 0,
    issues: [{ file, message: `analysis failed: ${message.split('\n')[0]}` }],
  }));
  return { id: task.id, state: new ProfileAccumulator().toState(), files };
}

/**
 * Runs tasks (pulled lazily, so the planner can still be scanning) and hands results to `onResult` in
 * task order, which keeps merging deterministic and lets finished states be merged and dropped early. Once every
 * result is handed over, `afterTasks` runs with the pool at its disposal for batches of finish jobs
 * (metrics/finish-jobs.ts; undefined when tasks run in the calling thread), one at a time: the first on the tasks'
 * threads, a later one on fresh threads, each batch ending its threads; the pool ends when `afterTasks` resolves.
 * Every thread of a batch is sent the whole batch and takes its jobs one by one from a counter they share, so a
 * free thread takes the next job without waiting for this thread, which may be busy meanwhile (the end of the
 * units that do not cut their work into jobs). `runJobs.beside` gives the batch's threads one more job, which each
 * runs once it finds none of the batch's left: the near-duplicate join's search shared with the calling thread
 * (metrics/join-split.ts), so the side of the source's end that finishes first takes the other's work.
 * With `here`, this thread takes tasks as a worker does, and its results join the others in task order; a batch of
 * finish jobs gets a fresh thread in its place, but for the first when the caller is busy beside it (accumulator.ts).
 * Cancellation terminates the threads: that stops a worker even in the middle of a record. The promise
 * settles as soon as every thread has been told to stop, as the server's lint thread does, not once they have exited:
 * tearing down a thread and its heap took 60-400 ms on a loaded 2-core machine (the bench's cancellation
 * figure), time in which the threads run no more of the analysis.
 */
export async function runTasks(
  tasks: AsyncIterable<Task>,
  opts: PoolOptions,
  onResult: (r: TaskResult) => void,
  afterTasks?: (runJobs: FinishJobRunner | undefined) => Promise<void>,
): Promise<void> {
  const script = opts.workers > 0 ? workerScript() : undefined;
  if (!script) {
    for await (const task of tasks) {
      opts.signal?.throwIfAborted();
      onResult(await runTask(task, opts.signal, opts.onBytes));
    }
    await afterTasks?.(undefined);
    return;
  }
  const { signal } = opts;
  signal?.throwIfAborted();
  const iterator = tasks[Symbol.asyncIterator]();
  const workers: Worker[] = [];
  const pending = new Map<number, TaskResult>();
  /** Each task under way, by the thread running it ('here': this one). */
  const running = new Map<Worker | 'here', Task>();
  /** The tasks this thread ran. */
  const ranHere = new Set<number>();
  /** Ends the task this thread runs (its reader and pacer hear it) when the pool stops, for whatever reason. */
  const stopHere = new AbortController();
  let nextId = 0;
  let flushId = 0;
  let exhausted = false;
  let settled = false;
  let finishing = false;
  /**
   * The batch of finish jobs under way: its results so far and whom to tell; and the jobs beside it (`beside` below),
   * whose threads are the batch's: they end with the batch once those are done too.
   */
  let jobs: { results: unknown[]; left: number; resolve: (r: unknown[]) => void; reject: (err: unknown) => void; beside: Beside[] } | undefined;

  return new Promise<void>((resolve, reject) => {
    const stop = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stopHere.abort(err ?? new Error('the pool ended'));
      void iterator.return?.();
      // This thread's results not yet handed over (an earlier task was still out) hold runs named by this thread, which
      // outlives the pool: they go once the rejection has been heard (their states restored only to be released).
      const ownLeft = err === undefined ? [] : [...pending.values()].filter((r) => ranHere.has(r.id));
      if (ownLeft.length > 0) setImmediate(() => ownLeft.forEach((r) => ProfileAccumulator.fromState(r.state).release()));
      for (const w of workers) {
        const thread = w.threadId;
        // A thread ended part way (a cancelled or failed analysis) leaves the runs of its task under way, which no
        // result holds: they go once it has exited. What it handed over goes with the accumulator.
        void w.terminate().then(() => (err === undefined ? undefined : deleteThreadFiles(thread)));
      }
      for (const b of jobs?.beside ?? []) b.reject(err ?? new Error('the pool ended before its finish jobs'));
      jobs?.reject(err ?? new Error('the pool ended before its finish jobs'));
      if (err === undefined) resolve();
      else reject(err);
    };

    /** Every task's result is handed over: the finish jobs, if any, then the end. */
    const tasksDone = (): void => {
      if (finishing) return;
      finishing = true;
      if (!afterTasks) stop();
      else afterTasks(runJobs).then(() => stop(), stop);
    };

    const runBatch = (list: readonly FinishJob[], thisThreadFree = false): Promise<unknown[]> =>
      new Promise((resolveJobs, rejectJobs) => {
        if (list.length === 0) {
          resolveJobs([]);
          return;
        }
        if (jobs) {
          rejectJobs(new Error("the pool's workers are running a batch of finish jobs: one batch at a time"));
          return;
        }
        if (settled) {
          rejectJobs(new Error('the pool ended before its finish jobs'));
          return;
        }
        jobs = { results: new Array<unknown>(list.length), left: list.length, resolve: resolveJobs, reject: rejectJobs, beside: [] };
        // The first batch runs on the tasks' threads; a later one on fresh threads (the earlier ones ended), as many as
        // read the tasks. This thread reads none of them: it makes the units' own end beside the first batch (the
        // near-duplicate join below its split), and a fresh thread takes its place in a batch it only waits for (at
        // 64 MB the n-gram tables' partitions, 1.3 s of CPU, before the split join's index). Jobs run in this thread
        // would each be one step of up to ~0.15 s of CPU there, which an abort would wait out.
        const inPlaceOfThis = opts.here === true && (thisThreadFree || workers.length === 0) ? 1 : 0;
        const threads = (workers.length > 0 ? workers.length : opts.workers) + inPlaceOfThis;
        while (workers.length < Math.min(threads, list.length)) spawn();
        // The index of the next job to take (see the function comment); the jobs' arrays are shared or small.
        const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
        for (const w of workers) w.postMessage({ type: 'finish', jobs: list, next } satisfies WorkerRequest);
      });

    /**
     * Posts `job` to each thread of the batch under way, which runs it once it finds none of the batch's jobs left
     * (a worker handles its messages in order); resolves with their results in thread order, or at once with none
     * when no batch is under way.
     */
    const beside = (job: FinishJob): Promise<unknown[]> =>
      new Promise((resolveBeside, rejectBeside) => {
        if (settled) rejectBeside(new Error('the pool ended before its finish jobs'));
        else if (!jobs) resolveBeside([]);
        else {
          jobs.beside.push({ results: new Map(), resolve: resolveBeside, reject: rejectBeside });
          for (const w of workers) w.postMessage({ type: 'beside', job } satisfies WorkerRequest);
        }
      });
    const runJobs: FinishJobRunner = Object.assign(runBatch, { beside });

    /** Ends the batch once its jobs and those beside it are all done (see `jobs`). */
    const endBatch = (): void => {
      if (!jobs || jobs.left > 0 || jobs.beside.some((b) => b.results.size < workers.length)) return;
      const done = jobs;
      jobs = undefined;
      // The batch's threads end with it, and the batch resolves once they are gone: their heaps keep what the
      // tasks and jobs left (V8 collects an idle heap late, if ever), 50 MB and more a thread at 64 MB, which
      // the rest of afterTasks (the near-duplicate join's index, a later batch) would otherwise come on top of.
      void Promise.all(workers.splice(0).map((worker) => worker.terminate())).then(() => done.resolve(done.results));
    };
    const jobDone = (id: number, result: unknown): void => {
      if (!jobs) return;
      jobs.results[id] = result;
      jobs.left--;
      endBatch();
    };
    /** A thread's result of a job beside the batch: the oldest it has not answered (a thread answers them in order). */
    const besideDone = (w: Worker, result: unknown): void => {
      const b = jobs?.beside.find((x) => !x.results.has(w));
      if (!b) return;
      b.results.set(w, result);
      if (b.results.size === workers.length) b.resolve(workers.map((worker) => b.results.get(worker)));
      endBatch();
    };
    const onAbort = (): void => stop(abortError(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });

    const deliver = (result: TaskResult): void => {
      pending.set(result.id, result);
      for (let r = pending.get(flushId); r; r = pending.get(flushId)) {
        pending.delete(flushId);
        flushId++;
        try {
          onResult(r);
        } catch (err) {
          stop(err);
          return;
        }
      }
      if (exhausted && running.size === 0 && flushId === nextId) tasksDone();
    };

    const spawn = (): Worker => {
      const exact = opts.exact === true;
      const w = opts.started?.take(exact) ?? startPoolWorker(script, exact);
      workers.push(w);
      w.on('message', (msg: WorkerReply) => {
        if (settled) return;
        if (msg.type === 'progress') opts.onBytes?.(msg.bytes);
        else if (msg.type === 'finished') jobDone(msg.id, msg.result);
        else if (msg.type === 'beside-done') besideDone(w, msg.result);
        else if (msg.type === 'job-failed') stop(new Error(`finish job failed: ${msg.message}`));
        else {
          const task = running.get(w);
          running.delete(w);
          // The thread's next task first, then this one's merge (see `ahead`).
          feed(w);
          deliver(msg.type === 'done' ? msg.result : failedResult(task as Task, msg.message));
        }
      });
      w.on('error', (err) => {
        const at = workers.indexOf(w);
        // A thread already ended (the tasks' threads end before the jobs) has nothing left to fail.
        if (at < 0) return;
        if (jobs) {
          stop(err);
          return;
        }
        const task = running.get(w);
        running.delete(w);
        workers.splice(at, 1);
        if (settled) return;
        if (task) deliver(failedResult(task, err.message));
        if (!finishing) feed(spawn());
      });
      return w;
    };

    /**
     * The next task, taken from the iterator before a thread asks for it (at most one), so a thread that finishes a
     * task is given the next at once. Taking it then meant planning its chunk (a read of the file) after merging the
     * result that had just come in: at 20 MB (8 tasks, load 10) 4 of the 8 times a thread stood idle 90-370 ms.
     */
    const ahead: Task[] = [];
    let pulling: Promise<void> = Promise.resolve();
    const pullAhead = (): Promise<void> =>
      (pulling = pulling.then(async () => {
        if (settled || exhausted || ahead.length > 0) return;
        let next: IteratorResult<Task>;
        try {
          next = await iterator.next();
        } catch (err) {
          stop(err);
          return;
        }
        if (settled) return;
        if (next.done) {
          exhausted = true;
          if (running.size === 0 && flushId === nextId) tasksDone();
          return;
        }
        ahead.push({ ...next.value, id: nextId++ });
      }));

    /** A task in this thread: paced, so the workers' messages (their next task, the merges) are heard within a slice. */
    const runHere = (task: Task): void => {
      ranHere.add(task.id);
      const done = (result: TaskResult): void => {
        if (settled) return;
        running.delete('here');
        feed('here');
        deliver(result);
      };
      void runTask(task, stopHere.signal, opts.onBytes).then(done, (err: unknown) => done(failedResult(task, messageOf(err))));
    };
    const give = (w: Worker | 'here', task: Task): void => {
      running.set(w, task);
      if (w === 'here') runHere(task);
      else w.postMessage({ type: 'run', task } satisfies WorkerRequest);
    };
    /** Gives `w` the task taken ahead, or the next one once it is taken, and takes the one after ahead. */
    const feed = (w: Worker | 'here'): void => {
      const task = ahead.shift();
      if (task) give(w, task);
      else {
        void pullAhead().then(() => {
          const next = ahead.shift();
          if (next && !settled) give(w, next);
          void pullAhead();
        });
        return;
      }
      void pullAhead();
    };

    for (let i = 0; i < opts.workers; i++) feed(spawn());
    if (opts.here) feed('here');
  });
}
