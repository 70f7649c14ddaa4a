/**
 * The pool's finish jobs (metrics/finish-jobs.ts): after the tasks, the workers run the units' jobs and hand back
 * their results in job order, the same as this thread computes them, once; a failing job fails the pool.
 */
import { strict as assert } from 'node:assert';
import { ExactCounts, summarizePartitions } from '../../../../src/analyzer/metrics/exact-counts';
import type { FinishJob } from '../../../../src/analyzer/metrics/finish-jobs';
import { mulberry32 } from '../../../../src/analyzer/metrics/hashing';
import { NearDuplicates } from '../../../../src/analyzer/metrics/minhash';
import { Pacer } from '../../../../src/analyzer/metrics/pacer';
import { ProvenanceSample, provenanceUnit } from '../../../../src/analyzer/provenance/unit';
import { RecordView } from '../../../../src/analyzer/metrics/record';
import { runTasks } from '../../../../src/analyzer/pool';
import type { Task } from '../../../../src/analyzer/task';
import { workerScript } from '../../../../src/analyzer/worker-script';
import { corpus } from '../../metrics/helpers';
import { threadsStarted } from './helpers';

async function* noTasks(): AsyncGenerator<Task> {
  // The jobs alone: the pool starts its workers, finds no task and goes on to afterTasks.
}

/**
 * The exact near-duplicate join fed random records with repeats, and copies of the long ones with their first word
 * changed (Jaccard ~0.9); `splitJoinFrom` as MinHashOptions has it.
 */
function nearDuplicatesFed(splitJoinFrom?: number): NearDuplicates {
  const base = corpus(5, 2500);
  const texts = [...base, ...base.filter((t) => t.split(' ').length >= 30).map((t) => t.replace(/^\S+/, 'zebra'))];
  const near = new NearDuplicates({ memoryDocs: 0, threshold: 0.72, exactBudget: 1 << 20, exact: true, ...(splitJoinFrom === undefined ? {} : { splitJoinFrom }) });
  const view = new RecordView();
  texts.forEach((text, i) => {
    view.reset(text, { file: 'data.jsonl', line: i + 1 });
    near.add(view);
  });
  return near;
}

describe('pool finish jobs', function () {
  before(function () {
    if (!workerScript()) this.skip();
  });

  it('runs the jobs in the workers and returns their results in job order, as this thread computes them', async () => {
    const random = mulberry32(7);
    const table = new ExactCounts(500);
    for (let i = 0; i < 20_000; i++) table.add(Math.floor(random() * 2 ** 53) - (i % 3 === 0 ? 0 : Math.floor(random() * 8)));
    const jobs: FinishJob[] = table.finishJobs(5).map((job) => ({ unit: 'words', job }));
    assert.equal(jobs.length, 5);
    let results: unknown[] = [];
    await runTasks(noTasks(), { workers: 2 }, () => undefined, async (runJobs) => {
      assert.ok(runJobs, 'the workers are offered for jobs');
      results = await runJobs(jobs);
    });
    assert.deepEqual(results, jobs.map((j) => summarizePartitions(j.job as Parameters<typeof summarizePartitions>[0])));
    table.release();
  });

  it("runs the near-duplicate join's search in the workers, over the shared sets, to the one-thread join's figures", async () => {
    const split = nearDuplicatesFed(0);
    const jobs: FinishJob[] = (await split.finishJobs(8)).map((job) => ({ unit: 'nearDuplicates', job }));
    assert.ok(jobs.length > 2, `${jobs.length} jobs`);
    await runTasks(noTasks(), { workers: 2 }, () => undefined, async (runJobs) => {
      assert.ok(runJobs);
      split.adopt((await runJobs(jobs)) as Parameters<NearDuplicates['adopt']>[0]);
    });
    const whole = nearDuplicatesFed().finish();
    assert.ok(whole.nearDuplicateRate.value > whole.exactDuplicateRate.value, JSON.stringify(whole.nearDuplicateRate));
    assert.deepEqual(split.finish(), whole);
  });

  it("makes the provenance unit's figures in a worker, as this thread makes them, and takes them once", async () => {
    const texts = corpus(9, 3000);
    const sampled = (): ProvenanceSample => {
      const sample = new ProvenanceSample();
      const view = new RecordView();
      texts.forEach((text, i) => {
        view.reset(text, { file: 'data.jsonl', line: i + 1 });
        sample.add(view);
      });
      return sample;
    };
    const sample = sampled();
    const jobs: FinishJob[] = ((await provenanceUnit.finishJobs?.(sample, 8, new Pacer())) ?? []).map((job) => ({ unit: 'provenance', job }));
    assert.equal(jobs.length, 1);
    await runTasks(noTasks(), { workers: 1 }, () => undefined, async (runJobs) => {
      assert.ok(runJobs);
      provenanceUnit.adoptFinishJobs?.(sample, await runJobs(jobs));
    });
    const here = provenanceUnit.finish(sampled(), texts.length, undefined);
    assert.ok(here.profile?.provenance && here.profile.provenance.sampled > 0);
    assert.deepEqual(provenanceUnit.finish(sample, texts.length, undefined), here);
    // Taken once: the figures are made again (the caller may have changed those it was given), the same.
    assert.deepEqual(provenanceUnit.finish(sample, texts.length, undefined), here);
  });

  it("gives a later batch a fresh thread in place of the pool's thread when that thread read tasks (`here`)", async () => {
    const table = new ExactCounts(10);
    for (let i = 0; i < 100; i++) table.add(i * 2 ** 40);
    const jobs: FinishJob[] = table.finishJobs(4).map((job) => ({ unit: 'words', job }));
    /** The threads started before each batch ended: the tasks' worker, then the fresh ones. */
    const started: number[] = [];
    let count = 0;
    await threadsStarted(
      () =>
        runTasks(noTasks(), { workers: 1, here: true }, () => undefined, async (runJobs) => {
          assert.ok(runJobs);
          await runJobs(jobs);
          started.push(count);
          await runJobs(jobs);
          started.push(count);
        }),
      () => count++,
    );
    // The first batch on the tasks' one worker (this thread makes the units' own end beside it), the second on two fresh threads.
    assert.deepEqual(started, [1, 3]);
    table.release();
  });

  it("gives the first batch a fresh thread in place of the pool's thread when the caller is free beside it (`here`)", async () => {
    const table = new ExactCounts(10);
    for (let i = 0; i < 100; i++) table.add(i * 2 ** 40);
    const jobs: FinishJob[] = table.finishJobs(4).map((job) => ({ unit: 'words', job }));
    const started = await threadsStarted(() =>
      runTasks(noTasks(), { workers: 1, here: true }, () => undefined, async (runJobs) => {
        assert.ok(runJobs);
        await runJobs(jobs, true);
      }),
    );
    // The tasks' worker and one fresh thread.
    assert.equal(started, 2);
    table.release();
  });

  it("runs a job beside the batch on each of its threads once they have taken every job of it, and ends them after both", async () => {
    const random = mulberry32(5);
    const table = new ExactCounts(500);
    for (let i = 0; i < 20_000; i++) table.add(Math.floor(random() * 2 ** 53));
    const jobs: FinishJob[] = table.finishJobs(4).map((job) => ({ unit: 'words', job }));
    const expected = jobs.map((j) => summarizePartitions(j.job as Parameters<typeof summarizePartitions>[0]));
    const events: string[] = [];
    await runTasks(noTasks(), { workers: 2 }, () => undefined, async (runJobs) => {
      assert.ok(runJobs?.beside);
      const batch = runJobs(jobs).then((results) => {
        events.push('batch');
        return results;
      });
      const beside = runJobs.beside(jobs[0] as FinishJob).then((results) => {
        events.push('beside');
        return results;
      });
      assert.deepEqual(await beside, [expected[0], expected[0]], 'one result a thread');
      assert.deepEqual(await batch, expected);
      // No batch under way: nothing runs beside it, and the caller does the work itself.
      assert.deepEqual(await runJobs.beside(jobs[0] as FinishJob), []);
    });
    // The batch's threads end (and it resolves) only once the job beside it is done.
    assert.deepEqual(events, ['beside', 'batch']);
    table.release();
  });

  it("shares the near-duplicate join's search with the batch's thread, to the one-thread join's figures", async () => {
    const shared = nearDuplicatesFed();
    const table = new ExactCounts(10);
    for (let i = 0; i < 100; i++) table.add(i * 2 ** 40);
    let helped: unknown[] = [];
    await runTasks(noTasks(), { workers: 1 }, () => undefined, async (runJobs) => {
      assert.ok(runJobs?.beside);
      const { beside } = runJobs;
      // One short job in the batch: its thread takes the search's pieces from the top once it is posted them.
      const batch = runJobs(table.finishJobs(1).map((job) => ({ unit: 'words', job })));
      await shared.settle(new Pacer(), async (job) => (helped = await beside({ unit: 'nearDuplicates', job })));
      await batch;
    });
    table.release();
    assert.equal(helped.length, 1);
    const whole = nearDuplicatesFed().finish();
    assert.ok(whole.nearDuplicateRate.value > whole.exactDuplicateRate.value, JSON.stringify(whole.nearDuplicateRate));
    assert.deepEqual(shared.finish(), whole);
  });

  it('runs batches one after another; a batch while one runs is refused', async () => {
    const table = new ExactCounts(10);
    for (let i = 0; i < 100; i++) table.add(i * 2 ** 40);
    const jobs: FinishJob[] = table.finishJobs(2).map((job) => ({ unit: 'words', job }));
    const expected = jobs.map((j) => summarizePartitions(j.job as Parameters<typeof summarizePartitions>[0]));
    const batches: unknown[][] = [];
    await runTasks(noTasks(), { workers: 2 }, () => undefined, async (runJobs) => {
      assert.ok(runJobs);
      batches.push(await runJobs(jobs));
      batches.push(await runJobs(jobs));
      const first = runJobs(jobs);
      await assert.rejects(runJobs(jobs), /one batch at a time/);
      batches.push(await first);
    });
    assert.deepEqual(batches, [expected, expected, expected]);
    table.release();
  });

  it('settles at once on an abort while the jobs run, and fails the jobs under way and the job beside them', async () => {
    const random = mulberry32(11);
    const table = new ExactCounts(2_000);
    for (let i = 0; i < 200_000; i++) table.add(Math.floor(random() * 2 ** 53));
    const jobs: FinishJob[] = table.finishJobs(8).map((job) => ({ unit: 'words', job }));
    const controller = new AbortController();
    let jobsOutcome: Promise<unknown> | undefined;
    let besideOutcome: Promise<unknown> | undefined;
    let abortedAt = 0;
    const run = runTasks(noTasks(), { workers: 2, signal: controller.signal }, () => undefined, async (runJobs) => {
      assert.ok(runJobs?.beside);
      jobsOutcome = runJobs(jobs);
      besideOutcome = runJobs.beside(jobs[0] as FinishJob);
      besideOutcome.catch(() => undefined);
      abortedAt = performance.now();
      controller.abort();
      await jobsOutcome;
    });
    await assert.rejects(run, { name: 'AbortError' });
    // The pool's own promise settles as the threads are told to stop, not after the jobs or the threads' exit.
    assert.ok(performance.now() - abortedAt < 100, `settled ${(performance.now() - abortedAt).toFixed(1)} ms after the abort`);
    assert.ok(jobsOutcome, 'the jobs were started');
    await assert.rejects(jobsOutcome, { name: 'AbortError' });
    assert.ok(besideOutcome, 'a job beside them was posted');
    await assert.rejects(besideOutcome, { name: 'AbortError' });
    table.release();
  });

  it('fails the pool when a job fails', async () => {
    const run = runTasks(noTasks(), { workers: 2 }, () => undefined, async (runJobs) => {
      await runJobs?.([{ unit: 'lengths', job: {} }]);
    });
    await assert.rejects(run, /finish job failed: .*no finish job for the unit 'lengths'/);
  });
});
