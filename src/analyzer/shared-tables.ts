/**
 * Lookup tables that every analyzer thread would otherwise build alike at load: the character classes of the
 * Basic Multilingual Plane (the tokenizer's word characters, the provenance features' classes), 64 Ki entries
 * each, built by a regex test per character. Each was 20-40 ms of CPU in every isolate that loads the analyzer
 * (the pool's thread and each worker), the same bytes every time. A table built here sits in a SharedArrayBuffer,
 * which the pool hands to its workers (`workerData`, pool.ts), so a worker reads the calling thread's table
 * instead of building its own. Same runtime, same regexes: the bytes are what the worker would have built.
 */
import { isMainThread, workerData } from 'node:worker_threads';

/** Tables by name, as the pool passes them in `workerData`. */
export type SharedTables = Record<string, SharedArrayBuffer>;

/** The tables this thread built (its workers get them) or was handed (passed on unchanged). */
const tables: SharedTables = {};

/** The tables a worker was started with: the pool's `workerData.sharedTables`, when present and well-formed. */
function inheritedTables(): SharedTables {
  if (isMainThread || typeof workerData !== 'object' || workerData === null) return {};
  const given = (workerData as { sharedTables?: unknown }).sharedTables;
  return typeof given === 'object' && given !== null ? (given as SharedTables) : {};
}

const inherited = inheritedTables();

/**
 * The table `name` of `bytes` entries: the one this thread was handed if its size matches, else built here by
 * `build` (and kept for this thread's workers).
 */
export function sharedTable(name: string, bytes: number, build: (table: Uint8Array) => void): Uint8Array {
  const given = inherited[name];
  if (given instanceof SharedArrayBuffer && given.byteLength === bytes) {
    tables[name] = given;
    return new Uint8Array(given);
  }
  const buffer = new SharedArrayBuffer(bytes);
  const table = new Uint8Array(buffer);
  build(table);
  tables[name] = buffer;
  return table;
}

/**
 * Calls `each(from, to)` for every run of Basic Multilingual Plane code points (surrogates aside) that `pattern`
 * matches, `to` exclusive: a table of a character class is filled a run at a time. `pattern` is a global `u`
 * regex of one class and `+` (`/[\p{L}\p{N}]+/gu`). The regex engine's compiled code scans the plane's text once,
 * where a test per character called into it 63,488 times with a string made for each.
 */
export function bmpRuns(pattern: RegExp, each: (from: number, to: number) => void): void {
  // Two texts, below and above the surrogates: in a `u` regex a high and a low surrogate side by side are one
  // (astral) code point, and a lone one matches no class a table is built from.
  for (const [from, to] of [
    [0, 0xd800],
    [0xe000, 0x10000],
  ] as const) {
    const codes = new Uint16Array(to - from);
    for (let i = 0; i < codes.length; i++) codes[i] = from + i;
    // ignoreBOM: U+FEFF is a character of the plane like any other, not a byte order mark to drop.
    const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(codes);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) each(from + m.index, from + m.index + m[0].length);
  }
}

/** What a worker started now gets in `workerData.sharedTables`: every table this thread has. */
export function tablesForWorkers(): SharedTables {
  return { ...tables };
}
