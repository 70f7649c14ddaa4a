import { byteBlocks, decodeUtf8 } from './bytes';
import type { IssueLog, RawRecord, ReadOptions } from './types';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const COMMA = 44;
const NEWLINE = 10;
const MAX_DEPTH = 10_000;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * A JSON document's records, streamed: the elements of a top-level array, or of every array that is a
 * value of a top-level object (`{"train": [...], "test": [...]}`). Every file goes through this one path,
 * small or large: a structural scanner finds element boundaries (tracking strings, escapes and nesting,
 * jumping through strings with indexOf) and only each element is handed to JSON.parse. Memory is one
 * element (capped by `maxRecordBytes`) plus one read block, whatever the file size; every element keeps
 * its line number, which JSON.parse of the whole file would lose. (Lines are counted outside strings:
 * a JSON string cannot hold a raw line break.)
 */
export async function* readJson(file: string, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  const max = opts.maxRecordBytes;
  const stack: number[] = [];
  let started = false;
  let closed = false;
  let inString = false;
  let escape = false;
  let line = 1;
  let inElem = false;
  let elemLine = 0;
  let index = 0;
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let oversize = false;
  let failed = false;
  let sawBytes = false;

  const recordLevel = (): boolean =>
    (stack.length === 1 && stack[0] === OPEN_ARRAY) || (stack.length === 2 && stack[0] === OPEN_OBJECT && stack[1] === OPEN_ARRAY);

  const endElem = (tail: Buffer, batch: RawRecord[]): void => {
    const row = { file, line: elemLine, index };
    index++;
    inElem = false;
    if (oversize || pieceBytes + tail.length > max) {
      log.malformedRecord(elemLine, `element ${row.index} longer than the ${max}-byte record limit; skipped`);
    } else {
      const text = decodeUtf8(pieces.length ? Buffer.concat([...pieces, tail]) : tail);
      if (text === undefined) log.malformedRecord(elemLine, `element ${row.index}: invalid UTF-8; skipped`);
      else {
        try {
          batch.push({ value: JSON.parse(text), row });
        } catch (err) {
          log.malformedRecord(elemLine, `element ${row.index}: invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    pieces = [];
    pieceBytes = 0;
    oversize = false;
  };

  const fail = (message: string): void => {
    log.malformedRecord(line, message);
    failed = true;
  };

  for await (const b of byteBlocks(file, opts, log, 'JSON')) {
    const batch: RawRecord[] = [];
    sawBytes = true;
    let segStart = 0;
    let i = 0;
    const n = b.length;
    while (i < n && !failed) {
      if (inString) {
        let q = b.indexOf(QUOTE, i);
        for (;;) {
          if (q === -1) {
            let run = 0;
            while (run < n - i && b[n - 1 - run] === BACKSLASH) run++;
            if (run === n - i && escape) run++;
            escape = run % 2 === 1;
            i = n;
            break;
          }
          let run = 0;
          while (q - run > i && b[q - 1 - run] === BACKSLASH) run++;
          if (q - run === i && escape) run++;
          if (run % 2 === 0) {
            inString = false;
            escape = false;
            i = q + 1;
            break;
          }
          // An escaped quote: search on. The carried escape only ever applies to the block's first byte.
          q = b.indexOf(QUOTE, q + 1);
          escape = false;
        }
        continue;
      }
      const c = b[i] as number;
      if (c === NEWLINE) line++;
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (closed) {
        fail('unexpected content after the end of the JSON document');
        break;
      }
      if (!started && c !== OPEN_ARRAY && c !== OPEN_OBJECT) {
        fail('not a JSON array or object of arrays; file not read');
        break;
      }
      started = true;
      const atRecordLevel = recordLevel();
      if (c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        if (inElem && atRecordLevel) endElem(b.subarray(segStart, i), batch);
        if (c !== COMMA) {
          const open = stack.pop();
          if (open !== (c === CLOSE_ARRAY ? OPEN_ARRAY : OPEN_OBJECT)) {
            fail(`mismatched '${String.fromCharCode(c)}'`);
            break;
          }
          if (stack.length === 0) closed = true;
        }
        i++;
        continue;
      }
      if (!inElem && atRecordLevel) {
        inElem = true;
        elemLine = line;
        segStart = i;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        stack.push(c);
        if (stack.length > MAX_DEPTH) {
          fail(`nesting deeper than ${MAX_DEPTH} levels; file not read further`);
          break;
        }
      }
      i++;
    }
    if (inElem && !failed) {
      const rest = n - segStart;
      if (!oversize && pieceBytes + rest > max) {
        oversize = true;
        pieces = [];
      }
      if (!oversize) pieces.push(b.subarray(segStart));
      pieceBytes += rest;
    }
    yield batch;
    if (failed) return;
  }
  if (!started) {
    if (sawBytes) log.note(undefined, 'no JSON value in the file');
  } else if (!closed) {
    if (inElem) log.malformedRecord(elemLine, `element ${index} cut off by the end of the file`);
    log.note(line, `truncated JSON: the file ends inside ${stack.length} open bracket(s) at line ${line}`);
  }
}
