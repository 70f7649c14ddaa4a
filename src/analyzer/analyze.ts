import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Manifest } from '../core/manifest';
import { DEFAULT_SAMPLE_ABOVE_BYTES } from '../core/data-settings';
import { isInside } from '../core/paths';
import { keepIssues, type DataIssue, type DiversityMetrics, type FileProfile, type SourceProfile } from '../core/profile';
import { profileCacheKey, readCachedProfile, writeCachedProfile } from './cache';
import { planChunks, type Chunk } from './chunking';
import { candidateFields, DETECT_RECORDS, planText, type TextPlan } from './extract';
import { accumulatorOptionsFor, GZIP_TEXT_EXPANSION, isUnbounded, ProfileAccumulator, type AccumulatorOptions } from './metrics/accumulator';
import { Pacer, runPaced } from './metrics/pacer';
import { defaultLayout, readingThreads, runTasks, StartedWorkers, type PoolLayout } from './pool';
import { DEFAULT_MAX_RECORD_BYTES, formatOf, IssueLog, readRecords, type DataFormat, type TextMode } from './readers';
import { isGzipPath } from './readers/bytes';
import { attachConfidence, sampleGroups, sampleUnitBytes } from './sample';
import type { Task, TaskResult } from './task';
import { ANALYZER_VERSION } from './version';

export interface AnalyzeProgress {
  bytesDone: number;
  bytesTotal: number;
  file?: string;
}

export interface AnalyzeOptions {
  /** Folder for cached profiles; no caching without it. */
  cacheDir?: string;
  /** Told when a profile could not be written to the cache: a problem of the cache folder, not of the data. */
  onCacheError?: (message: string) => void;
  signal?: AbortSignal;
  onProgress?: (p: AnalyzeProgress) => void;
  /**
   * Worker threads; default: by the cores (defaultLayout: one fewer than the cores, beside the calling thread), or 0
   * (in-thread) for sources under 1 MB.
   */
  workers?: number;
  /** With `workers`, whether the calling thread reads tasks beside them (pool.ts, PoolLayout); default: with the default workers. */
  tasksHere?: boolean;
  /** Sources larger than this are analysed on a uniform sample of about this many bytes. Default 256 MB; Infinity reads every record. */
  sampleAboveBytes?: number;
  /** Every figure exact (core/data-settings.ts): no sketch, whatever memory it takes; reads every record. */
  exact?: boolean;
  /** Most bytes read for one source: larger sources are sampled; unsplittable files above it are skipped. */
  maxBytes?: number;
  /** When given, files outside these folders are never read (each becomes an issue). */
  allowedRoots?: string[];
  /** Plain text files: a record per line (default) or per blank-line paragraph. */
  textMode?: TextMode;
  /** Records above this size are reported and skipped. Default 8 MiB. */
  maxRecordBytes?: number;
  /** Bytes per task; default a quarter of the source per analysing thread (an eighth of it with `workers: 0`), within 1-128 MiB. */
  chunkBytes?: number;
}

export { DEFAULT_SAMPLE_ABOVE_BYTES };
/** Below this a source is analysed in the calling thread: starting workers would cost more than the work. */
const IN_THREAD_BELOW = 1024 * 1024;
/**
 * The tasks a source is cut into with `workers: 0` (at least 1 MiB each). A task's state is saved and merged a unit
 * at a time, each unit in one step, and such a step grows with the task: a 64 MB source read as one task held the
 * thread 213 ms (the compression unit's text copied into its state) and 171 ms (the near-duplicates' sets) of CPU,
 * which an abort waited out. Any cut gives the same figures.
 */
const IN_THREAD_TASKS = 8;
const MAX_SOURCE_ISSUES = 50;

export interface FileEntry {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  format: DataFormat;
}

/** Resolves, confines and stats the files; every file left out becomes an issue saying why. */
export async function admitFiles(files: readonly string[], opts: AnalyzeOptions, issues: DataIssue[]): Promise<FileEntry[]> {
  // The working folder is often also the manifest's: each root once, for the message.
  const roots = opts.allowedRoots ? [...new Set(await Promise.all(opts.allowedRoots.map((r) => realpath(r).catch(() => path.resolve(r)))))] : undefined;
  const out: FileEntry[] = [];
  for (const given of files) {
    const file = path.resolve(given);
    let real: string;
    try {
      real = await realpath(file);
    } catch {
      issues.push({ file, message: 'data file not found' });
      continue;
    }
    if (roots && !roots.some((r) => isInside(r, real))) {
      issues.push({ file, message: `outside the allowed folders (${roots.join(', ')}); not read` });
      continue;
    }
    const st = await stat(real);
    if (!st.isFile()) {
      issues.push({ file, message: 'not a regular file; not read' });
      continue;
    }
    const format = formatOf(real);
    if (!format) {
      issues.push({ file, message: 'unknown data format (expected .jsonl, .json, .csv, .tsv, .txt, .parquet, optionally .gz); not read' });
      continue;
    }
    out.push({ path: real, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, format });
  }
  return out;
}

/** Detects the text fields on the first records of the first file that has any. */
async function detectPlan(entries: readonly FileEntry[], told: readonly string[] | undefined, opts: Required<Pick<AnalyzeOptions, 'textMode' | 'maxRecordBytes'>>, issues: DataIssue[]): Promise<TextPlan> {
  if (told?.length) return planText([], told);
  const sample: unknown[] = [];
  for (const entry of entries) {
    const log = new IssueLog(entry.path);
    for await (const batch of readRecords(entry.path, entry.format, { ...opts, range: undefined }, log)) {
      for (const r of batch) sample.push(r.value);
      if (sample.length >= DETECT_RECORDS) break;
    }
    if (sample.length) break;
  }
  const plan = planText(sample.slice(0, DETECT_RECORDS));
  if (plan.schema === 'unknown' && sample.length && entries[0]) {
    const fields = candidateFields(sample);
    issues.push({
      file: entries[0].path,
      message: `no known text schema (alpaca, dolly, sharegpt, openai-chat, prompt-completion, prompt-response, text, content); name the fields with \`text:\`${fields.length ? ` — string fields found: ${fields.join(', ')}` : ''}`,
    });
  }
  return plan;
}

function splittable(entry: FileEntry): boolean {
  return !isGzipPath(entry.path) && entry.format !== 'json';
}

interface SourceWork {
  sourceId: string;
  entries: FileEntry[];
  issues: DataIssue[];
  told?: string[];
}

/** One file's reading tallies summed over its tasks in file order (the first IssueLog.KEEP issues kept). */
export interface FileTotals {
  records: number;
  malformed: number;
  noText: number;
  issues: DataIssue[];
}

/**
 * A source read into one accumulator, before its figures are finished: what `analyzeSource` profiles, what a
 * shard writes as a partial profile (partial-profile.ts) and what `synthlint merge` adds up from the shards.
 */
export interface SourceReading {
  files: readonly Pick<FileEntry, 'path' | 'size' | 'mtimeMs' | 'format'>[];
  plan: TextPlan;
  /** Problems of the source as a whole: files left out, no known schema. */
  issues: DataIssue[];
  /** Each file's problems met by the chunk planner (empty, binary, no row groups). */
  planIssues: Record<string, DataIssue[]>;
  totals: Record<string, FileTotals>;
  acc: ProfileAccumulator;
}

/** Adds a later task's tallies of one file (file order): counts add up, the first issues are kept. */
export function addFileTotals(into: Record<string, FileTotals>, file: string, later: FileTotals): void {
  const t = (into[file] ??= { records: 0, malformed: 0, noText: 0, issues: [] });
  t.records += later.records;
  t.malformed += later.malformed;
  t.noText += later.noText;
  t.issues = keepIssues([...t.issues, ...later.issues], IssueLog.KEEP);
}

export interface ReadSourceOptions {
  textMode: TextMode;
  maxRecordBytes: number;
  /** Bytes above which the source is sampled (Infinity: read every record). */
  sampleAbove: number;
  /** The budgets each worker's accumulator keeps exact figures within (accumulatorOptionsFor): in every task, so the parts merge. */
  accumulator: Partial<AccumulatorOptions>;
  /**
   * The reading is finished here (not written out as a shard's state): its accumulator, which only merges in
   * order, may compress the texts as a stream (compression.ts), which leaves it no state to move.
   */
  finishHere: boolean;
  /** The threads that read the tasks (pool.ts). */
  layout: PoolLayout;
  /** Worker threads of `layout` already started (pool.ts StartedWorkers): the pool takes them first. */
  started?: StartedWorkers;
  chunkBytes: number;
  /** Keeps only some chunks (a shard's, shard.ts); the rest are neither read nor planned past the last kept. */
  select?: (chunks: AsyncIterable<Chunk>) => AsyncIterable<Chunk>;
  signal?: AbortSignal;
}

/** The sampled groups' figures and sizes, for the totals' scale and the intervals. */
interface Sampling {
  groupMetrics: DiversityMetrics[];
  totalBytes: number;
  sampledBytes: number;
}

/** Reads a source's files (all of them, a uniform sample, or the selected chunks) into one SourceReading. */
export async function readSource(
  entries: FileEntry[],
  told: string[] | undefined,
  issues: DataIssue[],
  opts: ReadSourceOptions,
  progress: (bytes: number) => void,
): Promise<{ reading: SourceReading; sampling?: Sampling }> {
  const { textMode, maxRecordBytes, sampleAbove } = opts;
  const totalBytes = entries.reduce((a, e) => a + e.size, 0);
  const plan = await detectPlan(entries, told, { textMode, maxRecordBytes }, issues);
  const planLogs = new Map(entries.map((e) => [e.path, new IssueLog(e.path)]));
  const planOpts = { textMode, maxRecordBytes, ...(opts.signal ? { signal: opts.signal } : {}) };

  /** `threads`: the source's last chunks are cut finer for that many threads (PlanOptions.taper). */
  async function* chunksOf(unitBytes: number, threads = 1): AsyncGenerator<Chunk> {
    let bytesAfter = totalBytes;
    for (const e of entries) {
      bytesAfter -= e.size;
      const taper = threads > 1 ? { taper: { threads, bytesAfter } } : {};
      yield* planChunks(e.path, e.format, e.size, { ...planOpts, chunkBytes: unitBytes, ...taper }, planLogs.get(e.path) as IssueLog);
    }
  }
  let groups: Chunk[][] | undefined;
  let sampledBytes = totalBytes;
  if (totalBytes > sampleAbove) {
    const units: Chunk[] = [];
    for await (const c of chunksOf(sampleUnitBytes(sampleAbove))) units.push(c);
    groups = sampleGroups(units, sampleAbove);
    sampledBytes = groups.flat().reduce((a, c) => a + c.bytes, 0);
  }
  async function* tasks(): AsyncGenerator<Task> {
    const base = { id: 0, plan, textMode, maxRecordBytes, accumulator: opts.accumulator };
    if (groups) for (const chunks of groups) yield { ...base, chunks };
    // A shard's chunks are cut whole: every shard's process must plan the same ones (shard.ts selects them by index), whatever its threads.
    else for await (const chunk of opts.select ? opts.select(chunksOf(opts.chunkBytes)) : chunksOf(opts.chunkBytes, readingThreads(opts.layout))) yield { ...base, chunks: [chunk] };
  }

  const { accumulator } = opts;
  // The accumulator that finishes the source compresses its texts as they merge (double-gzip.ts).
  const acc = new ProfileAccumulator(opts.finishHere && accumulator.compression ? { ...accumulator, compression: { ...accumulator.compression, stream: true } } : accumulator);
  const groupMetrics: DiversityMetrics[] = [];
  const totals: Record<string, FileTotals> = {};
  // This thread's own work runs between the pacer's pauses, so that it hears an abort (pacer.ts): the results are
  // merged a unit at a time, in the order the pool hands them over, and the settle awaits the last merge.
  const pacer = new Pacer(opts.signal);
  let merged = Promise.resolve();
  /** Results handed over and not merged yet, each with its accumulator once restored: a failed reading releases them too. */
  const unmerged = new Map<TaskResult, ProfileAccumulator | undefined>();
  const onResult = (r: TaskResult): void => {
    unmerged.set(r, undefined);
    merged = merged.then(async () => {
      const part = await runPaced(ProfileAccumulator.restoring(r.state), pacer);
      unmerged.set(r, part);
      // finish() only reads, so the group's figures come from the part itself before it is merged (and spent);
      // only the metrics are kept (the intervals need nothing else), not every group's vocabulary. Settled first,
      // so that its near-duplicate clustering (LSH, the longest step) is paced too.
      if (groups) {
        await part.settle(undefined, pacer);
        // A group that read no record has no figures (accumulator.ts): it says nothing about the spread.
        const { metrics } = await runPaced(part.finishing(), pacer);
        if (metrics) groupMetrics.push(metrics);
      }
      await runPaced(acc.merging(part), pacer);
      unmerged.delete(r);
      for (const f of r.files) addFileTotals(totals, f.file, f);
    });
    // An abort between two merges ends the chain; the settle, if it comes, awaits it and rejects.
    merged.catch(() => undefined);
  };
  try {
    const poolOptions = { ...opts.layout, exact: isUnbounded(accumulator), ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.started ? { started: opts.started } : {}), onBytes: progress };
    await runTasks(tasks(), poolOptions, onResult, async (runJobs) => {
      await merged;
      // A shard's state is written out, not finished: no finish jobs for it. Without workers this thread runs them.
      await acc.settle(opts.finishHere ? (runJobs ?? 'here') : undefined, pacer);
    });
  } catch (err) {
    // A cancelled or failed reading is never finished: its work off the thread stops and its temporary files go now
    // (a result merged in part: its units already merged go with the accumulator, the others with its own; a
    // merge may have moved its state's buffers, so a restored result is released as restored).
    acc.release();
    for (const [r, part] of unmerged) (part ?? ProfileAccumulator.fromState(r.state)).release();
    throw err;
  }
  const planIssues = Object.fromEntries(entries.map((e) => [e.path, planLogs.get(e.path)?.issues ?? []]));
  const reading: SourceReading = { files: entries, plan, issues, planIssues, totals, acc };
  return groups ? { reading, sampling: { groupMetrics, totalBytes, sampledBytes } } : { reading };
}

/** Finishes a reading into the source's profile (scaled to the population when it was sampled). */
export function profileOf(sourceId: string, reading: SourceReading, sampling?: Sampling): SourceProfile {
  const { plan } = reading;
  const files: FileProfile[] = reading.files.map((e) => {
    const t = reading.totals[e.path] ?? { records: 0, malformed: 0, noText: 0, issues: [] };
    const fileIssues = [...(reading.planIssues[e.path] ?? []), ...t.issues];
    if (t.noText > 0 && plan.schema !== 'unknown') {
      fileIssues.push({ file: e.path, message: `${t.noText} of ${t.records} records hold no text in ${plan.fields.join(', ') || 'the record'}` });
    }
    // A file read whole that gave no record and no problem would be profiled as "no problems" with every figure
    // absent; an empty file has its own note from the reader, a sampled one may simply have had no unit drawn.
    if (!sampling && t.records === 0 && t.malformed === 0 && fileIssues.length === 0 && e.size > 0) {
      fileIssues.push({ file: e.path, message: 'no records: the file holds no data (a header alone, an empty array or blank lines)' });
    }
    return { path: e.path, bytes: e.size, format: isGzipPath(e.path) ? `${e.format}.gz` : e.format, records: t.records, malformed: t.malformed, issues: fileIssues };
  });
  const figures = reading.acc.finish();
  const profile: SourceProfile = {
    sourceId,
    analyzerVersion: ANALYZER_VERSION,
    files,
    schema: plan.schema,
    textFields: plan.fields,
    ...figures,
    issues: keepIssues([...reading.issues, ...files.flatMap((f) => f.issues)], MAX_SOURCE_ISSUES),
  };
  if (sampling) {
    // Totals scale by bytes: the units are a uniform sample of the bytes, so records per byte carries over.
    const scale = sampling.sampledBytes > 0 ? sampling.totalBytes / sampling.sampledBytes : 1;
    profile.sample = { size: figures.records, population: Math.round(figures.records * scale) };
    profile.records = profile.sample.population;
    profile.words = Math.round(figures.words * scale);
    profile.chars = Math.round(figures.chars * scale);
    profile.tokensEstimate = Math.round(figures.tokensEstimate * scale);
    attachConfidence(profile.metrics, sampling.groupMetrics);
  }
  return profile;
}

/** Files over the byte limit that cannot be sampled by bytes are left out, each with an issue. */
function withinLimit(entries: FileEntry[], maxBytes: number | undefined, issues: DataIssue[]): FileEntry[] {
  if (maxBytes === undefined) return entries;
  for (const e of entries.filter((x) => !splittable(x) && x.size > maxBytes)) {
    issues.push({ file: e.path, message: `${e.size} bytes is above the ${maxBytes}-byte limit and a ${isGzipPath(e.path) ? 'gzip' : 'JSON'} file cannot be sampled by bytes; skipped`, limit: true });
  }
  return entries.filter((x) => splittable(x) || x.size <= maxBytes);
}

/** What the exact limit compares (accumulatorOptionsFor): the files' bytes, gzip files at their expanded size. */
export function textBytesOf(entries: readonly FileEntry[]): number {
  return entries.reduce((a, e) => a + e.size * (isGzipPath(e.path) ? GZIP_TEXT_EXPANSION : 1), 0);
}

/**
 * The pool's threads: as told (`workers` alone: worker threads, the calling thread only merging), else by the cores
 * (defaultLayout), or none for small sources (starting workers would cost more).
 */
export function layoutFor(bytes: number, opts: Pick<AnalyzeOptions, 'workers' | 'tasksHere'>): PoolLayout {
  if (opts.workers !== undefined) return { workers: opts.workers, here: opts.workers > 0 && opts.tasksHere === true };
  if (bytes < IN_THREAD_BELOW) return { workers: 0, here: false };
  const layout = defaultLayout();
  return opts.tasksHere === undefined ? layout : { ...layout, here: opts.tasksHere };
}

async function analyzeSource(work: SourceWork, opts: AnalyzeOptions, report: (bytes: number) => void): Promise<SourceProfile> {
  const { sourceId, issues } = work;
  // Sampled, skipped and cached bytes are never read: the source's share of progress is topped up at the end.
  let reported = 0;
  const progress = (bytes: number): void => {
    reported += bytes;
    report(bytes);
  };
  const topUp = (): void => {
    const all = work.entries.reduce((a, e) => a + e.size, 0);
    if (reported < all) progress(all - reported);
  };
  const textMode = opts.textMode ?? 'line';
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const exact = opts.exact === true;
  const sampleAbove = exact ? Infinity : Math.min(opts.sampleAboveBytes ?? DEFAULT_SAMPLE_ABOVE_BYTES, opts.maxBytes ?? Infinity);
  const entries = withinLimit(work.entries, opts.maxBytes, issues);
  const totalBytes = entries.reduce((a, e) => a + e.size, 0);
  // The budgets each worker's accumulator keeps exact figures within: carried in every task and in the cache key.
  const accumulator = accumulatorOptionsFor({ exact, sampleAboveBytes: sampleAbove }, textBytesOf(entries));
  // JSON has no Infinity: a full read is keyed as null.
  const optionsKey = {
    text: work.told ?? null,
    textMode,
    maxRecordBytes,
    sampleAbove: Number.isFinite(sampleAbove) ? sampleAbove : null,
    exact,
    accumulator: JSON.stringify(accumulator, (_, v: unknown) => (v === Infinity ? 'Infinity' : v)),
    // The files left out (missing, outside the allowed folders, not regular) are part of the profile: its issues.
    left: issues.map((i) => `${i.file}\u0000${i.message}`),
  };
  // A source with no file to read has nothing worth keeping, and its profile is only its issues.
  const cacheDir = entries.length > 0 ? opts.cacheDir : undefined;
  let key: string | undefined;
  if (cacheDir) {
    key = await profileCacheKey(cacheDir, entries, optionsKey).catch((err: unknown) => {
      opts.onCacheError?.(`profile of '${sourceId}' not cached in ${cacheDir}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    const cached = key === undefined ? undefined : await readCachedProfile(cacheDir, key);
    if (cached) {
      topUp();
      return { ...cached, sourceId, fromCache: true };
    }
  }

  const layout = layoutFor(totalBytes, opts);
  const threads = readingThreads(layout);
  const chunkBytes = opts.chunkBytes ?? Math.min(128 << 20, Math.max(1 << 20, Math.ceil(totalBytes / (threads > 0 ? threads * 4 : IN_THREAD_TASKS))));
  // The workers start now, beside the schema's detection and the first chunks' planning, not after them; those the
  // pool did not take (a failed detection, an abort before the first task) end with the reading.
  const started = layout.workers > 0 ? new StartedWorkers(layout.workers, isUnbounded(accumulator)) : undefined;
  const { reading, sampling } = await readSource(
    entries,
    work.told,
    issues,
    { textMode, maxRecordBytes, sampleAbove, accumulator, finishHere: true, layout, chunkBytes, ...(started ? { started } : {}), ...(opts.signal ? { signal: opts.signal } : {}) },
    progress,
  ).finally(() => started?.end());
  topUp();
  const profile = profileOf(sourceId, reading, sampling);
  reading.acc.release();
  if (cacheDir && key !== undefined) {
    await writeCachedProfile(cacheDir, key, profile).catch((err: unknown) => {
      opts.onCacheError?.(`profile of '${sourceId}' not cached in ${cacheDir}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
  return profile;
}

function progressReporter(opts: AnalyzeOptions, bytesTotal: number): (bytes: number) => void {
  let bytesDone = 0;
  return (bytes) => {
    bytesDone = Math.min(bytesTotal, bytesDone + bytes);
    opts.onProgress?.({ bytesDone, bytesTotal });
  };
}

/** Profiles one source: its files are read together and merged into one SourceProfile. */
export async function analyzeFiles(sourceId: string, files: readonly string[], opts: { text?: string[] } & AnalyzeOptions = {}): Promise<SourceProfile> {
  const issues: DataIssue[] = [];
  const entries = await admitFiles(files, opts, issues);
  const total = entries.reduce((a, e) => a + e.size, 0);
  return analyzeSource({ sourceId, entries, issues, ...(opts.text ? { told: opts.text } : {}) }, opts, progressReporter(opts, total));
}

/**
 * Profiles every source of a manifest that has local files, one source after another (each source
 * already uses every worker). Progress covers the bytes of all sources together.
 */
export async function analyzeManifest(manifest: Manifest, resolvedFiles: ReadonlyMap<string, readonly string[]>, opts: AnalyzeOptions = {}): Promise<Map<string, SourceProfile>> {
  const works: SourceWork[] = [];
  for (const source of manifest.sources) {
    const files = resolvedFiles.get(source.id) ?? [];
    if (files.length === 0) continue;
    const issues: DataIssue[] = [];
    const entries = await admitFiles(files, opts, issues);
    works.push({ sourceId: source.id, entries, issues, ...(source.text?.length ? { told: source.text } : {}) });
  }
  const total = works.reduce((a, w) => a + w.entries.reduce((b, e) => b + e.size, 0), 0);
  const progress = progressReporter(opts, total);
  const profiles = new Map<string, SourceProfile>();
  for (const work of works) {
    opts.signal?.throwIfAborted();
    profiles.set(work.sourceId, await analyzeSource(work, opts, progress));
  }
  return profiles;
}
