/**
 * The analyzer's character tables, built a run of the plane at a time (shared-tables.ts bmpRuns), against their
 * definitions tested character by character over the whole Basic Multilingual Plane: every entry of both.
 */
import { strict as assert } from 'node:assert';
import { buildWordChars } from '../../../src/analyzer/metrics/tokenize';
import { buildCharClasses } from '../../../src/analyzer/provenance/features';
import { bmpRuns } from '../../../src/analyzer/shared-tables';

/** Each code point of the plane but the surrogates, with its one-unit string. */
function* plane(): Generator<[number, string]> {
  for (let c = 0; c < 65536; c++) if (c < 0xd800 || c > 0xdfff) yield [c, String.fromCharCode(c)];
}

function firstDifference(built: Uint8Array, expected: Uint8Array): string {
  const at = built.findIndex((v, i) => v !== expected[i]);
  return at < 0 ? 'none' : `U+${at.toString(16).padStart(4, '0')}: ${built[at]} against ${expected[at]}`;
}

describe('character tables', () => {
  it('word characters: 1 exactly for \\p{L}\\p{N}\\p{M}', () => {
    const expected = new Uint8Array(65536);
    for (const [c, ch] of plane()) expected[c] = /[\p{L}\p{N}\p{M}]/u.test(ch) ? 1 : 0;
    const built = new Uint8Array(65536);
    buildWordChars(built);
    assert.equal(firstDifference(built, expected), 'none');
  });

  it('character classes: space, digit, upper, lower, punctuation as tested one character at a time', () => {
    const expected = new Uint8Array(65536);
    for (const [c, ch] of plane()) {
      if (/\s/u.test(ch)) expected[c] = 1;
      else if (c >= 48 && c <= 57) expected[c] = 2;
      else if (ch.toLowerCase() !== ch.toUpperCase()) expected[c] = ch === ch.toUpperCase() ? 3 : 4;
      else if (/[\p{P}\p{S}]/u.test(ch)) expected[c] = 5;
    }
    const built = new Uint8Array(65536);
    buildCharClasses(built);
    assert.equal(firstDifference(built, expected), 'none');
    assert.deepEqual(new Set(built), new Set([0, 1, 2, 3, 4, 5]));
  });

  it('runs cover the plane on both sides of the surrogates, U+FEFF included, and never a surrogate', () => {
    const runs: [number, number][] = [];
    bmpRuns(/[^]+/gu, (from, to) => runs.push([from, to]));
    assert.deepEqual(runs, [
      [0, 0xd800],
      [0xe000, 0x10000],
    ]);
    const bom: [number, number][] = [];
    bmpRuns(/\uFEFF+/gu, (from, to) => bom.push([from, to]));
    assert.deepEqual(bom, [[0xfeff, 0xff00]]);
  });
});
