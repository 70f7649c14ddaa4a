import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type Compressors, type FileMetaData } from 'hyparquet';
import { isGzipPath } from './bytes';
import type { IssueLog, RawRecord, ReadOptions } from './types';

/** hyparquet decodes SNAPPY itself; node's zlib covers GZIP and BROTLI. ZSTD/LZ4 files get an issue. */
const compressors: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

/** Rows and uncompressed bytes of a Parquet file's row groups: the units the planner hands to workers. */
export async function parquetRowGroups(file: string): Promise<{ rows: number; bytes: number }[]> {
  const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
  return meta.row_groups.map((g) => ({ rows: Number(g.num_rows), bytes: Number(g.total_byte_size) }));
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
  let meta: FileMetaData;
  let buffer;
  try {
    buffer = await asyncBufferFromFile(file);
    if (buffer.byteLength === 0) {
      log.note(undefined, 'empty file: no records');
      return;
    }
    meta = await parquetMetadataAsync(buffer);
  } catch (err) {
    log.note(undefined, `not a readable Parquet file: ${message(err)}`);
    return;
  }
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
