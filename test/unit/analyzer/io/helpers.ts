import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MAX_RECORD_BYTES, formatOf, IssueLog, readRecords, type RawRecord, type ReadOptions } from '../../../../src/analyzer/readers';

// The module object itself, so a test can put a counting Worker class in its place (threadsStarted).
const threads = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');

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

/** How many threads `run` started; `onStart` sees each as it starts. */
export async function threadsStarted(run: () => Promise<void>, onStart: (worker: InstanceType<typeof threads.Worker>) => void = () => undefined): Promise<number> {
  let count = 0;
  const Original = threads.Worker;
  threads.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      count++;
      onStart(this);
    }
  };
  try {
    await run();
  } finally {
    threads.Worker = Original;
  }
  return count;
}
