/**
 * The analyzer's two character tables of the Basic Multilingual Plane, 64 Ki entries each: the tokenizer's word
 * characters (tokenize.ts) and the provenance features' character classes (provenance/features.ts). What each
 * entry means is defined here, one character at a time (`wordCharOf`, `charClassOf`); the tables themselves are
 * generated from those definitions by `npm run char-tables` into char-tables.json, as runs, and decoded at load.
 *
 * Why generated: built at load, by a regex scan of the plane per class, they took 30-50 ms of CPU in every process
 * that profiles, before its first worker could start (the workers were handed the pool's thread's copy). Decoding
 * the runs takes a fraction of a millisecond, so each thread decodes its own. The generated file also states the
 * Unicode version the definitions were read under (Node's ICU when it was generated), so a profile's figures no
 * longer depend on the Unicode data of the runtime that computes them.
 */
import generated from './char-tables.json';

/** Entries of a table: every UTF-16 code unit. */
export const PLANE = 0x10000;

/** The character classes of `CHAR_CLASS` (SPACE is counted by no feature, so only the table holds it); 0 is none of them. */
const SPACE = 1;
export const DIGIT = 2;
export const UPPER = 3;
export const LOWER = 4;
export const PUNCTUATION = 5;

/** The generated file: the Unicode version it was made under and each table's runs. */
export interface CharTablesFile {
  unicode: string;
  wordChar: number[];
  charClass: number[];
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** 1 for the letters, digits and combining marks (\p{L}\p{N}\p{M}), 0 for the rest and the surrogates. */
export function wordCharOf(code: number): number {
  return !isSurrogate(code) && /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(code)) ? 1 : 0;
}

/**
 * The first class that holds of the character: SPACE (`\s`), DIGIT (0-9), a cased letter (its lower and upper case
 * differ: UPPER when it is its own upper case, else LOWER), PUNCTUATION (\p{P}\p{S}); 0 for the rest and the
 * surrogates.
 */
export function charClassOf(code: number): number {
  if (isSurrogate(code)) return 0;
  const ch = String.fromCharCode(code);
  if (/\s/u.test(ch)) return SPACE;
  if (code >= 48 && code <= 57) return DIGIT;
  const upper = ch.toUpperCase();
  if (ch.toLowerCase() !== upper) return ch === upper ? UPPER : LOWER;
  return /[\p{P}\p{S}]/u.test(ch) ? PUNCTUATION : 0;
}

/** The table of a definition, a character at a time (the generator's and the tests' way; slow). */
export function tableOf(definition: (code: number) => number): Uint8Array {
  const table = new Uint8Array(PLANE);
  for (let code = 0; code < PLANE; code++) table[code] = definition(code);
  return table;
}

/** A table as runs: length, value, length, value, ... over the whole plane. */
export function encodeRuns(table: Uint8Array): number[] {
  const runs: number[] = [];
  for (let from = 0; from < table.length; ) {
    let to = from + 1;
    while (to < table.length && table[to] === table[from]) to++;
    runs.push(to - from, table[from] as number);
    from = to;
  }
  return runs;
}

export function decodeRuns(runs: readonly number[]): Uint8Array {
  const table = new Uint8Array(PLANE);
  let at = 0;
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const length = runs[i] as number;
    table.fill(runs[i + 1] as number, at, at + length);
    at += length;
  }
  return table;
}

const tables: CharTablesFile = generated;

/** wordCharOf for every code unit. */
export const WORD_CHAR: Uint8Array = decodeRuns(tables.wordChar);
/** charClassOf for every code unit. */
export const CHAR_CLASS: Uint8Array = decodeRuns(tables.charClass);
/** The Unicode version the tables were generated under. */
export const CHAR_TABLES_UNICODE: string = tables.unicode;
