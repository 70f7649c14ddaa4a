/**
 * Runs of (key, value) records in temporary files, so that exact n-gram tables (exact-counts.ts,
 * self-repetition-exact.ts) and the near-duplicates' band keys (lsh-clusters.ts) hold a bounded number of keys in
 * memory whatever the size of the source. This module owns the spill folder: every temporary file of an analysis
 * (also spill-records.ts's) is named by `newSpillFile` and goes with the folder. A writer's runs go one after
 * another into one file of its own (`RunFile`). A run is
 * bucketed by the top PARTITION_BITS bits of its keys (53-bit hashes, uniform: hashing.ts), so a reader loads one
 * partition of every run at a time: equal keys of different runs meet in the same partition, and a partition is
 * about 1/256 of the data.
 *
 * Why files and not memory: an exact table holds every distinct n-gram, tens of millions at 64 MiB of text, and
 * every worker plus the merged accumulator would hold theirs. Why one folder per process under the OS temp
 * folder: never beside the user's data, and runs of a cancelled analysis (a terminated worker never deletes its
 * own) go with the folder when the process exits. A finished or cancelled reading has its runs deleted at once, off
 * its thread (`deleteSoon`).
 */
import { closeSync, openSync, readSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { foldersOfDeadProcesses } from '../dead-process-folders.mjs';
import { makeFoldersSync } from '../folders';
import { ScratchTable } from './scratch-table';

const PARTITION_BITS = 8;
export const PARTITIONS = 2 ** PARTITION_BITS;
/** Keys are below 2^53: the partition is the key's top PARTITION_BITS bits. */
const PARTITION_WIDTH = 2 ** (53 - PARTITION_BITS);

/** A run written to a file: moved between threads as its path and where it starts there. */
export interface FileRun {
  spillFile: string;
  /** The run's first byte in the file, which holds its writer's runs one after another (`RunFile`). */
  start: number;
  /** Records before partition p (PARTITIONS + 1 entries, the last one the run's length). */
  offsets: Uint32Array;
  /**
   * The file holds the keys alone and every value is this one, a third less to write and read back than a value
   * beside each key: 0 for a run written without values (a table that only counts distinct keys, exact-counts.ts),
   * 1 for one whose values were all 1 (a counted table's occurrences written as they came: the bigrams', 12 MB of
   * 1s at 20 MB).
   */
  value?: 0 | 1;
}

/** A run's records in memory: how a partial profile carries a run to another machine (`inlineRuns`). */
export interface InlineRun {
  spillKeys: Float64Array;
  spillValues: Uint32Array;
  offsets: Uint32Array;
}

export type SpillRun = FileRun | InlineRun;

/** The records of one partition of a run. */
export interface RunPart {
  keys: Float64Array;
  values: Uint32Array;
}

const FOLDER_PREFIX = 'synthlint-spill-';
const folder = path.join(tmpdir(), `${FOLDER_PREFIX}${process.pid}`);
let written = 0;
let watched = false;

/**
 * Removes the process's spill folder when the process exits, and the empty spill folders of processes that are
 * gone. Worker threads write into the same folder (same pid), so the main thread's hook covers their runs too;
 * called by every exact table, it acts once.
 */
export function watchSpillFolder(): void {
  if (watched || !isMainThread) return;
  watched = true;
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  removeStaleSpillFolders(tmpdir());
}

/**
 * A process killed by a signal leaves its folder (no exit hook runs), usually empty, as every finished table
 * deletes its runs. Only empty ones are removed: a pid that looks dead here may be alive in another pid namespace
 * sharing the temp folder, and an empty folder is recreated by its next run.
 */
export function removeStaleSpillFolders(parent: string): void {
  for (const name of foldersOfDeadProcesses(parent, FOLDER_PREFIX)) {
    try {
      rmdirSync(path.join(parent, name));
    } catch {
      // Not empty, or gone already: left as it is.
    }
  }
}

/**
 * The bucketed copy of the run being written, reused: a thread writes runs one after another, and fresh arrays
 * for each would leave V8 tens of MB of dead buffers per thread between collections.
 */
let bucketedKeys = new Float64Array(0);
let bucketedValues = new Uint32Array(0);

/**
 * The runs of one writer (an exact table, a writer of band keys), appended to one file of the spill folder. A file per
 * run cost a file's creation each, and that was most of the spill's cost on ext4: 254 runs of 512 KiB written to
 * files of their own took 241-717 ms of system CPU, appended to 8 files 31-62 ms (6-12 alternating rounds, load
 * 8-9, docs/benchmarks.md). The runs of a file are deleted together (`deleteRuns`): a table releases all of its runs
 * at once, those it adopted from another table's file included.
 */
export class RunFile {
  private file: string | undefined;
  private bytes = 0;

  /**
   * Appends `keys[i]`, `values[i]` (i < length) as a run, bucketed by partition (a counting sort: no comparison).
   * Without `values` every value is 0, and with values that are all 1 (uncombined) every value is 1: the run then
   * holds the keys alone (`value`). `combine`: records of equal keys become one, their values summed.
   */
  write(keys: Float64Array, values: Uint32Array | undefined, length = keys.length, combine = false): FileRun {
    const value = !values ? 0 : !combine && allOnes(values, length) ? 1 : undefined;
    const { offsets, count } = bucket(keys, value === undefined ? values : undefined, length, combine);
    const spillFile = (this.file ??= newSpillFile('runs'));
    const start = this.bytes;
    const fd = openSync(spillFile, 'a');
    try {
      writeAll(fd, new Uint8Array(bucketedKeys.buffer, 0, count * 8));
      if (value === undefined) writeAll(fd, new Uint8Array(bucketedValues.buffer, 0, count * 4));
    } finally {
      closeSync(fd);
    }
    this.bytes += count * (value === undefined ? 12 : 8);
    return value === undefined ? { spillFile, start, offsets } : { spillFile, start, offsets, value };
  }

  /** `run` as a file run: an inline run (from a partial profile) is appended here, so it stops holding memory. */
  adopt(run: SpillRun): FileRun {
    return 'spillKeys' in run ? this.write(run.spillKeys, run.spillValues) : run;
  }
}

/** `RunFile.write` without the file: the run's records in arrays of its own, for records that need not leave memory. */
export function inlineRunOf(keys: Float64Array, values: Uint32Array | undefined, length = keys.length, combine = false): InlineRun {
  const { offsets, count } = bucket(keys, values, length, combine);
  return { spillKeys: bucketedKeys.slice(0, count), spillValues: values ? bucketedValues.slice(0, count) : new Uint32Array(count), offsets };
}

function allOnes(values: Uint32Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (values[i] !== 1) return false;
  return true;
}

/** A partition's records combined in a table small enough for the fastest cache (a partition is 1/256 of a run). */
const combined = new ScratchTable();

/**
 * Bucket the records into bucketedKeys/bucketedValues by partition; with `combine`, one record per key in each.
 * Without `values`, bucketedValues holds 0s only where combining reads them. Each pass is a function of its own that ends with its loop. V8 optimises a long loop while it runs (on-stack
 * replacement), from the type feedback gathered so far; with every pass in one function, the code made for the first
 * loop met the later ones without feedback and was thrown away, at nearly every run written (111 deoptimisations in
 * a 20 MB profile, each followed by another compile).
 */
function bucket(keys: Float64Array, values: Uint32Array | undefined, length: number, combine: boolean): { offsets: Uint32Array; count: number } {
  // Records before partition p, for p = 0..PARTITIONS (the last entry is `length`).
  const offsets = runningSums(partitionCounts(keys, length));
  if (bucketedKeys.length < length) {
    bucketedKeys = new Float64Array(length);
    bucketedValues = new Uint32Array(length);
  }
  if (!values && combine) bucketedValues.fill(0, 0, length);
  placeRecords(keys, values, length, offsets.slice(0, PARTITIONS));
  return { offsets, count: combine ? combinePartitions(offsets) : length };
}

/** Records in each partition p, at p + 1 (so that their running sums are the records before each partition). */
function partitionCounts(keys: Float64Array, length: number): Uint32Array {
  const counts = new Uint32Array(PARTITIONS + 1);
  for (let i = 0; i < length; i++) {
    const p = partitionOf(keys[i] ?? 0) + 1;
    counts[p] = (counts[p] ?? 0) + 1;
  }
  return counts;
}

/** Each entry plus every one before it, in place. */
function runningSums(counts: Uint32Array): Uint32Array {
  for (let p = 1; p < counts.length; p++) counts[p] = (counts[p] ?? 0) + (counts[p - 1] ?? 0);
  return counts;
}

/** Places each record at its partition's next free slot (`next`, advanced) in bucketedKeys/bucketedValues. */
function placeRecords(keys: Float64Array, values: Uint32Array | undefined, length: number, next: Uint32Array): void {
  const sortedKeys = bucketedKeys;
  const sortedValues = bucketedValues;
  for (let i = 0; i < length; i++) {
    const key = keys[i] ?? 0;
    const p = partitionOf(key);
    const at = next[p] ?? 0;
    next[p] = at + 1;
    sortedKeys[at] = key;
    if (values) sortedValues[at] = values[i] ?? 0;
  }
}

/**
 * Combines each partition's records (equal keys become one, values summed) and writes them back from its start (the
 * write cursor never passes the read one); moves `offsets` to the combined records and returns their count.
 */
function combinePartitions(offsets: Uint32Array): number {
  let to = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    sumRecords(offsets[p] ?? 0, offsets[p + 1] ?? 0);
    offsets[p] = to;
    to = writeCombined(to);
  }
  offsets[PARTITIONS] = to;
  return to;
}

/** Sums bucketedKeys/bucketedValues[from, end) by key into `combined`. */
function sumRecords(from: number, end: number): void {
  const sortedKeys = bucketedKeys;
  const sortedValues = bucketedValues;
  combined.reset(end - from);
  for (let i = from; i < end; i++) combined.add(sortedKeys[i] ?? 0, sortedValues[i] ?? 0);
}

/** Writes `combined`'s keys and sums into bucketedKeys/bucketedValues from `to`; returns the slot after them. */
function writeCombined(to: number): number {
  const sortedKeys = bucketedKeys;
  const sortedValues = bucketedValues;
  let at = to;
  for (let j = 0; j < combined.size; j++) {
    sortedKeys[at] = combined.keyAt(j);
    sortedValues[at++] = combined.sumAt(j);
  }
  return at;
}

/**
 * Deletes the files thread `thread` wrote here (`newSpillFile` names them by thread), for a thread ended part way:
 * the pool's worker of a cancelled analysis, whose task under way left runs that no result holds.
 */
export async function deleteThreadFiles(thread: number): Promise<void> {
  const names = await readdir(folder).catch(() => []);
  for (const name of names) if (name.startsWith(`${thread}-`)) deleteSoon(path.join(folder, name));
}

/** Files to delete, oldest first (`deleteSoon`), and whether they are being deleted. */
const doomed: string[] = [];
let sweeping = false;
/**
 * Files deleted at once, libuv's default pool size: a read queued meanwhile waits for at most one such batch. One at
 * a time, a round trip to the pool each, 2,000-5,000 small files (the unit tests' tables write thousands of 64-key
 * runs) took 0.3-8.6 s to go at load 17-19; four at a time 0.2-3.4 s (4 alternating pairs).
 */
const DELETED_AT_ONCE = 4;

/**
 * Deletes `file` in the background, on libuv's thread pool (DELETED_AT_ONCE at a time), so the thread that releases
 * a table never waits for its files. A cancelled 64 MB source's accumulator holds 300-600 runs (170-310 MB): deleted
 * in the calling thread one `rmSync` after another, they held it 80-270 ms, ~40 ms of it CPU (the kernel freeing
 * their pages), between hearing the abort and settling (docs/benchmarks.md). A file that cannot be deleted, or one
 * left when the process exits first, goes with the folder (`watchSpillFolder`).
 */
export function deleteSoon(file: string): void {
  doomed.push(file);
  if (sweeping) return;
  sweeping = true;
  void (async () => {
    for (let batch = doomed.splice(0, DELETED_AT_ONCE); batch.length > 0; batch = doomed.splice(0, DELETED_AT_ONCE)) {
      await Promise.all(batch.map((name) => unlink(name).catch(() => undefined)));
    }
    sweeping = false;
  })();
}

/** A new file's path in the process's spill folder (created if need be); `kind` names what it holds. */
export function newSpillFile(kind: string): string {
  makeFoldersSync(folder);
  return path.join(folder, `${threadId}-${written++}.${kind}`);
}

/**
 * Runs of records (key, value) written in order: up to `memoryRecords` are held, each full buffer becomes a run
 * file, and `finish` gives the runs, the buffer's records kept in memory when nothing was written. Each
 * partition of a run keeps the records' order (the bucketing is a stable counting sort): lsh-clusters.ts relies on it.
 */
export class RunWriter {
  private readonly keys: Float64Array;
  private readonly values: Uint32Array;
  private length = 0;
  private readonly runs: SpillRun[] = [];
  private readonly file = new RunFile();

  constructor(memoryRecords: number) {
    watchSpillFolder();
    this.keys = new Float64Array(Math.max(1, memoryRecords));
    this.values = new Uint32Array(this.keys.length);
  }

  push(key: number, value: number): void {
    if (this.length === this.keys.length) {
      this.runs.push(this.file.write(this.keys, this.values, this.length));
      this.length = 0;
    }
    this.keys[this.length] = key;
    this.values[this.length++] = value;
  }

  finish(): SpillRun[] {
    if (this.length > 0) this.runs.push(this.runs.length === 0 ? inlineRunOf(this.keys, this.values, this.length) : this.file.write(this.keys, this.values, this.length));
    this.length = 0;
    return this.runs;
  }

  /** The runs written so far, for a writer given up part way (their files are the caller's to delete); the buffer's records are dropped. */
  abandon(): SpillRun[] {
    this.length = 0;
    return this.runs;
  }
}

/**
 * Most bytes given to one `write`. On the 2-core VM the bench runs on, 128 MB written to a new ext4 file in writes of
 * 128 KiB or more took 294-434 ms of system CPU, in writes of 16-64 KiB 29-54 ms, of 4 KiB 117-137 ms (the calls;
 * docs/benchmarks.md). The likely reason, not shown: the page cache takes a write's pages as one folio of up to its
 * size, and the larger ones come from free blocks the host has taken back (free page reporting), faulted in again.
 */
const WRITE_BYTES = 64 * 1024;

export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, Math.min(WRITE_BYTES, bytes.length - done));
}

export function readAll(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error(`spill run ended early at byte ${position + done}`);
    done += n;
  }
}

function partitionOf(key: number): number {
  return Math.floor(key / PARTITION_WIDTH);
}

/** Partitions read from a file run at once: one read per run for this many partitions, not one for each. */
const PARTITIONS_PER_READ = 16;

/** A file run's descriptor (shared by the runs of one file) and the records of the partitions last read from it. */
interface OpenRun {
  fd: number;
  /** The first partition held in `keys`/`values`, or -1. */
  first: number;
  keys: Float64Array;
  values: Uint32Array;
}

/**
 * Reads runs one partition at a time, in increasing order: `parts(p)` gives partition p of every run, as views
 * valid until the next call. Each file is opened once for the whole pass (a pass reads every partition of every
 * run), and each run is read PARTITIONS_PER_READ partitions at a time into buffers of its own; `close` when done.
 */
export class RunReader {
  private readonly open: (OpenRun | undefined)[];
  /** The descriptor of each file the runs are in. */
  private readonly files = new Map<string, number>();

  constructor(private readonly runs: readonly SpillRun[]) {
    this.open = runs.map((run) => {
      if (!('spillFile' in run)) return undefined;
      let fd = this.files.get(run.spillFile);
      if (fd === undefined) {
        fd = openSync(run.spillFile, 'r');
        this.files.set(run.spillFile, fd);
      }
      const spare = spareBuffers.pop();
      return { fd, first: -1, keys: spare?.keys ?? new Float64Array(0), values: spare?.values ?? new Uint32Array(0) };
    });
  }

  parts(p: number): RunPart[] {
    return this.runs.map((run, i) => {
      const from = run.offsets[p] ?? 0;
      const to = run.offsets[p + 1] ?? 0;
      if ('spillKeys' in run) return { keys: run.spillKeys.subarray(from, to), values: run.spillValues.subarray(from, to) };
      const open = this.open[i] as OpenRun;
      const first = p - (p % PARTITIONS_PER_READ);
      if (open.first !== first) readPartitions(run, open, first);
      const base = run.offsets[first] ?? 0;
      return { keys: open.keys.subarray(from - base, to - base), values: run.value === undefined ? open.values.subarray(from - base, to - base) : valuesOf(run.value, to - from) };
    });
  }

  close(): void {
    for (const open of this.open) if (open) spareBuffers.push({ keys: open.keys, values: open.values });
    for (const fd of this.files.values()) closeSync(fd);
    this.open.length = 0;
    this.files.clear();
  }
}

/** The values of keys-only runs' parts (`FileRun.value`), never written: 0s and 1s, grown to the longest part read. */
const constant: Uint32Array[] = [new Uint32Array(0), new Uint32Array(0)];

function valuesOf(value: 0 | 1, length: number): Uint32Array {
  let values = constant[value] as Uint32Array;
  if (values.length < length) {
    values = new Uint32Array(Math.max(length, 2 * values.length)).fill(value);
    constant[value] = values;
  }
  return values.subarray(0, length);
}

/**
 * Read buffers of closed readers, for the next: a thread reads its tables one after another, each pass with a
 * buffer per run, and allocating them afresh (zero-filled) for every pass cost a tenth of the reading.
 */
const spareBuffers: { keys: Float64Array; values: Uint32Array }[] = [];

/** Reads partitions first..first+PARTITIONS_PER_READ of a file run into its buffers (grown, never shrunk, within a pass). */
function readPartitions(run: FileRun, open: OpenRun, first: number): void {
  const from = run.offsets[first] ?? 0;
  const to = run.offsets[Math.min(PARTITIONS, first + PARTITIONS_PER_READ)] ?? 0;
  if (open.keys.length < to - from) {
    open.keys = new Float64Array(to - from);
    open.values = new Uint32Array(to - from);
  }
  const length = run.offsets[PARTITIONS] ?? 0;
  readAll(open.fd, new Uint8Array(open.keys.buffer, 0, (to - from) * 8), run.start + from * 8);
  if (run.value === undefined) readAll(open.fd, new Uint8Array(open.values.buffer, 0, (to - from) * 4), run.start + length * 8 + from * 4);
  open.first = first;
}

/** Deletes the files of `runs` in the background (`deleteSoon`), each once: every run in them goes too. */
export function deleteRuns(runs: readonly SpillRun[]): void {
  for (const file of new Set(runs.flatMap((run) => ('spillFile' in run ? [run.spillFile] : [])))) deleteSoon(file);
}

/**
 * `state` with every file run (and every file of fixed-width records, spill-records.ts) replaced by its records, for a state that leaves this machine (a shard's partial
 * profile): the files stay here. Walks plain data, as state-json.ts does.
 */
export function inlineRuns<T>(state: T): T {
  return inlined(state) as T;
}

function inlined(state: unknown): unknown {
  if (ArrayBuffer.isView(state) || typeof state !== 'object' || state === null) return state;
  if (Array.isArray(state)) return state.map(inlined);
  const record = state as Record<string, unknown>;
  if (typeof record.spillFile === 'string' && typeof record.start === 'number' && record.offsets instanceof Uint32Array) {
    const run: FileRun = { spillFile: record.spillFile, start: record.start, offsets: record.offsets };
    return inlineRun(record.value === 0 || record.value === 1 ? { ...run, value: record.value } : run);
  }
  if (typeof record.recordFile === 'string' && typeof record.bytes === 'number') return { recordData: readWhole(record.recordFile, record.bytes) };
  return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, inlined(child)]));
}

function inlineRun(run: FileRun): InlineRun {
  const length = run.offsets[PARTITIONS] ?? 0;
  const spillKeys = new Float64Array(length);
  const spillValues = new Uint32Array(length);
  const fd = openSync(run.spillFile, 'r');
  try {
    readAll(fd, new Uint8Array(spillKeys.buffer), run.start);
    if (run.value === undefined) readAll(fd, new Uint8Array(spillValues.buffer), run.start + length * 8);
    else spillValues.fill(run.value);
  } finally {
    closeSync(fd);
  }
  return { spillKeys, spillValues, offsets: run.offsets };
}

function readWhole(file: string, bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  const fd = openSync(file, 'r');
  try {
    readAll(fd, data, 0);
  } finally {
    closeSync(fd);
  }
  return data;
}
