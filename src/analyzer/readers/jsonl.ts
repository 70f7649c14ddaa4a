import type { RowRef } from '../../core/profile';
import { byteBlocks } from './bytes';
import { lineBatches } from './lines';
import type { IssueLog, RawRecord, ReadOptions } from './types';

/** One JSON Lines line as a record; undefined for a blank line or a malformed one (reported to `log`). */
export function jsonlRecord(text: string, row: RowRef, log: IssueLog): RawRecord | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { value: JSON.parse(text), row };
  } catch (err) {
    log.malformedRecord(row.line, `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** JSON Lines: one JSON value per line; blank lines are allowed and skipped. */
export async function* readJsonl(file: string, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  for await (const lines of lineBatches(byteBlocks(file, opts, log, 'JSONL'), opts.range?.startLine ?? 1, opts.maxRecordBytes, log)) {
    const batch: RawRecord[] = [];
    for (const { text, line } of lines) {
      const record = jsonlRecord(text, { file, line }, log);
      if (record) batch.push(record);
    }
    yield batch;
  }
}
