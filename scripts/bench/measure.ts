/**
 * One benchmark measurement, run by scripts/bench.mjs in a fresh `node --import tsx` process so that each
 * figure (above all the peak RSS, which a process only ever raises) belongs to that measurement alone.
 * Usage: node --import tsx scripts/bench/measure.ts <task> '<json args>'; prints one JSON line.
 *
 * It runs the analyzer from the sources (tsx transpiles them) and the pool's threads run dist/worker.js, which
 * `npm run bench` builds first. The `profile` task runs from this file bundled as dist/'s bundles are (bench.mjs,
 * bundledMeasure): under tsx the pool's thread read a task for 1.8-2.0x the worker's CPU, bundled for 0.9-1.0x.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { analyzeFiles } from '../../src/analyzer/analyze';
import { TextExtractor, planText } from '../../src/analyzer/extract';
import { accumulatorOptionsFor, EXACT_LIMIT_BYTES, metricNames, ProfileAccumulator } from '../../src/analyzer/metrics/accumulator';
import { defaultLayout, type PoolLayout } from '../../src/analyzer/pool';
import { workerScript } from '../../src/analyzer/worker-script';
import { DEFAULT_MAX_RECORD_BYTES, IssueLog, readRecords } from '../../src/analyzer/readers';
import { effectiveRules } from '../../src/core/config';
import { DEFAULT_DATA_SETTINGS } from '../../src/core/data-settings';
import { lint } from '../../src/core/lint';
import { defaultRegistry } from '../../src/core/provenance/default-registry';
import { parseManifest } from '../../src/core/parse';
import type { RowRef } from '../../src/core/profile';
import { lintFile } from '../../src/project/index';
import { lintDocument, newLintThread, THREAD_LINT_BYTES } from '../../src/server/lint-document';

type Args = Record<string, unknown>;

/**
 * `workers: null` means the analyzer's default layout for the cores this process may use (defaultLayout: one
 * worker fewer than the cores, beside the pool's thread), as the CLI and the server run it; else `workers` worker
 * threads, and the pool's thread reading tasks too when `here` is true.
 */
const layoutOf = (args: Args): PoolLayout =>
  args.workers === null || args.workers === undefined ? defaultLayout() : { workers: Number(args.workers), here: args.here === true };

/** Peak resident memory of this process, worker threads included, in bytes. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Every metric on its own over texts already in memory, so the figure is the metric's cost, not the reader's: with
 * the options a source of this size is profiled with (within the exact limit: the spilling exact tables, the exact
 * near-duplicate join, one compression stream), and its end as a profile makes it (`settle` in this thread, then
 * `finish`). With the default sketch options it timed work a source within the limit never does (MinHash-LSH).
 */
async function metrics(args: Args): Promise<unknown> {
  const file = String(args.file);
  const bytes = statSync(file).size;
  const texts: string[] = [];
  const rows: RowRef[] = [];
  const readStart = performance.now();
  let extractor: TextExtractor | undefined;
  for await (const batch of readRecords(file, 'jsonl', { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, textMode: 'line' }, new IssueLog(file))) {
    extractor ??= new TextExtractor(planText(batch.slice(0, 50).map((r) => r.value)));
    for (const { value, row } of batch) {
      const text = extractor.text(value)?.text;
      if (text !== undefined) {
        texts.push(text);
        rows.push(row);
      }
    }
  }
  const readMs = performance.now() - readStart;
  const options = accumulatorOptionsFor(DEFAULT_DATA_SETTINGS, bytes);
  const timeUnits = async (units: readonly (typeof metricNames)[number][]): Promise<number> => {
    const acc = new ProfileAccumulator({ ...options, metrics: units });
    const start = performance.now();
    for (let i = 0; i < texts.length; i++) acc.add(texts[i] as string, rows[i] as RowRef);
    await acc.settle('here');
    acc.finish();
    const ms = performance.now() - start;
    acc.release();
    return ms;
  };
  const each: Record<string, number> = {};
  for (const name of metricNames) each[name] = await timeUnits([name]);
  return { bytes, records: texts.length, readMs, each, allMs: await timeUnits(metricNames), exact: bytes <= EXACT_LIMIT_BYTES };
}

/** A whole profile through analyzeFiles, as the CLI and the server run it. */
async function profile(args: Args): Promise<unknown> {
  const file = String(args.file);
  const { workers, here } = layoutOf(args);
  if (workers > 0 && !workerScript()) throw new Error('dist/worker.js is missing: run npm run build');
  const sampleAboveBytes = args.sampleAboveBytes === null || args.sampleAboveBytes === undefined ? undefined : Number(args.sampleAboveBytes);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await analyzeFiles('bench', [file], { workers, tasksHere: here, ...(sampleAboveBytes === undefined ? {} : { sampleAboveBytes }) });
  const ms = performance.now() - start;
  // The whole process's CPU (every thread): what a core count cannot change, beside the wall time it can.
  const cpu = process.cpuUsage(cpuStart);
  const bytes = statSync(file).size;
  // A sampled profile read only its sample: scale the file's bytes by the share of records analysed.
  const analyzedBytes = result.sample ? Math.round((bytes * result.sample.size) / result.sample.population) : bytes;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes, analyzedBytes, workers, here, records: result.records, sampled: result.sample !== undefined, estimated: result.metrics?.estimated ?? [], peakRss: peakRss() };
}

/** Where a run stood when its abort came due: reading (the share of its bytes), or at the source's end. */
interface RunPhase {
  bytesDone: number;
  bytesTotal: number;
  /** When the last byte was read, from the run's start (ms); undefined while reading. */
  readMs?: number;
}

/** CPU time of the calling thread in ms (Linux: /proc/thread-self/schedstat), or undefined. */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * One full analysis, aborted `abortMs` after its start (never, when undefined). The latency runs from the moment
 * the abort was due to the moment the analysis settled: the abort is a timer here, as it is a message in the
 * language server or SIGINT in the CLI, and a timer runs only once the thread is free, so a thread busy when it
 * is due counts in full. `cpuMs`: this thread's CPU time over the same wait, from its last turn of the event loop
 * before the abort was due (a 1 ms tick): what the thread ran before it heard the abort, which other processes'
 * load does not stretch as it stretches the wall time. `phase`: where the run stood when the abort came due.
 */
async function abortedRun(file: string, { workers, here }: PoolLayout, abortMs: number | undefined): Promise<{ ms: number; phase: RunPhase; latencyMs?: number; cpuMs?: number }> {
  const controller = new AbortController();
  const phase: RunPhase = { bytesDone: 0, bytesTotal: 1 };
  const start = performance.now();
  const run = analyzeFiles('bench', [file], {
    workers,
    tasksHere: here,
    signal: controller.signal,
    sampleAboveBytes: Infinity,
    onProgress: (p) => {
      phase.bytesDone = p.bytesDone;
      phase.bytesTotal = p.bytesTotal;
      if (p.bytesDone >= p.bytesTotal) phase.readMs ??= performance.now() - start;
    },
  });
  const dueAt = abortMs === undefined ? undefined : start + abortMs;
  let cpuBeforeDue = threadCpuMs();
  const tick = dueAt === undefined ? undefined : setInterval(() => performance.now() < dueAt && (cpuBeforeDue = threadCpuMs()), 1);
  let dueIn: RunPhase | undefined;
  const timer =
    abortMs === undefined
      ? undefined
      : setTimeout(() => {
          dueIn = { ...phase };
          controller.abort();
        }, abortMs);
  const aborted = await run.then(
    () => false,
    (error: unknown) => {
      if (!controller.signal.aborted) throw error;
      return true;
    },
  );
  const settledAt = performance.now();
  const cpuAt = threadCpuMs();
  clearTimeout(timer);
  clearInterval(tick);
  const cpuMs = cpuAt === undefined || cpuBeforeDue === undefined ? {} : { cpuMs: cpuAt - cpuBeforeDue };
  return { ms: settledAt - start, phase: dueIn ?? phase, ...(aborted && dueAt !== undefined ? { latencyMs: settledAt - dueAt, ...cpuMs } : {}) };
}

/**
 * The worst wait for an abort across a whole run: two full runs are timed (the first also warms the code; the
 * shorter one counts), then `points` runs are aborted at evenly spaced moments of it (the middles of `points` equal
 * parts), from the reading through the source's end (the merges, the finish jobs, the near-duplicate join, the
 * figures). A run that finished before its abort came due (the machine sped up) is reported as such.
 */
async function cancel(args: Args): Promise<unknown> {
  const file = String(args.file);
  const layout = layoutOf(args);
  const points = Number(args.points);
  const first = await abortedRun(file, layout, undefined);
  const second = await abortedRun(file, layout, undefined);
  const full = second.ms < first.ms ? second : first;
  const aborts: { atMs: number; latencyMs?: number; cpuMs?: number; phase: RunPhase }[] = [];
  for (let i = 0; i < points; i++) {
    const atMs = (full.ms * (i + 0.5)) / points;
    const { phase, latencyMs, cpuMs } = await abortedRun(file, layout, atMs);
    aborts.push({ atMs, phase, ...(latencyMs === undefined ? {} : { latencyMs }), ...(cpuMs === undefined ? {} : { cpuMs }) });
  }
  return { ...layout, fullMs: full.ms, readMs: full.phase.readMs, aborts };
}

/** The editor's on-type work for one manifest: parse + manifest rules (core), and lintFile as the server calls it. */
async function editor(args: Args): Promise<unknown> {
  const file = String(args.file);
  const text = readFileSync(file, 'utf8');
  const rules = effectiveRules(undefined, file, dirname(file));
  const runs = Number(args.runs);
  const core: number[] = [];
  const coreCpu: number[] = [];
  const server: number[] = [];
  let sources = 0;
  let findings = 0;
  // The garbage collections that start inside the measured core runs: with the CPU time, figures a loaded machine
  // bends less than the wall time. GC entries arrive after the fact, so they are matched to the runs by start time.
  const windows: [number, number][] = [];
  const gcStarts: number[] = [];
  const gcs = new PerformanceObserver((list) => gcStarts.push(...list.getEntries().map((e) => e.startTime)));
  gcs.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < runs + 5; i++) {
    const cpuStart = process.cpuUsage();
    let start = performance.now();
    const parse = parseManifest(file, text);
    findings = lint({ file, text, parse, rules }).length;
    const coreMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    if (i >= 5) windows.push([start, start + coreMs]);
    start = performance.now();
    const linted = await lintFile(file, { text, data: false });
    const serverMs = performance.now() - start;
    sources = linted.manifest?.sources.length ?? 0;
    // The first runs warm the JIT; an editor lints the same file many times.
    if (i >= 5) {
      core.push(coreMs);
      coreCpu.push((cpu.user + cpu.system) / 1000);
      server.push(serverMs);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  gcs.disconnect();
  const coreGcs = gcStarts.filter((t) => windows.some(([from, to]) => t >= from && t <= to)).length;
  // What the user waits for on each edit: lintDocument as the server's Workspace calls it, the lint thread for a
  // file over THREAD_LINT_BYTES (config, globs, report, and the result copied back to the server's thread). The
  // CPU time is the process's, the lint thread's included.
  const thread = newLintThread();
  if (Buffer.byteLength(text) > THREAD_LINT_BYTES && !thread) throw new Error('dist/lint-worker.js is missing: run npm run build');
  const job = { file, text, kept: new Map(), readRoots: [dirname(file)], root: dirname(file) };
  const options = { configCache: new Map(), signal: new AbortController().signal, thread };
  const edit: number[] = [];
  const editCpu: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await lintDocument(job, options);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    if (i >= 5) {
      edit.push(ms);
      editCpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  return { sources, findings, core, coreCpu, coreGcs, server, edit, editCpu, threadsStarted: thread?.threadsStarted ?? 0 };
}

/** The provenance registry's first load (what the server pays once, on the first manifest that names a dataset). */
async function registry(): Promise<unknown> {
  const start = performance.now();
  const entries = defaultRegistry().size;
  return { loadMs: performance.now() - start, entries };
}

const TASKS: Record<string, (args: Args) => Promise<unknown>> = { metrics, profile, cancel, editor, registry };

const [task = '', json = '{}'] = process.argv.slice(2);
const run = TASKS[task];
if (!run) {
  process.stderr.write(`unknown task '${task}' (${Object.keys(TASKS).join(', ')})\n`);
  process.exit(2);
}
run(JSON.parse(json) as Args).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
