import { readCsv } from './csv';
import { readJson } from './json';
import { readJsonl } from './jsonl';
import { readParquet } from './parquet';
import { readText } from './text';
import type { DataFormat, IssueLog, RawRecord, ReadOptions } from './types';

export * from './types';

const EXTENSIONS: [RegExp, DataFormat][] = [
  [/\.(jsonl|ndjson)$/i, 'jsonl'],
  [/\.json$/i, 'json'],
  [/\.csv$/i, 'csv'],
  [/\.tsv$/i, 'tsv'],
  [/\.(txt|text|md)$/i, 'text'],
  [/\.parquet$/i, 'parquet'],
];

/** The format of a data file from its name (a `.gz` suffix is looked through); undefined when unknown. */
export function formatOf(file: string): DataFormat | undefined {
  const name = file.replace(/\.gz$/i, '');
  return EXTENSIONS.find(([re]) => re.test(name))?.[1];
}

/** Streams a file's records in batches; problems go to `log`, never thrown (except cancellation). */
export function readRecords(file: string, format: DataFormat, opts: ReadOptions, log: IssueLog): AsyncIterable<RawRecord[]> {
  switch (format) {
    case 'jsonl':
      return readJsonl(file, opts, log);
    case 'json':
      return readJson(file, opts, log);
    case 'csv':
    case 'tsv':
      return readCsv(file, format, opts, log);
    case 'text':
      return readText(file, opts, log);
    case 'parquet':
      return readParquet(file, opts, log);
  }
}
