/**
 * The analyzer's character tables (src/analyzer/char-tables.ts): the generated tables it ships are, entry for entry,
 * what their definitions give under this runtime's Unicode data, and the runs they are stored as decode to the
 * table they were made from.
 */
import { strict as assert } from 'node:assert';
import {
  CHAR_CLASS,
  CHAR_TABLES_UNICODE,
  DIGIT,
  LOWER,
  PLANE,
  PUNCTUATION,
  UPPER,
  WORD_CHAR,
  charClassOf,
  decodeRuns,
  encodeRuns,
  tableOf,
  wordCharOf,
} from '../../../src/analyzer/char-tables';

function firstDifference(shipped: Uint8Array, expected: Uint8Array): string {
  const at = shipped.findIndex((v, i) => v !== expected[i]);
  return at < 0 ? 'none' : `U+${at.toString(16).padStart(4, '0')}: ${shipped[at]} against ${expected[at]}`;
}

const code = (ch: string): number => ch.charCodeAt(0);

describe('character tables', () => {
  it('ships, for every code unit, what the definitions give (run npm run char-tables when this fails)', function () {
    // Generated under one Unicode version; another runtime's data may move a character, which is not a fault here.
    if (process.versions.unicode !== CHAR_TABLES_UNICODE) this.skip();
    assert.equal(firstDifference(WORD_CHAR, tableOf(wordCharOf)), 'none');
    assert.equal(firstDifference(CHAR_CLASS, tableOf(charClassOf)), 'none');
    assert.deepEqual(new Set(CHAR_CLASS), new Set([0, 1, 2, 3, 4, 5]));
  });

  it('word characters: letters, digits and marks of any script, not punctuation, spaces or surrogates', () => {
    for (const ch of ['a', 'Z', '7', 'é', '\u0301', '中', 'ß', '٣']) assert.equal(WORD_CHAR[code(ch)], 1, ch);
    for (const ch of [' ', '_', "'", '-', '.', '\u00a0', '\ud83d', '\udc00', '\ufeff']) assert.equal(WORD_CHAR[code(ch)], 0, ch);
  });

  it('character classes: space before all, then digits, cased letters by their case, punctuation and symbols', () => {
    const expected: [string, number][] = [
      [' ', 1],
      ['\u00a0', 1],
      ['\u3000', 1],
      ['5', DIGIT],
      ['٣', 0],
      ['A', UPPER],
      ['a', LOWER],
      ['ǅ', LOWER],
      ['!', PUNCTUATION],
      ['€', PUNCTUATION],
      ['中', 0],
      ['\ud83d', 0],
    ];
    for (const [ch, cls] of expected) assert.equal(CHAR_CLASS[code(ch)], cls, `U+${code(ch).toString(16)}`);
  });

  it('runs decode to the table they were made from, over the whole plane', () => {
    const table = new Uint8Array(PLANE);
    let seed = 7;
    for (let i = 0; i < PLANE; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      // Long runs and single entries alike, the first and the last entry included.
      if (seed % 97 < 3 || i === 0 || i === PLANE - 1) table[i] = seed % 6;
      else table[i] = table[i - 1] as number;
    }
    const runs = encodeRuns(table);
    assert.equal(runs.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0), PLANE);
    assert.equal(firstDifference(decodeRuns(runs), table), 'none');
  });
});
