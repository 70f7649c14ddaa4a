/**
 * PhraseScan, the artefact phrases' prefilter, against the plain definition (some phrase is a substring, either
 * apostrophe standing for `'`), on texts stitched from pieces of the phrases so that near misses, overlaps and
 * phrases that start inside another one are common; and the pattern it guards never matches where it finds nothing,
 * and matches where and what a pattern with the word checks on every phrase matches.
 */
import { strict as assert } from 'node:assert';
import { ASSISTANT_PHRASES, phrasePattern } from '../../../src/analyzer/metrics/artifacts';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { PhraseScan } from '../../../src/analyzer/metrics/phrase-scan';

const fold = (text: string): string => text.replace(/\u2019/g, "'");

/** phrasePattern's plain form: each phrase an alternative of its own, with its own word checks. */
function perPhrasePattern(phrases: readonly string[]): RegExp {
  const word = /[\p{L}\p{N}]/u;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = phrases.map((phrase) => {
    const p = phrase.toLowerCase();
    const before = word.test(p.charAt(0)) ? '(?<![\\p{L}\\p{N}])' : '';
    const after = word.test(p.charAt(p.length - 1)) ? '(?![\\p{L}\\p{N}])' : '';
    return before + escape(p).replace(/'/g, "['\u2019]") + after;
  });
  return new RegExp(parts.join('|'), 'u');
}

describe('PhraseScan', () => {
  it('finds a phrase exactly when one is a substring (either apostrophe), and the pattern matches only then', () => {
    const phrases = [...ASSISTANT_PHRASES, 'abab', 'bab', 'xyz'];
    const scan = new PhraseScan(phrases);
    const pattern = phrasePattern(phrases);
    const random = mulberry32(14);
    const pieces = [...phrases.flatMap((p) => [p, p.slice(0, -1), p.slice(1), p.slice(2, 9)]), ' ', 'i\u2019m ', 'ai', 'ab', 'a', 'é', '😀', '\n'];
    let found = 0;
    for (let t = 0; t < 4000; t++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 6);
      for (let k = 0; k < parts; k++) text += pieces[Math.floor(random() * pieces.length)] ?? '';
      const expected = phrases.some((p) => fold(text).includes(p));
      assert.equal(scan.foundIn(text), expected, JSON.stringify(text));
      if (!expected) assert.equal(pattern.test(text), false, JSON.stringify(text));
      if (expected) found++;
    }
    assert.ok(found > 500 && found < 3500, `${found} of 4000 texts hold a phrase: both outcomes are exercised`);
  });

  it('matches where and what the pattern with word checks on every phrase matches (phrases grouped by their checks)', () => {
    // Phrases with and without a word character at either end, in runs and interleaved, some a prefix of another.
    const phrases = [...ASSISTANT_PHRASES, '(c)', 'ab', 'ab-', '-ab', 'abc', '...', 'a.b', "i'm", 'é!', '!x', 'ab'];
    const grouped = phrasePattern(phrases);
    const reference = perPhrasePattern(phrases);
    assert.ok(grouped.source.length < reference.source.length, 'consecutive phrases share their checks');
    const random = mulberry32(15);
    const pieces = [...phrases.flatMap((p) => [p, p.slice(0, -1), p.slice(1)]), ' ', 'x', '1', 'é', '-', '.', '\u2019', '😀', '\n'];
    let matched = 0;
    for (let t = 0; t < 6000; t++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 7);
      for (let k = 0; k < parts; k++) text += pieces[Math.floor(random() * pieces.length)] ?? '';
      const a = grouped.exec(text);
      const b = reference.exec(text);
      assert.deepEqual(a && { at: a.index, text: a[0] }, b && { at: b.index, text: b[0] }, JSON.stringify(text));
      if (a) matched++;
    }
    assert.ok(matched > 1000 && matched < 5000, `${matched} of 6000 texts match: both outcomes are exercised`);
  });

  it('finds nothing in a text of characters no phrase has, nor with no phrases', () => {
    assert.equal(new PhraseScan(ASSISTANT_PHRASES).foundIn('ЖЖЖ 1234 ###'), false);
    assert.equal(new PhraseScan([]).foundIn('as an ai language model'), false);
  });
});
