import { createGunzip } from 'node:zlib';
import { isUtf8 } from 'node:buffer';
import { limitHint } from '../../core/limits';
import { formatSize } from '../../core/size';
import { activeLimits, openDataFile } from '../open-file';
import type { IssueLog, ReadOptions } from './types';

const BLOCK_BYTES = 1024 * 1024;
/** Share of NUL bytes above which a file is binary: UTF-8 text has none, UTF-16 text about half. */
const BINARY_NUL_SHARE = 0.01;
const SNIFF_BYTES = 64 * 1024;

export function isGzipPath(file: string): boolean {
  return /\.gz$/i.test(file);
}

export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, SNIFF_BYTES);
  let nul = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) nul++;
  return n > 0 && nul / n > BINARY_NUL_SHARE;
}

/** Decodes UTF-8, telling apart a real U+FFFD in the data from bytes that are not UTF-8 at all. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') && !isUtf8(bytes) ? undefined : text;
}

/** Output a gzip member may produce before the expansion ratio is checked: small files compress extremely well. */
const GZIP_SLACK_BYTES = 4 * 1024 * 1024;

/**
 * Streams the bytes of a file (or of its byte range), gunzipping `.gz`. Stream errors such as a truncated
 * gzip member end the stream with an issue instead of an exception; the first block of a file is checked
 * for binary content. A gzip member that expands far beyond what text does (a decompression bomb) is cut off
 * with an issue, so it costs seconds, not the time to read gigabytes. Cancellation is the one thing that throws
 * (an AbortError), so callers stop at once.
 */
export async function* byteBlocks(file: string, opts: ReadOptions, log: IssueLog, format: string): AsyncGenerator<Buffer> {
  const gz = isGzipPath(file);
  const range = gz ? undefined : opts.range;
  if (range && range.end <= range.start) return;
  let opened;
  try {
    opened = await openDataFile(file);
  } catch (err) {
    log.note(undefined, `not read: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const raw = opened.handle.createReadStream({
    highWaterMark: BLOCK_BYTES,
    ...(range ? { start: range.start, end: Math.max(range.start, range.end - 1) } : {}),
  });
  raw.on('data', (chunk) => opts.onBytes?.(chunk.length));
  const gunzip = gz ? createGunzip() : undefined;
  const source = gunzip ? raw.pipe(gunzip) : raw;
  if (gunzip) raw.on('error', (err) => gunzip.destroy(err));
  const maxRatio = activeLimits().gzipRatio;
  let first = !range || range.start === 0;
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      opts.signal?.throwIfAborted();
      if (first) {
        first = false;
        if (looksBinary(chunk)) {
          log.note(undefined, `looks binary (NUL bytes in the first ${Math.min(chunk.length, SNIFF_BYTES)} bytes); not read as ${format}`);
          return;
        }
      }
      total += chunk.length;
      // bytesWritten: the compressed bytes the decompressor has consumed so far.
      if (gunzip && total > GZIP_SLACK_BYTES && total > maxRatio * gunzip.bytesWritten) {
        log.limitReached(
          undefined,
          `gzip data expands more than ${maxRatio}× (${formatSize(total)} from ${formatSize(gunzip.bytesWritten)}), as a decompression bomb does; stopped reading (${limitHint('gzipRatio', activeLimits())})`,
        );
        return;
      }
      yield chunk;
    }
    if (total === 0 && (!range || range.start === 0)) log.note(undefined, 'empty file: no records');
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    log.note(undefined, gz ? `gzip stream ended early after ${total} bytes (truncated or corrupt): ${message}` : `read failed: ${message}`);
  } finally {
    raw.destroy();
    if (source !== raw) source.destroy();
  }
}
