import { byteBlocks } from './bytes';
import { lineBatches, type Line } from './lines';
import type { IssueLog, RawRecord, ReadOptions } from './types';

export interface CsvRow {
  fields: string[];
  /** Line the record starts on (a quoted field may span several lines). */
  line: number;
}

/**
 * RFC 4180 parsing over physical lines: quoted fields with doubled quotes and embedded newlines.
 * Lenient where the RFC is silent: text after a closing quote is kept, CRLF inside quotes becomes LF.
 */
export class CsvParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private startLine = 0;
  private chars = 0;

  constructor(
    private readonly delimiter: string,
    private readonly maxChars: number,
    private readonly log: IssueLog,
  ) {}

  /** Feeds one physical line; returns the record it completes, if any. */
  feed({ text, line }: Line): CsvRow | undefined {
    if (!this.inQuotes) {
      if (text === '') return undefined;
      this.startLine = line;
      this.chars = 0;
    }
    this.chars += text.length + 1;
    if (this.chars > this.maxChars) {
      this.log.malformedRecord(this.startLine, `record longer than the ${this.maxChars}-byte limit (unclosed quote?); skipped`);
      this.reset();
      return undefined;
    }
    let i = 0;
    let atFieldStart = !this.inQuotes && this.field === '';
    while (i <= text.length) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.field += text.slice(i) + '\n';
          return undefined;
        }
        this.field += text.slice(i, q);
        if (text[q + 1] === '"') {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        atFieldStart = false;
        continue;
      }
      if (atFieldStart && text[i] === '"') {
        this.inQuotes = true;
        i++;
        continue;
      }
      const d = text.indexOf(this.delimiter, i);
      if (d === -1) {
        this.field += text.slice(i);
        this.fields.push(this.field);
        const row = { fields: this.fields, line: this.startLine };
        this.fields = [];
        this.field = '';
        return row;
      }
      this.field += text.slice(i, d);
      this.fields.push(this.field);
      this.field = '';
      atFieldStart = true;
      i = d + 1;
    }
    return undefined;
  }

  /** Ends the input: an open quoted field is a truncated record. */
  end(): void {
    if (this.inQuotes) this.log.malformedRecord(this.startLine, 'unclosed quote at end of input; record skipped');
    this.reset();
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
  }
}

function delimiterOf(format: 'csv' | 'tsv'): string {
  return format === 'tsv' ? '\t' : ',';
}

async function* csvRows(file: string, format: 'csv' | 'tsv', opts: ReadOptions, log: IssueLog): AsyncGenerator<CsvRow[]> {
  const parser = new CsvParser(delimiterOf(format), opts.maxRecordBytes, log);
  for await (const lines of lineBatches(byteBlocks(file, opts, log, format.toUpperCase()), opts.range?.startLine ?? 1, opts.maxRecordBytes, log)) {
    const rows: CsvRow[] = [];
    for (const line of lines) {
      const row = parser.feed(line);
      if (row) rows.push(row);
    }
    yield rows;
  }
  parser.end();
}

/** The header row of a CSV/TSV file, read by the planner so chunks after the first can name their fields. */
export async function readCsvHeader(file: string, format: 'csv' | 'tsv', opts: ReadOptions, log: IssueLog): Promise<string[] | undefined> {
  for await (const rows of csvRows(file, format, { ...opts, range: undefined }, log)) {
    if (rows[0]) return rows[0].fields;
  }
  return undefined;
}

/** CSV/TSV with a header row; each record is an object keyed by the header's column names. */
export async function* readCsv(file: string, format: 'csv' | 'tsv', opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  let header = opts.range && opts.range.start > 0 ? opts.range.header : undefined;
  for await (const rows of csvRows(file, format, opts, log)) {
    const batch: RawRecord[] = [];
    for (const { fields, line } of rows) {
      if (!header) {
        header = fields;
        continue;
      }
      if (fields.length !== header.length) {
        log.malformedRecord(line, `expected ${header.length} fields (as in the header), found ${fields.length}; record skipped`);
        continue;
      }
      const value: Record<string, string> = {};
      header.forEach((name, k) => (value[name] = fields[k] ?? ''));
      batch.push({ value, row: { file, line } });
    }
    yield batch;
  }
}
