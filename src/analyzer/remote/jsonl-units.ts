/**
 * JSON Lines over the network, a byte unit at a time. A unit [start, end) holds the records that *start* in it,
 * so every record lies in exactly one unit and a simple random sample of units is a uniform (clustered) sample
 * of records, as for local files (../sample.ts). Reading a unit fetches from the byte before `start` (to see
 * whether a record starts right there) to just past `end`, then further only as far as the last record needs.
 */
import type { RawRecord } from '../readers';
import { decodeUtf8 } from '../readers/bytes';
import { jsonlRecord } from '../readers/jsonl';
import type { IssueLog } from '../readers/types';
import type { RemoteObject } from './locate';
import type { Transfer } from './transport';

export interface ByteUnit {
  object: RemoteObject;
  size: number;
  start: number;
  end: number;
  /** Fetched past `end` up front, so most last records need no second request. */
  tail: number;
  /** Bytes one read of the unit fetches (the byte before it, the unit, its tail), for the sampler's budget. */
  bytes: number;
}

/** A tail of an eighth of the unit, within 2-16 KB: most JSON Lines records are shorter. */
function tailBytes(unitBytes: number): number {
  return Math.min(16 * 1024, Math.max(2 * 1024, Math.floor(unitBytes / 8)));
}

export function byteUnits(object: RemoteObject, size: number, unitBytes: number): ByteUnit[] {
  const units: ByteUnit[] = [];
  const tail = tailBytes(unitBytes);
  for (let start = 0; start < size; start += unitBytes) {
    const end = Math.min(size, start + unitBytes);
    units.push({ object, size, start, end, tail, bytes: Math.min(size, end + tail) - Math.max(0, start - 1) });
  }
  return units;
}

/**
 * The records starting in the unit. Line numbers are known only in a file's first unit; elsewhere a record is
 * named by its file alone (counting the lines before it would mean reading them).
 */
export async function unitRecords(unit: ByteUnit, transfer: Transfer, maxRecordBytes: number, log: IssueLog): Promise<RawRecord[]> {
  const { object, size, start, end } = unit;
  const from = Math.max(0, start - 1);
  let buffer = Buffer.from((await transfer.range(object.request, from, Math.min(size, end + unit.tail))).bytes);
  let bufferEnd = from + buffer.length;
  const at = (offset: number): number => offset - from;
  let pos = start;
  if (start > 0) {
    const newline = buffer.indexOf(10);
    if (newline === -1 || from + newline + 1 >= end) return [];
    pos = from + newline + 1;
  }
  const records: RawRecord[] = [];
  let line = start === 0 ? 1 : undefined;
  while (pos < end) {
    let newline = buffer.indexOf(10, at(pos));
    while (newline === -1 && bufferEnd < size && bufferEnd - pos <= maxRecordBytes) {
      const more = await transfer.range(object.request, bufferEnd, Math.min(size, bufferEnd + Math.max(unit.tail, bufferEnd - pos)));
      buffer = Buffer.concat([buffer, more.bytes]);
      bufferEnd += more.bytes.length;
      newline = buffer.indexOf(10, at(pos));
    }
    const stop = newline === -1 ? bufferEnd : from + newline;
    if (stop - pos > maxRecordBytes) {
      // Its end is not fetched, so neither is the start of the next record: the rest of the unit is left out.
      log.malformedRecord(line, `record longer than the ${maxRecordBytes}-byte record limit; skipped with the rest of its ${end - start}-byte range`);
      break;
    }
    const text = decodeUtf8(buffer.subarray(at(pos), at(stop)));
    const row = line === undefined ? { file: object.name } : { file: object.name, line };
    if (text === undefined) log.malformedRecord(line, 'invalid UTF-8; record skipped');
    else {
      const record = jsonlRecord(text.endsWith('\r') ? text.slice(0, -1) : text, row, log);
      if (record) records.push(record);
    }
    if (line !== undefined) line++;
    pos = stop + 1;
  }
  return records;
}
