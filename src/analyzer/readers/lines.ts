import { decodeUtf8 } from './bytes';
import type { IssueLog } from './types';

export interface Line {
  text: string;
  /** 1-based line number in the file. */
  line: number;
}

/**
 * Line bytes per batch. A batch's lines (and the records parsed from them) are alive until the consumer has
 * taken all of them: a whole 1 MiB block's worth outlived every young-generation collection of a worker (its
 * semi-space is 1 MB, pool.ts), so each collection copied it and promoted most of it to the old generation.
 * 64 KiB batches die young, and still cost one async step per hundred-odd records.
 */
const BATCH_BYTES = 64 * 1024;

/**
 * Splits byte blocks into lines, in batches of about BATCH_BYTES (batching keeps async overhead per record low).
 * A line longer than `maxBytes` is skipped while scanning on to its end, so a 50 MB line costs no
 * more memory than the cap; lines that are not UTF-8 are reported. Both count as malformed records.
 */
export async function* lineBatches(
  blocks: AsyncIterable<Buffer>,
  startLine: number,
  maxBytes: number,
  log: IssueLog,
): AsyncGenerator<Line[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversize = false;
  let line = startLine;

  const finish = (tail: Buffer, batch: Line[]): void => {
    if (oversize) {
      log.malformedRecord(line, `line longer than the ${maxBytes}-byte record limit (${pendingBytes + tail.length} bytes or more); skipped`);
    } else {
      const bytes = pending.length ? Buffer.concat([...pending, tail]) : tail;
      const text = decodeUtf8(bytes);
      if (text === undefined) log.malformedRecord(line, 'invalid UTF-8; record skipped');
      else batch.push({ text: text.endsWith('\r') ? text.slice(0, -1) : text, line });
    }
    pending = [];
    pendingBytes = 0;
    oversize = false;
    line++;
  };

  for await (const block of blocks) {
    let batch: Line[] = [];
    let batchStart = 0;
    let pos = 0;
    while (pos < block.length) {
      if (pos - batchStart >= BATCH_BYTES && batch.length) {
        yield batch;
        batch = [];
        batchStart = pos;
      }
      const nl = block.indexOf(10, pos);
      const end = nl === -1 ? block.length : nl;
      if (!oversize && pendingBytes + (end - pos) > maxBytes) {
        oversize = true;
        pending = [];
      }
      if (nl === -1) {
        pendingBytes += end - pos;
        if (!oversize) pending.push(block.subarray(pos, end));
        break;
      }
      finish(block.subarray(pos, end), batch);
      pos = nl + 1;
    }
    if (batch.length) yield batch;
  }
  if (pendingBytes > 0 || oversize) {
    const batch: Line[] = [];
    finish(Buffer.alloc(0), batch);
    yield batch;
  }
}
