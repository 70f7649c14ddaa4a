/**
 * Shards of one source for running its profile on many machines (`synthlint profile --shard i/n`, merged by
 * `synthlint merge`, partial-profile.ts). A shard is a contiguous, record-aligned byte range of the source:
 * the files are cut by the chunk planner (chunking.ts) at a granularity fixed by the source's size and `n`
 * alone, and chunk k, starting at byte offset p of the source (files in the order given), belongs to shard
 * ⌊p·n / size⌋. So every machine plans the same cuts without talking to the others, each record lies in
 * exactly one shard, rows keep their true line numbers, and merging the shards in order is merging the
 * chunks in file order — which the accumulator does exactly (accumulator.ts), as a single run does with its
 * worker chunks. Record index mod n was the alternative; it would break that file order (openings, the
 * first-N signatures and the compression blocks depend on it). Unsplittable files (gzip, a JSON array) are
 * one chunk and so lie wholly in one shard; a shard may be empty when records are large against size/n.
 */
import { createHash } from 'node:crypto';
import type { DataIssue } from '../core/profile';
import { admitFiles, readSource, textBytesOf, layoutFor, type SourceReading } from './analyze';
import type { Chunk } from './chunking';
import { accumulatorOptionsFor } from './metrics/accumulator';
import { openDataFile } from './open-file';
import { DEFAULT_MAX_RECORD_BYTES, type TextMode } from './readers';

export interface ShardSpec {
  /** 0-based. */
  index: number;
  count: number;
}

/** Most shards of one source: far beyond any cluster's useful split, small enough to list what is missing. */
export const MAX_SHARDS = 100_000;

/** `i/n` with 0 ≤ i < n, or why not. */
export function parseShardSpec(text: string): ShardSpec | { error: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return { error: `'${text}' is not a shard: write i/n, e.g. 0/8 for the first of 8 shards.` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return { error: `shard count ${count} is out of range (1-${MAX_SHARDS}).` };
  if (index >= count) return { error: `shard index ${index} is out of range: shards of ${count} are numbered 0 to ${count - 1}.` };
  return { index, count };
}

/**
 * Chunk size of a sharded source: about 8 chunks a shard, so a shard still spreads over its machine's
 * cores, within 64 KiB and 128 MiB. It depends on nothing but the size and `n` (not on the cores).
 */
export function shardChunkBytes(totalBytes: number, count: number): number {
  return Math.min(128 << 20, Math.max(64 << 10, Math.ceil(totalBytes / (count * 8))));
}

/** The owner of the chunk starting at byte `at` of a source of `totalBytes`. */
export function shardOf(at: number, totalBytes: number, count: number): number {
  return totalBytes > 0 ? Math.min(count - 1, Math.floor((at / totalBytes) * count)) : 0;
}

/** The chunks of `shard`, in order; planning stops at the first chunk of a later shard. */
export async function* shardChunks(chunks: AsyncIterable<Chunk>, totalBytes: number, shard: ShardSpec): AsyncGenerator<Chunk> {
  let at = 0;
  for await (const chunk of chunks) {
    const owner = shardOf(at, totalBytes, shard.count);
    at += chunk.bytes;
    if (owner === shard.index) yield chunk;
    else if (owner > shard.index) return;
  }
}

/** Bytes read from each end of a file for its fingerprint. */
const FINGERPRINT_BYTES = 64 * 1024;

/**
 * Identifies a file's content across machines (where modification times differ after a copy): SHA-256 of
 * its size and its first and last 64 KiB, read in microseconds. It tells shards of different files or
 * versions apart, except a same-size edit confined to the middle of a file (docs/scale-out.md says so).
 */
export async function fileFingerprint(file: string): Promise<string> {
  const { handle, size } = await openDataFile(file);
  try {
    const hash = createHash('sha256').update(String(size));
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    const tailStart = Math.max(head.length, size - FINGERPRINT_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    await handle.read(tail, 0, tail.length, tailStart);
    return hash.update(tail).digest('hex');
  } finally {
    await handle.close();
  }
}

export interface ShardOptions {
  text?: string[];
  textMode?: TextMode;
  maxRecordBytes?: number;
  /** Every figure exact: the accumulator's budgets lifted (accumulatorOptionsFor), as `profile --exact`. */
  exact?: boolean;
  /** Worker threads for the shard's chunks; default: by the cores (defaultLayout, pool.ts). */
  workers?: number;
  signal?: AbortSignal;
}

export interface ShardReading {
  reading: SourceReading;
  /** Each file's fingerprint, in the order of `reading.files`. */
  fingerprints: string[];
  textMode: TextMode;
  maxRecordBytes: number;
}

/** Reads one shard of a source, every record of it (no sampling: the shards together are the whole source). */
export async function readShard(files: readonly string[], shard: ShardSpec, opts: ShardOptions = {}): Promise<ShardReading> {
  const issues: DataIssue[] = [];
  const entries = await admitFiles(files, {}, issues);
  const totalBytes = entries.reduce((a, e) => a + e.size, 0);
  const textMode = opts.textMode ?? 'line';
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const { reading } = await readSource(
    entries,
    opts.text,
    issues,
    {
      textMode,
      maxRecordBytes,
      sampleAbove: Infinity,
      // The whole source's budgets, as one run would choose them: every shard the same, so the states merge.
      accumulator: accumulatorOptionsFor({ exact: opts.exact === true, sampleAboveBytes: Infinity }, textBytesOf(entries)),
      finishHere: false,
      layout: layoutFor(totalBytes / shard.count, opts),
      chunkBytes: shardChunkBytes(totalBytes, shard.count),
      select: (chunks) => shardChunks(chunks, totalBytes, shard),
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
    () => undefined,
  );
  const fingerprints = await Promise.all(entries.map((e) => fileFingerprint(e.path)));
  return { reading, fingerprints, textMode, maxRecordBytes };
}
