/**
 * The end of a source's analysis shared by the pool's workers: the passes over the spilled tables' partitions
 * (exact-counts.ts, self-repetition-exact.ts), which the pool's thread used to make alone, one table after another,
 * with the workers ended. At settle each unit cuts that pass into jobs of partition ranges (MetricUnit.finishJobs),
 * the workers run them (`runFinishJob`), and each unit adopts its results, in job order, for `finish`. The results
 * are what the one-thread pass would have found, so every figure is the same to the last bit.
 */
import { runNow, runPaced, type Pacer } from './pacer';
import { METRIC_UNITS } from './registry';
import type { MetricUnit } from './unit';

/** One unit's job, as it travels to a worker. */
export interface FinishJob {
  unit: string;
  job: unknown;
}

/**
 * Runs a batch of finish jobs (on the pool's threads, which end with the batch) and resolves with their results in job
 * order. `thisThreadFree`: the calling thread has nothing else to do until the batch ends (a phase before the last,
 * accumulator.ts), so a pool whose thread read tasks too (pool.ts, PoolLayout.here) gives the batch a thread in its place.
 */
export interface FinishJobRunner {
  (jobs: readonly FinishJob[], thisThreadFree?: boolean): Promise<unknown[]>;
  /** A job for each thread of the batch under way once it has no job of the batch left (unit.ts, BesideBatch). */
  beside?: (job: FinishJob) => Promise<unknown[]>;
}

/**
 * The ranges each table's pass is cut into: more than the workers (MAX_WORKERS at most), so a worker slowed by
 * the machine's other load takes fewer of them, and few enough that each job reads whole blocks of partitions.
 */
export const FINISH_RANGES = 8;

/**
 * The ranges when this thread runs the jobs itself (`workers: 0`): an abort is heard only between two jobs, so
 * each is kept to a small part of a table's pass (a few partitions; a 64 MB source's join search in 256 ranges).
 */
export const FINISH_RANGES_HERE = 64;

/**
 * Runs a batch in this thread, one job after another, returning to the event loop between them (pacer.ts), and
 * within a job that is Work.
 */
export async function runFinishJobsHere(jobs: readonly FinishJob[], pacer: Pacer): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const job of jobs) {
    const unit = unitOf(job);
    results.push(unit.finishJobWork ? await runPaced(unit.finishJobWork(job.job), pacer) : runFinishJob(job));
    await pacer.pause();
  }
  return results;
}

/** Runs one job in this thread (a worker's side), whole. */
export function runFinishJob(job: FinishJob): unknown {
  const unit = unitOf(job);
  return unit.finishJobWork ? runNow(unit.finishJobWork(job.job)) : unit.runFinishJob?.(job.job);
}

/** The unit whose job this is, which must have a way to run it. */
function unitOf(job: FinishJob): Pick<MetricUnit<unknown, unknown>, 'runFinishJob' | 'finishJobWork'> {
  const unit: Pick<MetricUnit<unknown, unknown>, 'runFinishJob' | 'finishJobWork'> | undefined = METRIC_UNITS.find((u) => u.name === job.unit);
  if (!unit || (!unit.runFinishJob && !unit.finishJobWork)) throw new Error(`no finish job for the unit '${job.unit}'`);
  return unit;
}
