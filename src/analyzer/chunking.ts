import { openDataFile } from './open-file';
import { isGzipPath, looksBinary } from './readers/bytes';
import { readCsvHeader } from './readers/csv';
import { parquetRowGroups } from './readers/parquet';
import type { DataFormat, IssueLog, ReadRange, TextMode } from './readers/types';

/** A piece of one file a worker reads on its own: a byte range aligned to record starts, or Parquet rows. */
export interface Chunk {
  file: string;
  format: DataFormat;
  /** Absent: the whole file (gzip and JSON, which cannot be split by bytes). */
  range?: ReadRange;
  /** On-disk bytes the chunk covers, for progress and sampling. */
  bytes: number;
}

export interface PlanOptions {
  chunkBytes: number;
  /**
   * Cut the last chunks finer: `threads` read them, and the source holds `bytesAfter` more bytes in files after this
   * one. A chunk is then at most the source's bytes left over the threads, down to a quarter of chunkBytes, so the
   * threads' last chunks end closer together: with whole chunks one thread read its last one alone, the others idle
   * (20 MB, 2 threads: 22-921 ms under load, half a chunk on average; docs/benchmarks.md, *The source's end*).
   */
  taper?: { threads: number; bytesAfter: number };
  textMode: TextMode;
  maxRecordBytes: number;
  signal?: AbortSignal;
}

const NEWLINE = 10;
const QUOTE = 34;

/** Where records may start: after any newline, after a blank line, or after a newline outside quotes. */
type Boundary = 'line' | 'paragraph' | 'csv';

function boundaryOf(format: DataFormat, textMode: TextMode): Boundary | undefined {
  if (format === 'jsonl') return 'line';
  if (format === 'text') return textMode === 'paragraph' ? 'paragraph' : 'line';
  if (format === 'csv' || format === 'tsv') return 'csv';
  return undefined;
}

function countByte(b: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let p = b.indexOf(byte, from); p !== -1 && p < to; p = b.indexOf(byte, p + 1)) n++;
  return n;
}

function isBlank(b: Buffer, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = b[p];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Cuts a file into chunks, yielding each as soon as its end is known so workers start while the planner
 * is still scanning. The scan counts lines, so every chunk knows the line number it starts at and rows
 * keep their true line numbers; for CSV it tracks quote parity, so a boundary never falls inside a quoted
 * field with embedded newlines (assuming RFC 4180 quoting). The scan is a memchr-speed pass, far cheaper
 * than the metrics. gzip streams cannot be entered mid-way and a JSON array has no line structure, so
 * each is one chunk; Parquet is cut at row groups.
 */
export async function* planChunks(file: string, format: DataFormat, size: number, opts: PlanOptions, log: IssueLog): AsyncGenerator<Chunk> {
  if (format === 'parquet' && !isGzipPath(file)) {
    yield* parquetChunks(file, size, opts.chunkBytes, log);
    return;
  }
  const boundary = boundaryOf(format, opts.textMode);
  if (!boundary || isGzipPath(file) || size <= opts.chunkBytes) {
    yield { file, format, bytes: size };
    return;
  }
  const header = boundary === 'csv' ? await readCsvHeader(file, format as 'csv' | 'tsv', { maxRecordBytes: opts.maxRecordBytes, textMode: opts.textMode }, log) : undefined;
  let start = 0;
  let startLine = 1;
  let lines = 0;
  let quotes = 0;
  let offset = 0;
  /** Whether the line running into the current block has been blank so far. */
  let lineBlank = true;
  let first = true;
  const { taper } = opts;
  /** The bytes a chunk starting at `from` takes at least (see PlanOptions.taper). */
  const bytesFrom = (from: number): number =>
    taper ? Math.max(opts.chunkBytes / 4, Math.min(opts.chunkBytes, (size - from + taper.bytesAfter) / taper.threads)) : opts.chunkBytes;
  let want = bytesFrom(0);
  // The reader reports a file that cannot be opened; the planner then leaves it whole.
  const opened = await openDataFile(file).catch(() => undefined);
  if (!opened) {
    yield { file, format, bytes: size };
    return;
  }
  for await (const b of opened.handle.createReadStream({ highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    opts.signal?.throwIfAborted();
    if (first && looksBinary(b)) {
      // The reader repeats the binary check on the whole file and reports it once.
      yield { file, format, bytes: size };
      return;
    }
    first = false;
    const blockEnd = offset + b.length;
    let scanned = 0;
    if (blockEnd - start < want) {
      lines += countByte(b, NEWLINE, 0, b.length);
      if (boundary === 'csv') quotes += countByte(b, QUOTE, 0, b.length);
      const lastNewline = b.lastIndexOf(NEWLINE);
      lineBlank = lastNewline === -1 ? lineBlank && isBlank(b, 0, b.length) : isBlank(b, lastNewline + 1, b.length);
      offset = blockEnd;
      continue;
    }
    let lineStartInBlock = 0;
    for (let p = b.indexOf(NEWLINE); p !== -1; p = b.indexOf(NEWLINE, p + 1)) {
      lines++;
      if (boundary === 'csv') {
        quotes += countByte(b, QUOTE, scanned, p);
        scanned = p;
      }
      const at = offset + p + 1;
      const ok =
        at - start >= want &&
        at < size &&
        (boundary === 'line' || (boundary === 'csv' ? quotes % 2 === 0 : isBlank(b, lineStartInBlock, p) && (lineStartInBlock > 0 || lineBlank)));
      lineStartInBlock = p + 1;
      lineBlank = true;
      if (!ok) continue;
      yield chunk(start, at, startLine);
      start = at;
      startLine = lines + 1;
      want = bytesFrom(start);
    }
    if (boundary === 'csv') quotes += countByte(b, QUOTE, scanned, b.length);
    lineBlank = (lineStartInBlock > 0 || lineBlank) && isBlank(b, lineStartInBlock, b.length);
    offset = blockEnd;
  }
  if (start < size) yield chunk(start, size, startLine);

  function chunk(from: number, to: number, line: number): Chunk {
    return { file, format, bytes: to - from, range: { start: from, end: to, startLine: line, ...(header ? { header } : {}) } };
  }
}

async function* parquetChunks(file: string, size: number, chunkBytes: number, log: IssueLog): AsyncGenerator<Chunk> {
  let groups: { rows: number; bytes: number }[];
  try {
    groups = await parquetRowGroups(file);
  } catch {
    // The reader gives the precise issue when it opens the file.
    yield { file, format: 'parquet', bytes: size };
    return;
  }
  if (groups.length === 0) log.note(undefined, 'Parquet file without row groups: no records');
  let rowStart = 0;
  let rows = 0;
  let bytes = 0;
  for (const g of groups) {
    rows += g.rows;
    bytes += g.bytes;
    if (bytes >= chunkBytes) {
      yield { file, format: 'parquet', bytes, range: { start: 0, end: 0, startLine: 1, rowStart, rowEnd: rowStart + rows } };
      rowStart += rows;
      rows = 0;
      bytes = 0;
    }
  }
  if (rows > 0) yield { file, format: 'parquet', bytes, range: { start: 0, end: 0, startLine: 1, rowStart, rowEnd: rowStart + rows } };
}
