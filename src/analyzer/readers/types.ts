import type { DataIssue, RowRef } from '../../core/profile';

/** One record as a reader found it: a parsed JSON value, a CSV row keyed by header, or a text string. */
export interface RawRecord {
  value: unknown;
  row: RowRef;
}

export type DataFormat = 'jsonl' | 'json' | 'csv' | 'tsv' | 'text' | 'parquet';

/** How plain text files are cut into records. */
export type TextMode = 'line' | 'paragraph';

/**
 * The part of a file one reader call covers. Byte ranges (`start`/`end`) are aligned to record starts
 * by the chunk planner, with `startLine` the 1-based line of `start`; Parquet uses row ranges instead.
 */
export interface ReadRange {
  start: number;
  end: number;
  startLine: number;
  /** Parquet: rows [rowStart, rowEnd). */
  rowStart?: number;
  rowEnd?: number;
  /** CSV/TSV chunks after the first: the header row read by the planner. */
  header?: string[];
}

export interface ReadOptions {
  /** Records longer than this many bytes are reported and skipped, so one giant line cannot exhaust memory. */
  maxRecordBytes: number;
  textMode: TextMode;
  range?: ReadRange;
  signal?: AbortSignal;
  /** Parquet: the only top-level columns worth decoding (the text fields); all when absent. */
  columns?: string[];
  /** Called with the number of (compressed, on-disk) bytes consumed since the last call. */
  onBytes?: (bytes: number) => void;
}

/** Collects a file's problems: counts every malformed record, keeps the first few with their line numbers. */
export class IssueLog {
  static readonly KEEP = 20;
  readonly issues: DataIssue[] = [];
  malformed = 0;

  constructor(readonly file: string) {}

  /** A record that could not be read; reading goes on. */
  malformedRecord(line: number | undefined, message: string): void {
    this.malformed++;
    this.note(line, message);
  }

  /** Reading stopped at a limit (DataIssue.limit): kept beyond KEEP, whatever came before. */
  limitReached(line: number | undefined, message: string): void {
    this.issues.push(line === undefined ? { file: this.file, message, limit: true } : { file: this.file, line, message, limit: true });
  }

  /** A problem with the file as a whole (empty, binary, truncated). */
  note(line: number | undefined, message: string): void {
    if (this.issues.length >= IssueLog.KEEP) return;
    this.issues.push(line === undefined ? { file: this.file, message } : { file: this.file, line, message });
  }
}

export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;
