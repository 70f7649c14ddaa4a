/**
 * The pool's tasks (pool.ts): a thread that finishes a task is given the next one before the pool's thread merges the
 * result, the next task having been taken from the planner ahead of need.
 */
import { strict as assert } from 'node:assert';
import { runTasks } from '../../../../src/analyzer/pool';
import type { Task } from '../../../../src/analyzer/task';
import { workerScript } from '../../../../src/analyzer/worker-script';

describe('pool tasks', function () {
  before(function () {
    if (!workerScript()) this.skip();
  });

  it("takes each next task ahead and gives it to the thread before the finished task's result is merged", async () => {
    const events: string[] = [];
    async function* tasks(): AsyncGenerator<Task> {
      for (let i = 0; i < 3; i++) {
        events.push(`planned ${i}`);
        // No chunks: the worker hands back an empty state, which is all the order needs.
        yield { id: 0, chunks: [], plan: { schema: 'text', fields: ['text'] }, textMode: 'line', maxRecordBytes: 1 << 20, accumulator: {} };
      }
    }
    await runTasks(tasks(), { workers: 1 }, (result) => events.push(`merged ${result.id}`));
    assert.deepEqual(events, ['planned 0', 'planned 1', 'merged 0', 'planned 2', 'merged 1', 'merged 2']);
  });
});
