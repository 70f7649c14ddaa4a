/**
 * Worker-thread entry (bundled to dist/worker.js): runs tasks sent by the pool and posts back the
 * accumulator state, and runs the pool's finish jobs. Progress is batched to one message per PROGRESS_BYTES so messaging stays cheap.
 * Cancellation is the pool terminating this thread, which stops it even inside a long record.
 */
import { parentPort } from 'node:worker_threads';
import { runFinishJob, type FinishJob } from './metrics/finish-jobs';
import { messageOf, runTask, type Task } from './task';

const PROGRESS_BYTES = 4 * 1024 * 1024;

/**
 * Detaches an empty ArrayBuffer before this thread compiles anything. While no buffer of an isolate has ever been
 * detached, V8's optimised code reads typed arrays without checking for it, and depends on that staying true (its
 * "array buffer detaching protector"). This thread detaches buffers at the end of its first task (the state's, moved
 * to the pool by `buffersOf`), and then V8 threw away all ~45 functions it had optimised by then (`--trace-deopt`:
 * "code dependencies"), the whole reading path, and compiled them again. Broken here, the protector costs nothing
 * more: every function is compiled once with the check, as the recompiles were. At 5 MB, every thread of a CLI
 * profile under callgrind: TurboFan 4.62 -> 4.21 G instructions, 16.27 -> 15.66 G in all (docs/benchmarks.md).
 */
function giveUpDetachingProtector(): void {
  const buffer = new ArrayBuffer(0);
  structuredClone(buffer, { transfer: [buffer] });
}
giveUpDetachingProtector();

/**
 * `finish`: a batch of finish jobs, whose threads take them one by one from `next`, the index of the next job (pool.ts);
 * `beside`: a job this thread runs once it finds no job of its batch left (it handles messages in order).
 */
export type WorkerRequest = { type: 'run'; task: Task } | { type: 'finish'; jobs: readonly FinishJob[]; next: Int32Array } | { type: 'beside'; job: FinishJob };
export type WorkerReply =
  | { type: 'progress'; id: number; bytes: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof runTask>> }
  | { type: 'failed'; id: number; message: string }
  | { type: 'finished'; id: number; result: unknown }
  | { type: 'beside-done'; result: unknown }
  | { type: 'job-failed'; id: number; message: string };

/** Every ArrayBuffer under a plain-data value (each once), for a postMessage transfer list. */
function buffersOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  collectBuffers(value, found);
  return [...found];
}

/**
 * buffersOf's walk. The list is made once at the top: made at every value visited, a task's state (~30 K values,
 * most of them strings in label arrays, ~50 buffers) copied the set ~30 K times, 2-23 ms a task at 20 MB. Strings
 * and numbers are not visited.
 */
function collectBuffers(value: unknown, found: Set<ArrayBuffer>): void {
  if (typeof value !== 'object' || value === null) return;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
    return;
  }
  if (Array.isArray(value)) {
    for (const child of value) collectBuffers(child, found);
    return;
  }
  for (const child of Object.values(value)) collectBuffers(child, found);
}

const port = parentPort;

/** Runs a finish job and posts its result (its buffers moved) as `reply` makes it, or its failure; false if it failed. */
function answer(job: FinishJob, id: number, reply: (result: unknown) => WorkerReply): boolean {
  let result: unknown;
  try {
    result = runFinishJob(job);
  } catch (err) {
    port?.postMessage({ type: 'job-failed', id, message: messageOf(err) } satisfies WorkerReply);
    return false;
  }
  port?.postMessage(reply(result), buffersOf(result));
  return true;
}

if (port) {
  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'finish') {
      for (let id = Atomics.add(msg.next, 0, 1); id < msg.jobs.length; id = Atomics.add(msg.next, 0, 1)) {
        if (!answer(msg.jobs[id] as FinishJob, id, (result) => ({ type: 'finished', id, result }))) return;
      }
      return;
    }
    if (msg.type === 'beside') {
      answer(msg.job, -1, (result) => ({ type: 'beside-done', result }));
      return;
    }
    const { task } = msg;
    let pending = 0;
    const onBytes = (bytes: number): void => {
      pending += bytes;
      if (pending >= PROGRESS_BYTES) {
        port.postMessage({ type: 'progress', id: task.id, bytes: pending } satisfies WorkerReply);
        pending = 0;
      }
    };
    runTask(task, undefined, onBytes).then(
      (result) => {
        if (pending) port.postMessage({ type: 'progress', id: task.id, bytes: pending } satisfies WorkerReply);
        // The state's typed arrays are moved, not copied: the accumulator is done with them, and a copy
        // would briefly double the largest thing this thread holds.
        port.postMessage({ type: 'done', result } satisfies WorkerReply, buffersOf(result.state));
      },
      (err: unknown) => port.postMessage({ type: 'failed', id: task.id, message: messageOf(err) } satisfies WorkerReply),
    );
  });
}
