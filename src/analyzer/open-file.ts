import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync, statSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { formatMB, limitHint, limitsFrom, type Limits } from '../core/limits';
import type { Position } from '../core/range';
import { describeEncodingProblem, utf8Text } from './encoding';

/**
 * The one way synthlint opens a file it reads (manifests, previous manifests, configs, data). Why it exists: a
 * path can name a FIFO (opening it blocks until a writer comes, and reading it never ends), a device such as
 * /dev/zero (endless bytes), a folder or a socket, and any of these can be swapped in between a check and the
 * open. So: stat before opening, open with O_NONBLOCK (a FIFO then cannot block the open), check the opened
 * descriptor is a regular file, and never read more than the limit for the kind of file.
 */

/** The short reason of an I/O error (`ENOENT`, `EACCES`, ...), or its text. */
export function errorReason(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** What a file is read as; each kind has its own size limit (data files are sampled, not limited). */
export type FileKind = 'manifest' | 'previous manifest' | 'config file' | 'registry file' | 'data file';

/** Why a file was not read: a sentence for a finding's message, and where in the file when that is known. */
export interface ReadProblem {
  message: string;
  position?: Position;
}

export type TextRead = { text: string; problem?: undefined } | { problem: ReadProblem; text?: undefined };

let active: Limits | undefined;
/** The limits of this process: the defaults with the environment's overrides, read once. */
export function activeLimits(): Limits {
  active ??= limitsFrom(process.env);
  return active;
}

// O_NONBLOCK does not exist on Windows, where FIFOs are not files a path can name anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function sizeLimit(kind: FileKind, limits: Limits): { bytes: number; key: keyof Limits } | undefined {
  if (kind === 'config file') return { bytes: limits.configBytes, key: 'configBytes' };
  if (kind === 'data file') return undefined;
  return { bytes: limits.manifestBytes, key: 'manifestBytes' };
}

/** What a non-regular file is, in words. */
function notRegular(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The problem with a file's stats for `kind`, if any: not a regular file, or over the size limit. */
export function statProblem(stats: Stats, kind: FileKind, limits = activeLimits()): string | undefined {
  if (!stats.isFile()) return `is ${notRegular(stats)}, not a regular file; not read`;
  return sizeProblem(stats.size, kind, limits);
}

function sizeProblem(bytes: number, kind: FileKind, limits: Limits): string | undefined {
  const limit = sizeLimit(kind, limits);
  if (limit && bytes > limit.bytes) return `is ${formatMB(bytes)} MB, larger than a ${kind} can be (${limitHint(limit.key, limits)}); not read`;
  return undefined;
}

/**
 * Reads a manifest or config as UTF-8 text, or says why not: not a regular file, too large, unreadable, or not
 * UTF-8 (with the first bad byte's line and column). Synchronous: these files are small, and the size is
 * checked before a byte is read.
 */
export function readTextFile(file: string, kind: FileKind, limits = activeLimits()): TextRead {
  const fail = (message: string, position?: Position): TextRead => ({ problem: position ? { message, position } : { message } });
  let fd: number;
  try {
    const before = statSync(file);
    const problem = statProblem(before, kind, limits);
    if (problem) return fail(`The ${kind} ${problem}.`);
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    return fail(`Cannot read the ${kind}: ${errorReason(error)}.`);
  }
  let bytes: Buffer;
  try {
    // Checked again on what was opened: the path may have been swapped for a pipe or a device since the stat.
    const opened = fstatSync(fd);
    const problem = statProblem(opened, kind, limits);
    if (problem) return fail(`The ${kind} ${problem}.`);
    bytes = readUpTo(fd, sizeLimit(kind, limits)?.bytes ?? Number.MAX_SAFE_INTEGER, opened.size);
  } catch (error) {
    return fail(`Cannot read the ${kind}: ${errorReason(error)}.`);
  } finally {
    closeSync(fd);
  }
  const decoded = decodeText(bytes);
  if (decoded.problem) return fail(`The ${kind} ${decoded.problem.message}`, decoded.problem.position);
  return { text: decoded.text };
}

/**
 * Text the caller already holds (an editor buffer) under the same size limit as the file on disk: a 30 MB paste
 * into an open manifest costs the same to parse as a 30 MB file.
 */
export function limitText(text: string, kind: FileKind, limits = activeLimits()): TextRead {
  // A UTF-16 length of a third of the limit cannot reach it in UTF-8 (3 bytes per code unit at most): count only above.
  const limit = sizeLimit(kind, limits);
  const problem = limit && text.length > limit.bytes / 3 ? sizeProblem(Buffer.byteLength(text), kind, limits) : undefined;
  return problem ? { problem: { message: `The ${kind} ${problem}.` } } : { text };
}

/**
 * Reads to the end, but never past `max` bytes: a file that grows while being read is refused, not followed.
 * `expected` (the size the open file stated) sizes the first read, so a file read whole in it is returned as it
 * was read rather than copied into one buffer more (a 1,000-source manifest is 60 pages of memory each time).
 */
function readUpTo(fd: number, max: number, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const size = chunks.length === 0 ? expected + 1 : 1024 * 1024;
    const chunk = Buffer.allocUnsafe(Math.min(size, max + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > max) throw new Error(`grew past ${formatMB(max)} MB while being read`);
  }
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, total);
}

/** UTF-8 text without its byte-order mark, or the encoding problem that stops it being read. */
export function decodeText(bytes: Buffer): TextRead {
  const problem = describeEncodingProblem(bytes);
  if (problem) return { problem };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: utf8Text(bytes.subarray(start)) };
}

/**
 * Opens a data file for streaming, after the same checks as `readTextFile` (regular file, checked again on the
 * opened descriptor). The caller closes the handle. Throws an Error whose message says what is wrong.
 */
export async function openDataFile(file: string): Promise<{ handle: FileHandle; size: number }> {
  const problem = statProblem(await fsp.stat(file), 'data file');
  if (problem) throw new Error(problem);
  const handle = await fsp.open(file, OPEN_FLAGS);
  try {
    const opened = await handle.stat();
    const again = statProblem(opened, 'data file');
    if (again) throw new Error(again);
    return { handle, size: opened.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
