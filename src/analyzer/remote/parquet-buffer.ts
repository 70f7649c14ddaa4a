/**
 * A remote Parquet object as hyparquet's AsyncBuffer. The column chunks a row group needs are fetched up front
 * (`prefetch`, adjacent chunks in one request), so that network failures surface here, as RemoteProblems, rather
 * than inside the reader, which would take them for a damaged row group; hyparquet's own slices are then served
 * from the fetched segments. A slice nothing covers is fetched as asked.
 */
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import type { RemoteObject } from './locate';
import type { Transfer } from './transport';

export interface RemoteBuffer extends AsyncBuffer {
  /** Fetches the column chunks of `columns` (all when absent) in row group `group`. */
  prefetch(meta: FileMetaData, group: number, columns: ReadonlySet<string> | undefined): Promise<void>;
  /** Drops the fetched segments: a sampled row group is read once. */
  release(): void;
}

interface Segment {
  start: number;
  bytes: Uint8Array;
}

/** Gaps up to this size between column chunks are fetched with them: one request costs more than a few KB. */
const MERGE_GAP = 64 * 1024;

export function remoteBuffer(object: RemoteObject, size: number, transfer: Transfer): RemoteBuffer {
  let segments: Segment[] = [];
  const fetch = async (start: number, end: number): Promise<Uint8Array> => {
    const { bytes } = await transfer.range(object.request, start, end);
    segments.push({ start, bytes });
    return bytes;
  };
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const held = segments.find((s) => s.start <= start && s.start + s.bytes.length >= end);
      const bytes = held ? held.bytes.subarray(start - held.start, end - held.start) : await fetch(start, end);
      return bytes.slice().buffer;
    },
    async prefetch(meta, group, columns) {
      const ranges = (meta.row_groups[group]?.columns ?? [])
        .flatMap((c) => {
          const m = c.meta_data;
          if (!m || (columns && !columns.has(m.path_in_schema[0] ?? ''))) return [];
          // Some writers put 0 for a missing dictionary page.
          const start = Number(m.dictionary_page_offset || m.data_page_offset);
          return [[start, start + Number(m.total_compressed_size)] as const];
        })
        .sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [];
      for (const [start, end] of ranges) {
        const last = merged[merged.length - 1];
        if (last && start - last[1] <= MERGE_GAP) last[1] = Math.max(last[1], end);
        else merged.push([start, end]);
      }
      for (const [start, end] of merged) await fetch(start, Math.min(size, end));
    },
    release() {
      segments = [];
    },
  };
}
