/**
 * One metric as a unit of the accumulator: how to start it, feed it a record, merge a later chunk into it,
 * move it between threads and turn it into figures. The accumulator (accumulator.ts) runs the units of
 * registry.ts and knows none of them by name, so a new metric is one file exporting a MetricUnit, one line in
 * the registry and its test (plus, when rules read its figure, the figure's field in core/profile.ts).
 */
import type { DiversityMetrics, SourceProfile } from '../../core/profile';
import { runNow, type Pacer, type Work } from './pacer';
import type { RecordView } from './record';

/** The part of a profile one unit fills in; the accumulator assembles the units' parts in registry order. */
export interface UnitFigures {
  profile?: Partial<Pick<SourceProfile, 'words' | 'chars' | 'tokensEstimate' | 'lengths' | 'nearDuplicatePairs' | 'vocabulary' | 'provenance'>>;
  metrics?: Partial<DiversityMetrics>;
  /** Names of the figures that are sketch estimates (a budget was exceeded) rather than exact. */
  estimated?: readonly string[];
}

/**
 * Posts one of a unit's jobs to each thread of the batch of finish jobs under way, to run once that thread finds no
 * job of the batch left; resolves with their results, one a thread, or none when no batch is under way (the caller
 * then does that work itself). Where the unit's settle has work that can be shared (join-split.ts).
 */
export type BesideBatch = (job: unknown) => Promise<unknown[]>;

/**
 * `Metric` is the running state (usually a class instance), `State` its plain-data form (structured-clone and
 * JSON safe), `Options` the slice of the accumulator's options the unit reads.
 */
export interface MetricUnit<Metric, State, Options = unknown> {
  /** The name `metrics: [...]` enables it by (and the bench times it by). */
  readonly name: string;
  create(options: Options): Metric;
  add(metric: Metric, record: RecordView): void;
  /** Appends `later`, a chunk that follows `metric` in file order; the result equals one pass over both. */
  merge(metric: Metric, later: Metric): void;
  /**
   * Finishes work still running off the thread (compressionRatio's stream) or work `finish` would do (the exact
   * near-duplicate join), before `finish`. The accumulator starts every unit's settle at once, so such work
   * overlaps, and a unit with no jobs in the last batch of finish jobs settles while that batch runs on the pool's
   * threads. Work of its own in this thread runs between the pacer's pauses (pacer.ts). `beside`, with the pool's
   * threads, shares such work with the last batch's threads once their jobs are done.
   */
  settle?(metric: Metric, pacer: Pacer, beside?: BesideBatch): Promise<void>;
  /**
   * Frees what the unit holds outside the heap once the accumulator is done with it, finished or abandoned (a
   * cancelled analysis): work still running off the thread, the exact tables' temporary files. The metric is spent.
   */
  release?(metric: Metric): void;
  /**
   * The work `finish` would do over a spilled table's partitions, cut into about `ranges` jobs of plain data
   * (structured-clone safe) that any thread can run with `runFinishJob`: the pool's workers run them at settle,
   * beside the other units' settle (finish-jobs.ts). None when there is no such work. Work of its own longer than
   * a few milliseconds runs between the pacer's pauses (pacer.ts), so that an abort ends it.
   */
  finishJobs?(metric: Metric, ranges: number, pacer: Pacer): unknown[] | Promise<unknown[]>;
  /**
   * When this unit's jobs are made and run: after the batches of every lower phase (default 0) have ended, with
   * their threads. The exact near-duplicate join, when it splits its search (phase 1), builds its index, the largest
   * thing a source's end holds, only once the other jobs' threads and heaps are gone; when it does not, it is phase 0
   * and makes the whole join in its settle, beside the other units' jobs.
   */
  finishPhase?(metric: Metric): number;
  /** Runs one of `finishJobs`' jobs (in a worker); the result is plain data. */
  runFinishJob?(job: unknown): unknown;
  /**
   * `runFinishJob` as Work (pacer.ts), for a job that is one long step: a worker runs it whole, and the calling
   * thread, which runs the jobs itself with `workers: 0`, between the pacer's pauses (finish-jobs.ts).
   */
  finishJobWork?(job: unknown): Work<unknown>;
  /** The results of `finishJobs`' jobs, in their order: `finish` then uses them instead of doing the work. */
  adoptFinishJobs?(metric: Metric, results: unknown[]): void;
  toState(metric: Metric): State;
  fromState(state: State, options: Options): Metric;
  /** `records`: all records the accumulator saw (some units cover only the first N). */
  finish(metric: Metric, records: number, options: Options): UnitFigures;
  /**
   * `finish` as Work (pacer.ts), for a unit whose figures take long to make: the accumulator's settle runs it
   * between the pacer's pauses, and it must give `finish`'s figures.
   */
  finishing?(metric: Metric, records: number, options: Options): Work<UnitFigures>;
  /**
   * The part of the figures' work that the unit's finish jobs do not feed, as Work (pacer.ts): the accumulator's
   * settle runs it beside the last batch of finish jobs, where this thread may have time to spare, instead of after
   * the batch, where it alone works (the words unit's unigram figures: ~25 ms of a 20 MB source's end). The unit
   * keeps what it made, and its `finish`/`finishing` use it while the metric is unchanged.
   */
  figuringAhead?(metric: Metric, options: Options): Work<void>;
  /** What the unit reports when it is not enabled: its figures at zero, so a profile always has every field. */
  readonly off: UnitFigures;
}

/** A metric kept as a class instance that feeds, merges and saves itself. */
interface SelfContained<State> {
  add(record: RecordView): void;
  merge(later: this): void;
  toState(): State;
  release?(): void;
}

/** A unit's figures, said once: `finish` in one step, or `finishing` as Work, from which `finish` is run at once. */
type FiguresSpec<Metric, Options> =
  | { finish: MetricUnit<Metric, unknown, Options>['finish']; finishing?: undefined }
  | { finish?: undefined; finishing: NonNullable<MetricUnit<Metric, unknown, Options>['finishing']> };

/**
 * The unit of a metric class: `add`, `merge` and `toState` delegate to the instance, and a unit that makes its
 * figures as Work (`finishing`) gets `finish` as that Work run at once, so the two can never differ.
 */
export function classUnit<Metric extends SelfContained<State>, State, Options = unknown>(
  spec: Omit<MetricUnit<Metric, State, Options>, 'add' | 'merge' | 'toState' | 'release' | 'finish' | 'finishing'> & FiguresSpec<Metric, Options>,
): MetricUnit<Metric, State, Options> {
  const { finishing } = spec;
  return {
    ...spec,
    finish: finishing === undefined ? spec.finish : (metric, records, options) => runNow(finishing(metric, records, options)),
    add: (metric, record) => metric.add(record),
    merge: (metric, later) => metric.merge(later),
    toState: (metric) => metric.toState(),
    release: (metric) => metric.release?.(),
  };
}
