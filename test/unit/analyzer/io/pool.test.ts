/**
 * The pool's tasks (pool.ts): a thread that finishes a task is given the next one before the pool's thread merges the
 * result, the next task having been taken from the planner ahead of need; with `here`, the pool's thread reads tasks
 * beside its workers, and every result is still merged in task order; threads started ahead of the tasks
 * (StartedWorkers) are its first threads, and the ones it does not take are ended by whoever started them.
 */
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import type { TransferListItem } from 'node:worker_threads';
import { runTasks, StartedWorkers } from '../../../../src/analyzer/pool';
import type { Chunk } from '../../../../src/analyzer/chunking';
import type { Task } from '../../../../src/analyzer/task';
import { workerScript } from '../../../../src/analyzer/worker-script';
import { threadsStarted } from './helpers';

/** The module object the pool's `new Worker` reads at each call, so a test can see what its threads are sent. */
const threads = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');

/** A task with no chunks: a thread hands back an empty state, which is all the order needs. */
const emptyTask = (): Task => ({ id: 0, chunks: [], plan: { schema: 'text', fields: ['text'] }, textMode: 'line', maxRecordBytes: 1 << 20, accumulator: {} });

/** The ids of the tasks `run` sent to worker threads; the others ran in this one. */
async function sentToWorkers(run: () => Promise<void>): Promise<number[]> {
  const sent: number[] = [];
  const Original = threads.Worker;
  threads.Worker = class extends Original {
    override postMessage(message: unknown, transfer?: readonly TransferListItem[]): void {
      const request = message as { type?: string; task?: Task };
      if (request.type === 'run' && request.task) sent.push(request.task.id);
      super.postMessage(message, transfer);
    }
  };
  try {
    await run();
  } finally {
    threads.Worker = Original;
  }
  return sent;
}

describe('pool tasks', function () {
  before(function () {
    if (!workerScript()) this.skip();
  });

  it("takes each next task ahead and gives it to the thread before the finished task's result is merged", async () => {
    const events: string[] = [];
    async function* tasks(): AsyncGenerator<Task> {
      for (let i = 0; i < 3; i++) {
        events.push(`planned ${i}`);
        yield emptyTask();
      }
    }
    await runTasks(tasks(), { workers: 1 }, (result) => events.push(`merged ${result.id}`));
    assert.deepEqual(events, ['planned 0', 'planned 1', 'merged 0', 'planned 2', 'merged 1', 'merged 2']);
  });

  it("reads tasks in the pool's thread beside its worker with `here`, and merges every result in task order", async () => {
    const merged: number[] = [];
    async function* tasks(): AsyncGenerator<Task> {
      for (let i = 0; i < 12; i++) yield emptyTask();
    }
    const sent = await sentToWorkers(() => runTasks(tasks(), { workers: 1, here: true }, (result) => merged.push(result.id)));
    assert.deepEqual(merged, [...Array(12).keys()]);
    assert.ok(sent.length > 0 && sent.length < 12, `the worker read ${sent.length} of 12 tasks`);
  });

  it("gives a task that fails in the pool's thread a failed result, as a worker's, and reads on", async () => {
    const messages: string[][] = [];
    async function* tasks(): AsyncGenerator<Task> {
      // Task 0 goes to the worker, task 1 to this thread (both are handed out at the start, in that order).
      yield emptyTask();
      // A format no reader knows: the read throws.
      yield { ...emptyTask(), chunks: [{ file: 'data.bin', format: 'no-such-format' as Chunk['format'], bytes: 10, range: { start: 0, end: 10, startLine: 1 } }] };
      yield emptyTask();
    }
    const sent = await sentToWorkers(() => runTasks(tasks(), { workers: 1, here: true }, (result) => messages.push(result.files.flatMap((f) => f.issues.map((i) => i.message)))));
    assert.ok(!sent.includes(1), 'task 1 went to the worker');
    assert.equal(messages.length, 3);
    assert.deepEqual(messages[0], []);
    assert.match(messages[1]?.[0] ?? '', /^analysis failed: TypeError/);
    assert.deepEqual(messages[2], []);
  });
});

describe('threads started ahead of the tasks', function () {
  before(function () {
    if (!workerScript()) this.skip();
  });

  async function* emptyTasks(n: number): AsyncGenerator<Task> {
    for (let i = 0; i < n; i++) yield emptyTask();
  }

  it('are the pool\'s first threads: it starts none while one is left, and `end` ends the ones it left', async () => {
    let started: StartedWorkers | undefined;
    const exits: Promise<unknown>[] = [];
    const ahead = await threadsStarted(
      async () => void (started = new StartedWorkers(2, false)),
      (worker) => exits.push(new Promise((resolve) => worker.once('exit', resolve))),
    );
    assert.equal(ahead, 2);
    const merged: number[] = [];
    const during = await threadsStarted(() => runTasks(emptyTasks(4), { workers: 1, started }, (result) => merged.push(result.id)));
    assert.equal(during, 0, 'the pool started a thread of its own');
    assert.deepEqual(merged, [0, 1, 2, 3]);
    // The pool ended the thread it took; the other is left until `end`.
    started?.end();
    await Promise.all(exits);
  });

  it('are not taken by a pool that gives its threads another heap', async () => {
    const started = new StartedWorkers(1, true);
    try {
      assert.equal(await threadsStarted(() => runTasks(emptyTasks(2), { workers: 1, exact: false, started }, () => undefined)), 1);
      assert.equal(started.take(false), undefined);
    } finally {
      started.end();
    }
  });

  it('drop a thread that fails before a pool takes it, its error heard (not thrown)', async () => {
    const failing: InstanceType<typeof threads.Worker>[] = [];
    let started: StartedWorkers | undefined;
    await threadsStarted(
      async () => void (started = new StartedWorkers(1, false)),
      (worker) => failing.push(worker),
    );
    failing[0]?.emit('error', new Error('the thread failed to start'));
    try {
      assert.equal(started?.take(false), undefined);
      assert.equal(await threadsStarted(() => runTasks(emptyTasks(1), { workers: 1, started }, () => undefined)), 1);
    } finally {
      started?.end();
      await Promise.all(failing.map((w) => w.terminate()));
    }
  });
});
