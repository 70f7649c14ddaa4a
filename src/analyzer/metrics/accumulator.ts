/**
 * ProfileAccumulator: every metric of a source as one mergeable state. ANALYZER-IO calls `add` once per
 * record (its text fields joined with "\n"), splits big files across workers, moves states between threads
 * with `toState`/`fromState` (plain data, structured-clone safe) and merges chunks in file order; merging
 * gives exactly the figures of a single pass (each metric's file says how). `finish` gives the metric part
 * of a SourceProfile. `metrics` in the options enables a subset, so the bench can time each unit alone.
 */
import type { DataSettings } from '../../core/data-settings';
import type { DiversityMetrics, RowRef, SourceProfile } from '../../core/profile';
import { COMPRESSION_DEFAULTS, type CompressionOptions } from './compression';
import { COUNT_TABLE_BYTES_PER_KEY } from './count-table';
import { FINISH_RANGES, FINISH_RANGES_HERE, runFinishJobsHere, type FinishJob, type FinishJobRunner } from './finish-jobs';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, MINHASH_BYTES_PER_DOC, type MinHashOptions } from './minhash';
import { Pacer, runNow, runPaced, type Work } from './pacer';
import { RecordView } from './record';
import { METRIC_UNITS, metricNames, type MetricName } from './registry';
import { SELF_REPETITION_BYTES_PER_GRAM } from './self-repetition';
import type { MetricUnit, UnitFigures } from './unit';

export { metricNames, type MetricName } from './registry';

export interface AccumulatorOptions {
  /** Units to compute (registry.ts); all by default. Figures of disabled units are 0. */
  metrics: readonly MetricName[];
  compression: CompressionOptions;
  /** Distinct n-grams per table kept exactly before HyperLogLog / sampling (ngramDiversity, words). */
  distinctBudget: number;
  /** 4-gram occurrences kept exactly for selfRepetition. */
  selfRepetitionBudget: number;
  /** Distinct openings kept exactly. */
  openingsBudget: number;
  /**
   * When above 0, the n-gram tables (ngramDiversity, the bigrams of distinct2/entropy2, selfRepetition's 4-grams)
   * are exact: each holds at most this many keys (or 4-gram–document pairs) in memory and writes the rest to
   * temporary files (spill-runs.ts). 0: they keep the sketch budgets above.
   */
  spillAboveKeys: number;
  minhash: MinHashOptions;
  /** Words kept in `vocabulary`. */
  vocabularySize: number;
  extraPhrases: string[];
  extraStyleWords: string[];
}

const MiB = 1024 * 1024;

/** Most keys of `bytesPerKey` that fit in `bytes`, rounded down to a power of two (tables then fill exactly half). */
function keysIn(bytes: number, bytesPerKey: number): number {
  return 2 ** Math.floor(Math.log2(bytes / bytesPerKey));
}

/**
 * What one accumulator keeps for exact figures, in bytes, by unit; beyond its share a unit switches to its
 * sketch and says so in `estimated`. Every worker holds one accumulator and the pool's thread the merged one
 * plus the chunk being merged, so these shares bound the memory of an analysis whatever the input size
 * (docs/metrics.md, "Exact figures, budgets and `estimated`"). Sum: ACCUMULATOR_MEMORY_BYTES.
 */
export const MEMORY_SHARES = {
  /** Each of the 7 tables of ngramDiversity (n = 1..4) and words (unigrams, bigrams, the unigrams' record counts). */
  distinctTable: 0.75 * MiB,
  /** selfRepetition's stored 4-grams and their document counts. */
  selfRepetition: 4 * MiB,
  /** nearDuplicates' signatures held in memory before its temporary file (LSH, above the exact limit), and their band keys' runs at the end. */
  minhash: 6 * MiB,
  /** exactDuplicateRate's document hashes. */
  exactDuplicates: 1.5 * MiB,
  /** Each of the 2 opening tables, without their labels (a few words each). */
  openingsTable: 0.375 * MiB,
  /** compressionRatio's texts (UTF-8 bytes; held as JS strings, 1-2 bytes a character). */
  compression: COMPRESSION_DEFAULTS.exactBytes,
};
export const ACCUMULATOR_MEMORY_BYTES =
  7 * MEMORY_SHARES.distinctTable +
  MEMORY_SHARES.selfRepetition +
  MEMORY_SHARES.minhash +
  MEMORY_SHARES.exactDuplicates +
  2 * MEMORY_SHARES.openingsTable +
  MEMORY_SHARES.compression;

export const ACCUMULATOR_DEFAULTS: AccumulatorOptions = {
  metrics: metricNames,
  compression: COMPRESSION_DEFAULTS,
  distinctBudget: keysIn(MEMORY_SHARES.distinctTable, COUNT_TABLE_BYTES_PER_KEY),
  selfRepetitionBudget: keysIn(MEMORY_SHARES.selfRepetition, SELF_REPETITION_BYTES_PER_GRAM),
  openingsBudget: keysIn(MEMORY_SHARES.openingsTable, COUNT_TABLE_BYTES_PER_KEY),
  spillAboveKeys: 0,
  minhash: {
    memoryDocs: Math.floor(MEMORY_SHARES.minhash / MINHASH_BYTES_PER_DOC),
    threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    exactBudget: keysIn(MEMORY_SHARES.exactDuplicates, COUNT_TABLE_BYTES_PER_KEY),
  },
  vocabularySize: 20_000,
  extraPhrases: [],
  extraStyleWords: [],
};

/**
 * Sources whose data total at most this many bytes (gzip files counted at GZIP_TEXT_EXPANSION times their size)
 * are analysed with every figure exact by default: at least 64 MiB of text, since a data file holds its text
 * and more (docs/metrics.md, "Exact figures, budgets and `estimated`").
 */
export const EXACT_LIMIT_BYTES = 64 * MiB;
/** What a gzip file is assumed to expand to when its size is compared with EXACT_LIMIT_BYTES (text gzips 3-5×). */
export const GZIP_TEXT_EXPANSION = 5;

/**
 * Keys (or 4-gram–document pairs) an exact n-gram table holds in memory before it writes them to a temporary
 * file: about 6 MiB an accumulator for its five tables and the pairs (8- or 12-byte slots, at most 3/4 full),
 * whatever the size of the source. Measured on a 20 MB source with two workers, 2^18 took 395 MB of RSS and
 * 2^16 295 MB; fewer keys mean more runs, each read once per partition at the end.
 */
export const SPILL_ABOVE_KEYS = 2 ** 16;

/**
 * The word tables' budget within the exact limit: a word takes at least two bytes of text (a character and a
 * separator), so a source within the limit never reaches it and the tables stay exact, without the unbounded
 * heap `--exact` gives the workers (isUnbounded).
 */
const WORDS_WITHIN_EXACT_LIMIT = EXACT_LIMIT_BYTES / 2;

/**
 * Within EXACT_LIMIT_BYTES by default, every figure is exact: compressionRatio as one stream, nearDuplicateRate
 * by the exact join (similarity-join.ts, 4 bytes a word), templateOpenings and exactDuplicateRate with a key or
 * two a record, the n-gram tables in bounded memory by spilling to temporary files (spillAboveKeys), and the
 * word tables (distinct1, entropy1, the vocabulary and its tail: one entry a distinct word, the word's text
 * kept for the vocabulary) without a budget.
 */
const WITHIN_EXACT_LIMIT: Partial<AccumulatorOptions> = {
  compression: { ...COMPRESSION_DEFAULTS, exactBytes: Infinity },
  distinctBudget: WORDS_WITHIN_EXACT_LIMIT,
  openingsBudget: Infinity,
  spillAboveKeys: SPILL_ABOVE_KEYS,
  minhash: { ...ACCUMULATOR_DEFAULTS.minhash, exactBudget: Infinity, exact: true },
};

/**
 * The accumulator options a source of `sourceBytes` is analysed with under `settings`: the one place the
 * user's exactness request (core/data-settings.ts) and the source's size become memory budgets. Every figure
 * exact when asked for; by default up to EXACT_LIMIT_BYTES the cheap exact figures and larger budgets; the
 * sketch budgets for larger sources and for sampled ones. Every task of the source carries them to its worker,
 * and the profile cache keys on them.
 */
export function accumulatorOptionsFor(settings: DataSettings, sourceBytes: number): Partial<AccumulatorOptions> {
  // `--exact` is the same at any size: the word tables, openings and the near-duplicate join then grow with the source.
  if (settings.exact) return { ...WITHIN_EXACT_LIMIT, distinctBudget: Infinity };
  return sourceBytes <= EXACT_LIMIT_BYTES && sourceBytes <= settings.sampleAboveBytes ? WITHIN_EXACT_LIMIT : {};
}

/**
 * Whether these options let the word tables grow without a budget (`--exact`): their words' texts are on the
 * heap, so the pool gives its workers a heap that can hold them (pool.ts). Within the exact limit a chunk's words
 * fit the small heap, which keeps V8 collecting early.
 */
export function isUnbounded(options: Partial<AccumulatorOptions>): boolean {
  return options.distinctBudget === Infinity;
}

export interface AccumulatorState {
  version: 2;
  options: AccumulatorOptions;
  records: number;
  /** Each enabled unit's state, by unit name. */
  units: Record<string, unknown>;
}

export type AccumulatedFigures = Pick<
  SourceProfile,
  'records' | 'words' | 'chars' | 'tokensEstimate' | 'metrics' | 'lengths' | 'nearDuplicatePairs' | 'vocabulary' | 'provenance'
>;

/** A unit with its options widened to the accumulator's, as the registry holds them. */
type Unit = MetricUnit<unknown, unknown, AccumulatorOptions>;
// Method parameters are checked bivariantly, so this also checks that every unit reads only options the accumulator has.
const UNITS: readonly Unit[] = METRIC_UNITS;

/** A running unit: the registry entry and its state. */
interface Running {
  unit: Unit;
  metric: unknown;
}

function startUnits(o: AccumulatorOptions): Running[] {
  const on = new Set<string>(o.metrics);
  return UNITS.filter((u) => on.has(u.name)).map((unit) => ({ unit, metric: unit.create(o) }));
}

export class ProfileAccumulator {
  readonly options: AccumulatorOptions;
  private records = 0;
  private running: Running[];
  private readonly view = new RecordView();
  /** The units' figures as `settle` made them, for the records seen then (a later `add` or `merge` makes them stale). */
  private settled: { records: number; figures: UnitFigures[] } | undefined;

  constructor(options: Partial<AccumulatorOptions> = {}) {
    this.options = { ...ACCUMULATOR_DEFAULTS, ...options };
    this.running = startUnits(this.options);
  }

  /** `responseStart`: where the record's response begins in `text` (see ExtractedText); 0 for single-field records. */
  add(text: string, row: RowRef, responseStart = 0): void {
    this.records++;
    const v = this.view;
    v.reset(text, row, responseStart);
    for (const r of this.running) r.unit.add(r.metric, v);
  }

  /** Appends a chunk that follows this one in file order. */
  merge(other: ProfileAccumulator): void {
    runNow(this.merging(other));
  }

  /**
   * `merge` as Work (pacer.ts), a unit at a time: on the pool's thread a merge took up to 60 ms of CPU at 20 MB,
   * and more wall time (spilled runs are written as it goes). Stopped part way, the accumulator is spent.
   */
  *merging(other: ProfileAccumulator): Work<void> {
    this.settled = undefined;
    this.records += other.records;
    const pairs = this.running.flatMap((r) => {
      const theirs = other.running.find((o) => o.unit === r.unit);
      return theirs ? [{ r, theirs }] : [];
    });
    yield {
      count: pairs.length,
      run: (from, to) => {
        for (const { r, theirs } of pairs.slice(from, to)) r.unit.merge(r.metric, theirs.metric);
      },
    };
  }

  /**
   * Waits for the units' work still running off the thread and does the work `finish` would do; call before
   * `finish` (analyze.ts does). `jobs`: who runs the work over the spilled tables' partitions and the exact
   * near-duplicate join's search, as batches of finish jobs by phase (finish-jobs.ts, MetricUnit.finishPhase):
   * the pool's threads (a runner), this thread (`'here'`, with `workers: 0`), or nobody (`finish` then does that
   * work itself). Every unit's settle starts before any is awaited: the compression stream finishes while this
   * one does the rest, and the units with no jobs in the last batch settle while it runs (the near-duplicate join
   * below its split, which at 20 MB is 0.4-0.6 s of this thread's CPU, beside the n-gram tables' partitions on the
   * workers; the pool's threads take their jobs without this thread, pool.ts). A unit beside the last batch may give
   * its threads a share of its own work once their jobs are done (`FinishJobRunner.beside`: the join's search from
   * the top, join-split.ts). With `jobs`, the figures' work that no finish job feeds runs beside the last batch too
   * (MetricUnit.figuringAhead), and last the units' figures are made for `finish`, a unit at a time.
   *
   * Everything this thread does here runs between `pacer`'s pauses (pacer.ts): the thread hears an abort only
   * there, and the settle then rejects with the signal's reason.
   */
  async settle(jobs?: FinishJobRunner | 'here', pacer = new Pacer()): Promise<void> {
    /** The last batch of finish jobs started: the units whose jobs it holds, and its results adopted. */
    let batch: { owners: Running[]; adopted: Promise<void> } | undefined;
    if (jobs) {
      const runJobs = jobs === 'here' ? (list: readonly FinishJob[]) => runFinishJobsHere(list, pacer) : jobs;
      const ranges = jobs === 'here' ? FINISH_RANGES_HERE : FINISH_RANGES;
      const phaseOf = (r: Running): number => r.unit.finishPhase?.(r.metric) ?? 0;
      const phases = [...new Set(this.running.map(phaseOf))].sort((a, b) => a - b);
      for (const phase of phases) {
        // A phase's jobs are made once the batch before it has ended, with its threads (MetricUnit.finishPhase).
        await batch?.adopted;
        const units = this.running.filter((r) => phaseOf(r) === phase);
        const list: FinishJob[] = [];
        // The threads take the jobs in list order: a job that is one long step (MetricUnit.finishJobWork, the provenance
        // unit's scoring) comes first, or with several threads it ended the batch on one of them while the others had
        // nothing left (64 MB: one thread 200 ms after the other).
        for (const r of [...units.filter((u) => u.unit.finishJobWork), ...units.filter((u) => !u.unit.finishJobWork)]) {
          for (const job of (await r.unit.finishJobs?.(r.metric, ranges, pacer)) ?? []) list.push({ unit: r.unit.name, job });
          await pacer.pause();
        }
        if (list.length === 0) continue;
        const owners = units.filter((r) => list.some((job) => job.unit === r.unit.name));
        // This thread waits for a batch before the last one; beside the last it settles the units without jobs.
        batch = { owners, adopted: this.adopting(runJobs(list, phase !== phases[phases.length - 1]), list, owners, pacer) };
      }
    }
    const settling = (units: readonly Running[], shared?: (job: FinishJob) => Promise<unknown[]>): Promise<void>[] =>
      units.map((r) => r.unit.settle?.(r.metric, pacer, shared && ((job) => shared({ unit: r.unit.name, job }))) ?? Promise.resolve());
    const last = batch;
    // The units beside the last batch may share their work with its threads once their jobs are done (the join's search).
    const share = last && jobs !== 'here' ? jobs?.beside : undefined;
    // The figures' work ahead (MetricUnit.figuringAhead) waits until a unit beside the batch has shared its work (the
    // join's search, posted once planned), so that share reaches the batch's threads first, or those units are settled.
    let shareMade = (): void => undefined;
    const shareDue = new Promise<void>((resolve) => (shareMade = resolve));
    const shared =
      share &&
      ((job: FinishJob): Promise<unknown[]> => {
        shareMade();
        return share(job);
      });
    const beside = settling(this.running.filter((r) => !last?.owners.includes(r)), shared);
    const ahead = jobs ? Promise.race([shareDue, Promise.allSettled(beside)]).then(() => runPaced(this.figuringAhead(), pacer)) : undefined;
    await pacer.race(Promise.all([...beside, ahead, last?.adopted.then(() => Promise.all(settling(last.owners)))]));
    if (!jobs) return;
    this.settled = { records: this.records, figures: await runPaced(this.figuring(), pacer) };
  }

  /** The units' figures, a unit at a time, as Work (pacer.ts): `finishing` where a unit has it, else `finish` in one step. */
  private *figuring(): Work<UnitFigures[]> {
    const figures: UnitFigures[] = [];
    for (const r of this.running) {
      if (r.unit.finishing) {
        figures.push(yield* r.unit.finishing(r.metric, this.records, this.options));
        continue;
      }
      let made: UnitFigures | undefined;
      yield { count: 1, run: () => (made = r.unit.finish(r.metric, this.records, this.options)) };
      figures.push(made as UnitFigures);
    }
    return figures;
  }

  /** Each unit's `figuringAhead`, a unit at a time, as Work (pacer.ts). */
  private *figuringAhead(): Work<void> {
    for (const r of this.running) if (r.unit.figuringAhead) yield* r.unit.figuringAhead(r.metric, this.options);
  }

  /** A batch's results, once its jobs are done, given to the units whose jobs they are, in job order. */
  private async adopting(batch: Promise<unknown[]>, list: readonly FinishJob[], owners: readonly Running[], pacer: Pacer): Promise<void> {
    const done = await batch;
    for (const r of owners) {
      r.unit.adoptFinishJobs?.(r.metric, done.filter((_, i) => list[i]?.unit === r.unit.name));
      await pacer.pause();
    }
  }

  /**
   * Frees what the units hold outside the heap: their work off the thread (for an accumulator abandoned before
   * `settle`, a cancelled analysis) and the exact tables' temporary files. The accumulator is spent.
   */
  release(): void {
    for (const r of this.running) r.unit.release?.(r.metric);
  }

  toState(): AccumulatorState {
    return runNow(this.stating());
  }

  /** `toState` as Work (pacer.ts), a unit at a time: with `workers: 0` a 20 MB source's took 0.1 s of CPU. */
  *stating(): Work<AccumulatorState> {
    const units: Record<string, unknown> = {};
    yield {
      count: this.running.length,
      run: (from, to) => {
        for (const r of this.running.slice(from, to)) units[r.unit.name] = r.unit.toState(r.metric);
      },
    };
    return { version: 2, options: this.options, records: this.records, units };
  }

  static fromState(s: AccumulatorState): ProfileAccumulator {
    return runNow(ProfileAccumulator.restoring(s));
  }

  /** `fromState` as Work (pacer.ts), a unit at a time. */
  static *restoring(s: AccumulatorState): Work<ProfileAccumulator> {
    const acc = new ProfileAccumulator(s.options);
    acc.records = s.records;
    const units = UNITS.filter((u) => s.units[u.name] !== undefined);
    const running: Running[] = [];
    yield {
      count: units.length,
      run: (from, to) => {
        for (const unit of units.slice(from, to)) running.push({ unit, metric: unit.fromState(s.units[unit.name], s.options) });
      },
    };
    acc.running = running;
    return acc;
  }

  finish(): AccumulatedFigures {
    return runNow(this.finishing());
  }

  /**
   * `finish` as Work (pacer.ts), a unit at a time: for the figures of a sampled source's groups, which the pool's
   * thread makes as their results come in (analyze.ts), after `settle` without jobs.
   */
  *finishing(): Work<AccumulatedFigures> {
    // A unit that is not enabled fills its fields with its `off` zeros; an enabled one's figures stand alone, so a
    // figure it gives none of (a word figure of no word, core/profile.ts) stays absent.
    const parts: UnitFigures[] = UNITS.filter((u) => !this.running.some((r) => r.unit === u)).map((u) => u.off);
    // Used once: a caller may change the figures it is given (the sampled profile's intervals).
    const settled = this.settled?.records === this.records ? this.settled.figures : undefined;
    this.settled = undefined;
    parts.push(...(settled ?? (yield* this.figuring())));
    const estimated = parts.flatMap((p) => p.estimated ?? []);
    // Every field of DiversityMetrics has a unit that fills it, running or `off` (registry.test.ts checks it).
    const metrics = Object.assign({}, ...parts.map((p) => p.metrics)) as DiversityMetrics;
    metrics.estimated = estimated.length > 0 ? estimated : undefined;
    const profile = Object.assign({}, ...parts.map((p) => p.profile)) as Omit<AccumulatedFigures, 'records' | 'metrics'>;
    // No record, no figure: the units' figures over nothing are zeros, which would read as measurements (profile.ts).
    return { records: this.records, ...profile, ...(this.records > 0 ? { metrics } : {}) };
  }
}
