import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type Compressors, type FileMetaData } from 'hyparquet';
import { limitHint } from '../../core/limits';
import { activeLimits, openDataFile } from '../open-file';
import { isGzipPath } from './bytes';
import type { IssueLog, RawRecord, ReadOptions } from './types';

/** hyparquet decodes SNAPPY itself; node's zlib covers GZIP and BROTLI. ZSTD/LZ4 files get an issue. */
const compressors: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

/** Slices of an opened file, for hyparquet (whose own asyncBufferFromFile opens the path again on every read). */
function bufferOf(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end = size) {
      const bytes = new Uint8Array(Math.max(0, end - start));
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await handle.read(bytes, done, bytes.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/**
 * A Parquet file's metadata, within budgets: the footer (Thrift, parsed whole) is measured before it is parsed,
 * and the row groups and columns it declares are counted before any is planned or read. A file built to have
 * millions of row groups would otherwise cost minutes and gigabytes before the first record. Throws an Error
 * whose message says which budget and how to raise it.
 */
/** A Parquet file over one of the metadata budgets (reported as a DataIssue.limit). */
class MetadataBudgetError extends Error {}

export async function boundedMetadata(buffer: AsyncBuffer): Promise<FileMetaData> {
  const limits = activeLimits();
  // hyparquet fetches the last 512 KB for the footer unless told its size: over the network that is most of a
  // sample's budget for a footer of a few KB.
  let initialFetchSize: number | undefined;
  if (buffer.byteLength >= 12) {
    const tail = new DataView(await buffer.slice(buffer.byteLength - 8, buffer.byteLength));
    const footer = tail.getUint32(0, true);
    if (footer > limits.parquetFooterBytes) throw new MetadataBudgetError(`its metadata footer is ${footer} bytes (${limitHint('parquetFooterBytes', limits)})`);
    initialFetchSize = Math.min(buffer.byteLength, footer + 8);
  }
  const meta = await parquetMetadataAsync(buffer, initialFetchSize === undefined ? {} : { initialFetchSize });
  if (meta.row_groups.length > limits.parquetRowGroups) throw new MetadataBudgetError(`it has ${meta.row_groups.length} row groups (${limitHint('parquetRowGroups', limits)})`);
  if (meta.schema.length - 1 > limits.parquetColumns) throw new MetadataBudgetError(`it has ${meta.schema.length - 1} columns (${limitHint('parquetColumns', limits)})`);
  return meta;
}

/** Rows and uncompressed bytes of a Parquet file's row groups: the units the planner hands to workers. */
export async function parquetRowGroups(file: string): Promise<{ rows: number; bytes: number }[]> {
  const { handle, size } = await openDataFile(file);
  try {
    const meta = await boundedMetadata(bufferOf(handle, size));
    return meta.row_groups.map((g) => ({ rows: Number(g.num_rows), bytes: Number(g.total_byte_size) }));
  } finally {
    await handle.close();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Parquet rows as objects, one row group at a time (a row group is Parquet's unit of storage, so reading
 * less would decode the same pages again). Only the top-level columns the text fields need are decoded.
 */
export async function* readParquet(file: string, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  if (isGzipPath(file)) {
    log.note(undefined, 'gzip-compressed Parquet is not read: Parquet compresses its own pages, store the .parquet file');
    return;
  }
  let opened;
  try {
    opened = await openDataFile(file);
  } catch (err) {
    log.note(undefined, `not read: ${message(err)}`);
    return;
  }
  try {
    yield* readOpenedParquet(file, bufferOf(opened.handle, opened.size), opts, log);
  } finally {
    await opened.handle.close();
  }
}

async function* readOpenedParquet(file: string, buffer: AsyncBuffer, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  if (buffer.byteLength === 0) {
    log.note(undefined, 'empty file: no records');
    return;
  }
  let meta: FileMetaData;
  try {
    meta = await boundedMetadata(buffer);
  } catch (err) {
    // A footer length beyond the budget is as often a truncated or corrupt file; either way it is not read.
    if (err instanceof MetadataBudgetError) log.limitReached(undefined, `not a readable Parquet file: ${message(err)}`);
    else log.note(undefined, `not a readable Parquet file: ${message(err)}`);
    return;
  }
  yield* readParquetRows(file, buffer, meta, opts, log);
}

/**
 * The rows of `opts.range` (all by default) of a Parquet file whose metadata has been read, one row group at a
 * time; `file` names the rows. Shared by the local reader and the remote sampler (analyzer/remote), whose
 * buffer fetches byte ranges over the network.
 */
export async function* readParquetRows(file: string, buffer: AsyncBuffer, meta: FileMetaData, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  const topLevel = new Set(meta.schema.slice(1).map((s) => s.name));
  const columns = opts.columns?.filter((c) => topLevel.has(c));
  const from = opts.range?.rowStart ?? 0;
  const to = opts.range?.rowEnd ?? Number(meta.num_rows);
  let groupStart = 0;
  for (const group of meta.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    const rowStart = Math.max(from, groupStart);
    const rowEnd = Math.min(to, groupEnd);
    groupStart = groupEnd;
    if (rowStart >= rowEnd) continue;
    opts.signal?.throwIfAborted();
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file: buffer, metadata: meta, rowStart, rowEnd, compressors, ...(columns?.length ? { columns } : {}) });
    } catch (err) {
      log.malformedRecord(undefined, `rows ${rowStart}-${rowEnd - 1} unreadable: ${message(err)}`);
      continue;
    }
    opts.onBytes?.(Math.round((Number(group.total_byte_size) * (rowEnd - rowStart)) / Math.max(1, Number(group.num_rows))));
    yield rows.map((value, k) => ({ value, row: { file, index: rowStart + k } }));
  }
}
