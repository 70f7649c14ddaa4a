/**
 * Runs of (key, value) records in temporary files, so that exact n-gram tables (exact-counts.ts,
 * self-repetition-exact.ts) hold a bounded number of keys in memory whatever the size of the source. A run is
 * bucketed by the top PARTITION_BITS bits of its keys (53-bit hashes, uniform: hashing.ts), so a reader loads one
 * partition of every run at a time: equal keys of different runs meet in the same partition, and a partition is
 * about 1/256 of the data.
 *
 * Why files and not memory: an exact table holds every distinct n-gram, tens of millions at 64 MiB of text, and
 * every worker plus the merged accumulator would hold theirs. Why one folder per process under the OS temp
 * folder: never beside the user's data, and runs of a cancelled analysis (a terminated worker never deletes its
 * own) go with the folder when the process exits. A finished reading deletes its runs at once (`deleteRun`).
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';

const PARTITION_BITS = 8;
export const PARTITIONS = 2 ** PARTITION_BITS;
/** Keys are below 2^53: the partition is the key's top PARTITION_BITS bits. */
const PARTITION_WIDTH = 2 ** (53 - PARTITION_BITS);

/** A run written to a file: moved between threads as its path. */
export interface FileRun {
  spillFile: string;
  /** Records before partition p (PARTITIONS + 1 entries, the last one the run's length). */
  offsets: Uint32Array;
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

const folder = path.join(tmpdir(), `synthlint-spill-${process.pid}`);
let written = 0;
let watched = false;

/**
 * Removes the process's spill folder when the process exits. Worker threads write into the same folder (same
 * pid), so the main thread's hook covers their runs too; called by every exact table, it registers once.
 */
export function watchSpillFolder(): void {
  if (watched || !isMainThread) return;
  watched = true;
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}

/**
 * The bucketed copy of the run being written, reused: a thread writes runs one after another, and fresh arrays
 * for each would leave V8 tens of MB of dead buffers per thread between collections.
 */
let bucketedKeys = new Float64Array(0);
let bucketedValues = new Uint32Array(0);

/**
 * Writes `keys[i]`, `values[i]` (i < length; values 0 without `values`) as a run, bucketed by partition (a
 * counting sort: no comparison).
 */
export function writeRun(keys: Float64Array, values: Uint32Array | undefined, length = keys.length): FileRun {
  const offsets = new Uint32Array(PARTITIONS + 1);
  for (let i = 0; i < length; i++) {
    const p = partitionOf(keys[i] ?? 0) + 1;
    offsets[p] = (offsets[p] ?? 0) + 1;
  }
  for (let p = 0; p < PARTITIONS; p++) offsets[p + 1] = (offsets[p + 1] ?? 0) + (offsets[p] ?? 0);
  const next = offsets.slice(0, PARTITIONS);
  if (bucketedKeys.length < length) {
    bucketedKeys = new Float64Array(length);
    bucketedValues = new Uint32Array(length);
  }
  const sortedKeys = bucketedKeys.subarray(0, length);
  const sortedValues = bucketedValues.subarray(0, length);
  if (!values) sortedValues.fill(0);
  for (let i = 0; i < length; i++) {
    const key = keys[i] ?? 0;
    const p = partitionOf(key);
    const at = next[p] ?? 0;
    next[p] = at + 1;
    sortedKeys[at] = key;
    if (values) sortedValues[at] = values[i] ?? 0;
  }
  mkdirSync(folder, { recursive: true });
  const spillFile = path.join(folder, `${threadId}-${written++}.run`);
  const fd = openSync(spillFile, 'w');
  try {
    writeAll(fd, new Uint8Array(sortedKeys.buffer, 0, sortedKeys.byteLength));
    writeAll(fd, new Uint8Array(sortedValues.buffer, 0, sortedValues.byteLength));
  } finally {
    closeSync(fd);
  }
  return { spillFile, offsets };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

function readAll(fd: number, into: Uint8Array, position: number): void {
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

/**
 * Reads runs one partition at a time: `parts(p)` gives partition p of every run. Each file is opened once for
 * the whole pass (a pass reads every partition of every run); `close` when done.
 */
export class RunReader {
  private readonly fds: number[] = [];

  constructor(private readonly runs: readonly SpillRun[]) {
    for (const run of runs) this.fds.push('spillFile' in run ? openSync(run.spillFile, 'r') : -1);
  }

  parts(p: number): RunPart[] {
    return this.runs.map((run, i) => {
      const from = run.offsets[p] ?? 0;
      const to = run.offsets[p + 1] ?? 0;
      if ('spillKeys' in run) return { keys: run.spillKeys.subarray(from, to), values: run.spillValues.subarray(from, to) };
      const fd = this.fds[i] ?? -1;
      const length = run.offsets[PARTITIONS] ?? 0;
      const keys = new Float64Array(to - from);
      const values = new Uint32Array(to - from);
      readAll(fd, new Uint8Array(keys.buffer), from * 8);
      readAll(fd, new Uint8Array(values.buffer), length * 8 + from * 4);
      return { keys, values };
    });
  }

  close(): void {
    for (const fd of this.fds) if (fd >= 0) closeSync(fd);
    this.fds.length = 0;
  }
}

/** A run as a file: an inline run (from a partial profile) is written out, so it stops holding memory. */
export function toFileRun(run: SpillRun): FileRun {
  return 'spillKeys' in run ? writeRun(run.spillKeys, run.spillValues) : run;
}

export function deleteRun(run: SpillRun): void {
  if ('spillFile' in run) rmSync(run.spillFile, { force: true });
}

/**
 * `state` with every file run replaced by its records, for a state that leaves this machine (a shard's partial
 * profile): the files stay here. Walks plain data, as state-json.ts does.
 */
export function inlineRuns<T>(state: T): T {
  return inlined(state) as T;
}

function inlined(state: unknown): unknown {
  if (ArrayBuffer.isView(state) || typeof state !== 'object' || state === null) return state;
  if (Array.isArray(state)) return state.map(inlined);
  const record = state as Record<string, unknown>;
  if (typeof record.spillFile === 'string' && record.offsets instanceof Uint32Array) return inlineRun({ spillFile: record.spillFile, offsets: record.offsets });
  return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, inlined(child)]));
}

function inlineRun(run: FileRun): InlineRun {
  const length = run.offsets[PARTITIONS] ?? 0;
  const spillKeys = new Float64Array(length);
  const spillValues = new Uint32Array(length);
  const fd = openSync(run.spillFile, 'r');
  try {
    readAll(fd, new Uint8Array(spillKeys.buffer), 0);
    readAll(fd, new Uint8Array(spillValues.buffer), length * 8);
  } finally {
    closeSync(fd);
  }
  return { spillKeys, spillValues, offsets: run.offsets };
}
