import { byteBlocks } from './bytes';
import { lineBatches } from './lines';
import type { IssueLog, RawRecord, ReadOptions } from './types';

/** JSON Lines: one JSON value per line; blank lines are allowed and skipped. */
export async function* readJsonl(file: string, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  for await (const lines of lineBatches(byteBlocks(file, opts, log, 'JSONL'), opts.range?.startLine ?? 1, opts.maxRecordBytes, log)) {
    const batch: RawRecord[] = [];
    for (const { text, line } of lines) {
      if (text.trim() === '') continue;
      try {
        batch.push({ value: JSON.parse(text), row: { file, line } });
      } catch (err) {
        log.malformedRecord(line, `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    yield batch;
  }
}
