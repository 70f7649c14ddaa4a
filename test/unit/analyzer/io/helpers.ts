import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MAX_RECORD_BYTES, formatOf, IssueLog, readRecords, type RawRecord, type ReadOptions } from '../../../../src/analyzer/readers';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/data');
export const SHARED = path.resolve(__dirname, '../../../../../shared/data');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'synthlint-io-'));
}

export async function readAll(file: string, opts: Partial<ReadOptions> = {}): Promise<{ records: RawRecord[]; log: IssueLog }> {
  const log = new IssueLog(file);
  const records: RawRecord[] = [];
  const format = formatOf(file);
  if (!format) throw new Error(`no format for ${file}`);
  for await (const batch of readRecords(file, format, { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, textMode: 'line', ...opts }, log)) records.push(...batch);
  return { records, log };
}
