import type { RegistryFile } from './entry';
import { keyedEntries, type MatchKind } from './registry';

/** Where a key's entry lies in the registry file's text, and how the key reached it. */
export interface IndexedEntry {
  start: number;
  end: number;
  matched: MatchKind;
}

/**
 * JSON text with every character past ASCII written as a \u escape: the same value, one byte a character, so a
 * reader may take a character offset as a byte offset (and decode the bytes as Latin-1, without a UTF-8 pass).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The registry file as the check bundle reads it (dist/datasets.json, written by scripts/build.mjs: asciiJson of the
 * committed file) and its index:
 * a line `key TAB start TAB end TAB matched` per key (keyedEntries', so every reader resolves a name to the same
 * entry), each line after a line feed. A reader finds a key with one `indexOf` and parses only the entries it is asked
 * for (src/cli/check-registry.ts): no Map of 772 keys, no array per row, for a run that looks up a handful.
 */
export function indexRegistry(file: RegistryFile): { text: string; index: string } {
  const text = asciiJson(file);
  const spans = new Map<object, [number, number]>();
  // Each entry's text appears in the whole, in order, after the start of the entries list.
  let at = text.indexOf('"entries":[');
  for (const entry of file.entries) {
    const entryText = asciiJson(entry);
    const start = at < 0 ? -1 : text.indexOf(entryText, at);
    if (start < 0) throw new Error(`registry entry ${entry.id} is not in the registry text as written`);
    spans.set(entry, [start, start + entryText.length]);
    at = start + entryText.length;
  }
  let index = '';
  for (const [key, { entry, matched }] of keyedEntries(file.entries)) {
    if (/[\t\n]/.test(key)) throw new Error(`registry key ${JSON.stringify(key)} holds a tab or line feed, which the index cannot`);
    const [start, end] = spans.get(entry) as [number, number];
    index += `\n${key}\t${start}\t${end}\t${matched}`;
  }
  return { text, index: `${index}\n` };
}

/** The entry `key` has in an index indexRegistry wrote, or undefined. */
export function findInIndex(index: string, key: string): IndexedEntry | undefined {
  // No indexed key holds a tab or line feed: a name that does could only match across lines.
  if (key.includes('\t') || key.includes('\n')) return undefined;
  const at = index.indexOf(`\n${key}\t`);
  if (at < 0) return undefined;
  const [start, end, matched] = index.slice(at + key.length + 2, index.indexOf('\n', at + 1)).split('\t');
  return { start: Number(start), end: Number(end), matched: matched as MatchKind };
}

/** How many keys an index holds. */
export function indexSize(index: string): number {
  let lines = -1;
  for (let at = index.indexOf('\n'); at >= 0; at = index.indexOf('\n', at + 1)) lines++;
  return lines;
}
