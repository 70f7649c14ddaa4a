/**
 * Cancellation in each phase of a source's end (metrics/pacer.ts): the abort arrives as an event (scheduled when a
 * phase begins, as the editor's next message or a timer would arrive), so the thread hears it only where the work
 * returns to the event loop. Each test checks that the reading settles as aborted, that the phase never ran to its
 * end, and that no worker thread and no temporary file is left. How fast it settles is the bench's figure
 * (`npm run bench -- --only cancel`), not a test's: every wait here is bounded, and generous. Then the join's
 * parts on their own: paced, they give the same clusters, and an abort stops each of them part way.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { admitFiles, analyzeFiles, readSource } from '../../../../src/analyzer/analyze';
import { ACCUMULATOR_DEFAULTS, accumulatorOptionsFor, type AccumulatorOptions } from '../../../../src/analyzer/metrics/accumulator';
import { wordsUnit } from '../../../../src/analyzer/metrics/distinct';
import { NearDuplicates } from '../../../../src/analyzer/metrics/minhash';
import { openingsUnit } from '../../../../src/analyzer/metrics/openings';
import { METRIC_UNITS } from '../../../../src/analyzer/metrics/registry';
import { Pacer, runNow, runPaced, type Work } from '../../../../src/analyzer/metrics/pacer';
import { RecordView } from '../../../../src/analyzer/metrics/record';
import { ShingleSetStore } from '../../../../src/analyzer/metrics/shingle-sets';
import { FINISH_RANGES_HERE, runFinishJob, runFinishJobsHere, type FinishJob } from '../../../../src/analyzer/metrics/finish-jobs';
import { ProvenanceSample, provenanceUnit } from '../../../../src/analyzer/provenance/unit';
import { planning, searching } from '../../../../src/analyzer/metrics/similarity-join';
import type { MetricUnit } from '../../../../src/analyzer/metrics/unit';
import { DEFAULT_MAX_RECORD_BYTES } from '../../../../src/analyzer/readers';
import { runTasks, type PoolLayout } from '../../../../src/analyzer/pool';
import type { Task } from '../../../../src/analyzer/task';
import { workerScript } from '../../../../src/analyzer/worker-script';
import type { DataIssue } from '../../../../src/core/profile';
import { ensureCorpus } from '../../../../scripts/bench/corpus';
import { accumulate, runFiles, within } from '../../metrics/helpers';
import { SHARED, tempDir } from './helpers';

/** The module object the pool's `new Worker` reads at each call, so a test can see every thread it starts. */
const threads = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');
/** The same for the files' deletion: a test can see each synchronous one. */
const fs = createRequire(__filename)('node:fs') as typeof import('node:fs');

/** Two workers, the pool's thread merging; one worker and the pool's thread reading beside it; the calling thread alone. */
const POOL: PoolLayout = { workers: 2, here: false };
const BESIDE: PoolLayout = { workers: 1, here: true };
const IN_THREAD: PoolLayout = { workers: 0, here: false };

type UnitMethod = 'merge' | 'finishJobs' | 'settle' | 'finishing' | 'figuringAhead';
type Unit = Record<string, unknown> & { name: string };

/**
 * Replaces `method` of the unit named `unit` until `restore`: `onCall` runs as it is called, `onEnd` once the work
 * it started has ended (at once, once its promise is fulfilled, or once its Work returned its value).
 */
function watch(unit: string, method: UnitMethod, onCall: () => void, onEnd: (result: unknown) => void): () => void {
  const target = METRIC_UNITS.find((u) => u.name === unit) as unknown as Unit;
  const original = target[method] as (...args: unknown[]) => unknown;
  target[method] = (...args: unknown[]): unknown => {
    onCall();
    const result = original(...args);
    if (result instanceof Promise) return result.then((value) => (onEnd(value), value));
    if (typeof (result as Partial<Work<unknown>> | undefined)?.next === 'function') {
      return (function* (): Work<unknown> {
        const value: unknown = yield* result as Work<unknown>;
        onEnd(value);
        return value;
      })();
    }
    onEnd(result);
    return result;
  };
  return () => {
    target[method] = original;
  };
}

describe('cancellation in each phase of a source (pacer.ts)', function () {
  // A reading of a few MB under load: the limits bound the test, they do not time it.
  this.timeout(120_000);
  const dir = tempDir();
  let file = '';

  before(async function () {
    if (!workerScript()) this.skip();
    // 6 MB of the bench's corpus: about 12,000 distinct records, enough that every phase below spills its tables
    // and runs for several of the pacer's slices (10 ms) on a fast machine.
    file = await ensureCorpus({ dataDir: SHARED, cacheDir: dir, bytes: 6e6, log: () => undefined });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Reads the corpus with every figure exact (as a source within the exact limit is read) and aborts it once
   * `unit.method` is called (`at: 'call'`) or has made its jobs (`at: 'jobs'`, which other threads then run);
   * `split` cuts the near-duplicate join's search into jobs however few the sets.
   */
  async function abortIn(layout: PoolLayout, unit: string, method: UnitMethod, at: 'call' | 'jobs', split = false): Promise<{ ended: boolean; adopted: boolean; deletedBeforeSettling: number }> {
    const controller = new AbortController();
    const abortSoon = (): void => void setImmediate(() => controller.abort());
    let ended = false;
    let adopted = false;
    const restore = [
      watch(
        unit,
        method,
        () => at === 'call' && abortSoon(),
        (jobs) => {
          ended = true;
          if (at !== 'jobs') return;
          assert.ok(Array.isArray(jobs) && jobs.length > 0, `${unit} made no jobs`);
          abortSoon();
        },
      ),
    ];
    const target = METRIC_UNITS.find((u) => u.name === unit) as unknown as Unit;
    const adopt = target.adoptFinishJobs;
    target.adoptFinishJobs = (...args: unknown[]): unknown => {
      adopted = true;
      return (adopt as (...a: unknown[]) => unknown)(...args);
    };
    restore.push(() => (target.adoptFinishJobs = adopt));
    // Files this thread deleted, synchronously, between the abort and the reading's rejection: time it made the caller wait.
    let settled = false;
    let deletedBeforeSettling = 0;
    for (const name of ['rmSync', 'unlinkSync'] as const) {
      const original = fs[name] as (...args: unknown[]) => void;
      (fs as Record<string, unknown>)[name] = (...args: unknown[]): void => {
        if (controller.signal.aborted && !settled) deletedBeforeSettling++;
        original(...args);
      };
      restore.push(() => ((fs as Record<string, unknown>)[name] = original));
    }
    const started: unknown[] = [];
    const exited = new Set<unknown>();
    const Original = threads.Worker;
    threads.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        started.push(this);
        this.once('exit', () => exited.add(this));
      }
    };
    const filesBefore = new Set(runFiles());
    try {
      const issues: DataIssue[] = [];
      const entries = await admitFiles([file], {}, issues);
      const options = accumulatorOptionsFor({ exact: false, sampleAboveBytes: Infinity }, entries[0]?.size ?? 0);
      const accumulator = split && options.minhash ? { ...options, minhash: { ...options.minhash, splitJoinFrom: 0 } } : options;
      const reading = readSource(
        entries,
        undefined,
        issues,
        { textMode: 'line', maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, sampleAbove: Infinity, accumulator, finishHere: true, layout, chunkBytes: 1 << 20, signal: controller.signal },
        () => undefined,
      );
      await assert.rejects(
        reading.finally(() => (settled = true)),
        (err: Error) => err.name === 'AbortError',
      );
      assert.ok(started.length > 0 || layout.workers === 0, 'no thread was started');
      assert.ok(await within(30_000, () => started.every((w) => exited.has(w))), `${started.length - exited.size} of ${started.length} threads still running`);
      assert.ok(await within(30_000, () => runFiles().every((f) => filesBefore.has(f))), `temporary files left: ${runFiles().filter((f) => !filesBefore.has(f)).join(', ')}`);
      return { ended, adopted, deletedBeforeSettling };
    } finally {
      threads.Worker = Original;
      for (const undo of restore) undo();
    }
  }

  it("stops in the reading, the pool's threads part way through tasks whose tables have spilled", async () => {
    await abortIn(POOL, 'ngramDiversity', 'merge', 'call');
  });

  it("stops in the reading with the pool's thread reading a task beside its worker, and deletes no file before it settles", async () => {
    const { deletedBeforeSettling } = await abortIn(BESIDE, 'ngramDiversity', 'merge', 'call');
    assert.equal(deletedBeforeSettling, 0, 'files deleted in the calling thread before the reading settled');
  });

  it("deletes the runs of a result the pool's thread read and could not hand over yet (an earlier task still out) when aborted", async () => {
    const bytes = readFileSync(file);
    // The first 256 KiB's records, for this thread; the whole file, for the worker, which is still reading it at the abort.
    const end = bytes.indexOf(10, 1 << 18) + 1;
    const [entry] = await admitFiles([file], {}, []);
    // Exact tables that spill every 1,024 keys, so that this thread's small task writes runs.
    const accumulator = { ...accumulatorOptionsFor({ exact: false, sampleAboveBytes: Infinity }, entry?.size ?? 0), spillAboveKeys: 1024 };
    const task = (to: number): Task => ({ id: 0, chunks: [{ file, format: 'jsonl', bytes: to, range: { start: 0, end: to, startLine: 1 } }], plan: { schema: 'alpaca', fields: ['instruction', 'input', 'output'] }, textMode: 'line', maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, accumulator });
    const controller = new AbortController();
    let ownResultHeld = false;
    async function* tasks(): AsyncGenerator<Task> {
      yield task(bytes.length);
      yield task(end);
      yield { ...task(0), chunks: [] };
      // Taken once this thread has read its task: its result waits for the worker's task 0.
      ownResultHeld = runFiles().length > 0;
      controller.abort();
    }
    const filesBefore = new Set(runFiles());
    await assert.rejects(
      runTasks(tasks(), { workers: 1, here: true, signal: controller.signal }, () => assert.fail('a result was handed over')),
      (err: Error) => err.name === 'AbortError',
    );
    assert.ok(ownResultHeld, "this thread's task wrote no runs");
    assert.ok(await within(30_000, () => runFiles().every((f) => filesBefore.has(f))), `temporary files left: ${runFiles().filter((f) => !filesBefore.has(f)).join(', ')}`);
  });

  it("stops in the spilled tables' finish jobs on the pool's threads, before their results are taken", async () => {
    const { adopted } = await abortIn(POOL, 'ngramDiversity', 'finishJobs', 'jobs');
    assert.equal(adopted, false);
  });

  it("stops in the near-duplicate join on the pool's thread, below the split (exact keys, identical sets, the index, the search)", async () => {
    const { ended } = await abortIn(POOL, 'nearDuplicates', 'settle', 'call');
    assert.equal(ended, false, 'the join ran to its end');
  });

  it("stops in the near-duplicate join's search split across the pool's threads, before its pairs are taken", async () => {
    const { adopted } = await abortIn(POOL, 'nearDuplicates', 'finishJobs', 'jobs', true);
    assert.equal(adopted, false);
  });

  it("stops in the units' figures made beside the last batch (the words unit's vocabulary)", async () => {
    const { ended } = await abortIn(POOL, 'words', 'figuringAhead', 'call');
    assert.equal(ended, false, 'the figures ran to their end');
  });

  it("stops in the provenance unit's scoring, a finish job on the pool's threads, before its figures are taken", async () => {
    const { adopted } = await abortIn(BESIDE, 'provenance', 'finishJobs', 'jobs');
    assert.equal(adopted, false);
  });

  it("settles before the merged tables' temporary files are deleted: they go after it, off the calling thread", async () => {
    // A 64 MB source's tables hold hundreds of runs: deleted one by one on the way to the rejection, they held the
    // pool's thread 80-270 ms after it heard the abort (docs/benchmarks.md).
    const { deletedBeforeSettling } = await abortIn(POOL, 'ngramDiversity', 'finishJobs', 'jobs');
    assert.equal(deletedBeforeSettling, 0, 'files deleted in the calling thread before the reading settled');
  });

  it("settles before the in-thread task's temporary files are deleted (workers: 0)", async () => {
    const { deletedBeforeSettling } = await abortIn(IN_THREAD, 'ngramDiversity', 'merge', 'call');
    assert.equal(deletedBeforeSettling, 0, 'files deleted in the calling thread before the reading settled');
  });

  it("reads a source in several tasks with workers: 0, so each task's state and merge stay short steps", async () => {
    // One task held a 64 MB source: saving its state took 213 ms (the compression unit's text) and 171 ms (the
    // near-duplicates' sets) of the thread in single steps.
    let merges = 0;
    const restore = watch('ngramDiversity', 'merge', () => merges++, () => undefined);
    try {
      await analyzeFiles('cancel', [file], { workers: 0 });
    } finally {
      restore();
    }
    assert.ok(merges >= 4, `${merges} tasks`);
  });

  it('stops in the finish jobs run in the calling thread (workers: 0)', async () => {
    const { adopted } = await abortIn(IN_THREAD, 'ngramDiversity', 'finishJobs', 'jobs');
    assert.equal(adopted, false);
  });

  it("stops in the provenance unit's scoring in the calling thread (workers: 0), part way through its one finish job", async () => {
    const sample = new ProvenanceSample();
    const view = new RecordView();
    texts.forEach((text, i) => {
      view.reset(text, { file: 'data.jsonl', line: i + 1 });
      sample.add(view);
    });
    const jobs = await provenanceUnit.finishJobs?.(sample, FINISH_RANGES_HERE, new Pacer());
    assert.equal(jobs?.length, 1);
    const list: FinishJob[] = (jobs ?? []).map((job) => ({ unit: 'provenance', job }));
    /** EveryPiece, counting its pauses and aborting `controller` at the `abortAt`-th. */
    const counting = (abortAt = Infinity, controller = new AbortController()) =>
      new (class extends EveryPiece {
        pauses = 0;
        override pause(): Promise<void> {
          if (++this.pauses === abortAt) setImmediate(() => controller.abort());
          return super.pause();
        }
      })(controller.signal);
    const whole = counting();
    assert.deepEqual(await runFinishJobsHere(list, whole), [runFinishJob(list[0] as FinishJob)]);
    // The one job returned to the event loop many times (its Work's pieces), not once after it.
    assert.ok(whole.pauses > 10, `${whole.pauses} pauses`);
    const stopped = counting(2);
    await assert.rejects(runFinishJobsHere(list, stopped), (err: Error) => err.name === 'AbortError');
    assert.equal(stopped.pauses, 2);
  });

  it('stops in the near-duplicate join in the calling thread (workers: 0)', async () => {
    const { ended } = await abortIn(IN_THREAD, 'nearDuplicates', 'settle', 'call');
    assert.equal(ended, false, 'the join ran to its end');
  });
});

/** A pacer whose slice is spent after every piece: the work returns to the event loop as often as it can. */
class EveryPiece extends Pacer {
  override due(): boolean {
    return true;
  }
}

/** `work`, calling `onSpan(n)` as its n-th span (from 1) begins. */
function* spans<T>(work: Work<T>, onSpan: (n: number) => void): Work<T> {
  let n = 0;
  for (let step = work.next(); ; step = work.next()) {
    if (step.done) return step.value;
    onSpan(++n);
    yield step.value;
  }
}

const texts = (JSON.parse(readFileSync(path.join(SHARED, 'instruct', 'alpaca_5000.json'), 'utf8')) as { output: string }[]).map((r) => r.output);

describe("the units' figures as Work (pacer.ts)", () => {
  // The words unit's top vocabulary and the openings' lists were one step each, ~50 and ~40 ms of CPU at 64 MB.
  const units = [wordsUnit, openingsUnit] as unknown as MetricUnit<unknown, unknown, AccumulatorOptions>[];
  for (const unit of units) {
    it(`${unit.name}: paced, returning to the event loop after every piece, gives finish's figures; an abort stops it part way`, async () => {
      const filled = (): unknown => {
        const metric = unit.create(ACCUMULATOR_DEFAULTS);
        const view = new RecordView();
        texts.forEach((text, i) => {
          view.reset(text, { file: 'data.jsonl', line: i + 1 });
          unit.add(metric, view);
        });
        return metric;
      };
      const finishing = unit.finishing?.bind(unit);
      assert.ok(finishing, `${unit.name} has no finishing`);
      const whole = unit.finish(filled(), texts.length, ACCUMULATOR_DEFAULTS);
      let all = 0;
      assert.deepEqual(await runPaced(spans(finishing(filled(), texts.length, ACCUMULATOR_DEFAULTS), (n) => (all = n)), new EveryPiece()), whole);
      const controller = new AbortController();
      let reached = 0;
      setImmediate(() => controller.abort());
      const work = spans(finishing(filled(), texts.length, ACCUMULATOR_DEFAULTS), (n) => (reached = n));
      await assert.rejects(runPaced(work, new EveryPiece(controller.signal)), (err: Error) => err.name === 'AbortError');
      assert.ok(reached < all, `the abort was heard in span ${reached} of ${all}`);
    });
  }
});

describe("a sampled source's group figures and the near-duplicates' LSH as Work (pacer.ts)", () => {
  it("an accumulator's figures (a sampled source's group's, on the pool's thread) paced give finish's; an abort stops them part way", async () => {
    // A group's worth of records (every unit at work), so that each of the four accumulations is short.
    const group = texts.slice(0, 1500);
    const whole = accumulate(group).finish();
    let all = 0;
    assert.deepEqual(await runPaced(spans(accumulate(group).finishing(), (n) => (all = n)), new EveryPiece()), whole);
    const controller = new AbortController();
    let reached = 0;
    setImmediate(() => controller.abort());
    await assert.rejects(runPaced(spans(accumulate(group).finishing(), (n) => (reached = n)), new EveryPiece(controller.signal)), (err: Error) => err.name === 'AbortError');
    assert.ok(reached < all, `the abort was heard in span ${reached} of ${all}`);
  });

  it('the LSH clustering (above the exact limit) paced gives the same clusters; an abort stops it part way and deletes its runs', async () => {
    // 16 documents in memory: the signatures and the band keys' runs go to temporary files.
    const lsh = (): NearDuplicates => {
      const n = new NearDuplicates({ memoryDocs: 16, threshold: 0.72, exactBudget: 1 << 20 });
      const view = new RecordView();
      texts.forEach((text, i) => {
        view.reset(text, { file: 'data.jsonl', line: i + 1 });
        n.add(view);
      });
      return n;
    };
    const whole = lsh();
    const paced = lsh();
    await paced.settle(new EveryPiece());
    assert.deepEqual(paced.finish(), whole.finish());
    const before = new Set(runFiles());
    const stopped = lsh();
    const controller = new AbortController();
    setImmediate(() => controller.abort());
    await assert.rejects(stopped.settle(new EveryPiece(controller.signal)), (err: Error) => err.name === 'AbortError');
    for (const n of [whole, paced, stopped]) n.release();
    assert.ok(await within(30_000, () => runFiles().every((f) => before.has(f))), `temporary files left: ${runFiles().filter((f) => !before.has(f)).join(', ')}`);
  });
});

describe("the near-duplicate join's parts as Work (pacer.ts)", () => {
  const store = new ShingleSetStore();
  const view = new RecordView();
  texts.forEach((text, i) => {
    view.reset(text, { file: 'data.jsonl', line: i + 1 });
    store.add(view.words());
  });
  const sets = store.sets();

  it('gives the clusters of the join made in one go when it returns to the event loop after every piece', async () => {
    const near = (): NearDuplicates => {
      const n = new NearDuplicates({ memoryDocs: 0, threshold: 0.72, exactBudget: 1 << 20, exact: true, splitJoinFrom: Infinity });
      texts.forEach((text, i) => {
        view.reset(text, { file: 'data.jsonl', line: i + 1 });
        n.add(view);
      });
      return n;
    };
    const paced = near();
    let pauses = 0;
    await paced.settle(
      new (class extends EveryPiece {
        override pause(): Promise<void> {
          pauses++;
          return super.pause();
        }
      })(),
    );
    assert.ok(pauses > 10, `${pauses} pauses`);
    assert.deepEqual(paced.finish(), near().finish());
  });

  it('stops in the index build (its first pass) at an abort, before the entries are placed and sorted', async () => {
    const controller = new AbortController();
    let reached = 0;
    const work = spans(planning(sets, 0.72, () => false, () => undefined), (n) => {
      reached = n;
      // The spans: identical sets, the ranking's counting and placing passes, then the index's counting pass,
      // placing pass and bucket sort.
      if (n === 4) setImmediate(() => controller.abort());
    });
    await assert.rejects(runPaced(work, new EveryPiece(controller.signal)), (err: Error) => err.name === 'AbortError');
    assert.equal(reached, 4);
  });

  it('stops in the search at an abort, before every rank is searched', async () => {
    const plan = runNow(planning(sets, 0.72, () => false, () => undefined));
    assert.ok(plan);
    const controller = new AbortController();
    const search = searching(sets, plan, 0.72, () => false, () => undefined);
    let searched = 0;
    const work = (function* (): Work<void> {
      setImmediate(() => controller.abort());
      yield { count: search.count, run: (from, to) => ((searched += to - from), search.run(from, to)) };
    })();
    await assert.rejects(runPaced(work, new EveryPiece(controller.signal)), (err: Error) => err.name === 'AbortError');
    assert.ok(searched > 0 && searched < plan.byRank.length, `${searched} of ${plan.byRank.length} ranks searched`);
  });
});
