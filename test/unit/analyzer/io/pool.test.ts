/**
 * The pool's tasks (pool.ts): a thread that finishes a task is given the next one before the pool's thread merges the
 * result, the next task having been taken from the planner ahead of need; its threads read the character tables the
 * pool's thread built (shared-tables.ts) instead of building their own.
 */
import { strict as assert } from 'node:assert';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ProfileAccumulator } from '../../../../src/analyzer/metrics/accumulator';
import { runTasks } from '../../../../src/analyzer/pool';
import { tablesForWorkers } from '../../../../src/analyzer/shared-tables';
import type { Task } from '../../../../src/analyzer/task';
import { workerScript } from '../../../../src/analyzer/worker-script';
import { tempDir } from './helpers';

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

  it("hands its threads the pool's thread's character tables, which they read instead of building their own", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'words.jsonl');
    writeFileSync(file, '{"text": "axb axb"}\n');
    const bytes = statSync(file).size;
    /** The words a thread found in the file (the `words` unit's top words). */
    const topWords = async (): Promise<string[]> => {
      async function* tasks(): AsyncGenerator<Task> {
        yield { id: 0, chunks: [{ file, format: 'jsonl', bytes, range: { start: 0, end: bytes, startLine: 1 } }], plan: { schema: 'text', fields: ['text'] }, textMode: 'line', maxRecordBytes: 1 << 20, accumulator: { metrics: ['words'] } };
      }
      let words: string[] = [];
      await runTasks(tasks(), { workers: 1 }, (result) => {
        words = ProfileAccumulator.fromState(result.state).finish().vocabulary.map((v) => v.word);
      });
      return words;
    };
    // The tokenizer's table as this thread built it: one buffer with the threads', so a change here is seen there.
    const wordChar = new Uint8Array(tablesForWorkers().wordChar as SharedArrayBuffer);
    const x = 'x'.charCodeAt(0);
    try {
      assert.deepEqual(await topWords(), ['axb']);
      wordChar[x] = 0;
      assert.deepEqual((await topWords()).sort(), ['a', 'b']);
    } finally {
      wordChar[x] = 1;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
