/**
 * PhraseScan, the artefact phrases' prefilter, against the plain definition (some phrase is a substring, either
 * apostrophe standing for `'`), on texts stitched from pieces of the phrases so that near misses, overlaps and
 * phrases that start inside another one are common; and the pattern it guards never matches where it finds nothing.
 */
import { strict as assert } from 'node:assert';
import { ASSISTANT_PHRASES, phrasePattern } from '../../../src/analyzer/metrics/artifacts';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { PhraseScan } from '../../../src/analyzer/metrics/phrase-scan';

const fold = (text: string): string => text.replace(/\u2019/g, "'");

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

  it('finds nothing in a text of characters no phrase has, nor with no phrases', () => {
    assert.equal(new PhraseScan(ASSISTANT_PHRASES).foundIn('ЖЖЖ 1234 ###'), false);
    assert.equal(new PhraseScan([]).foundIn('as an ai language model'), false);
  });
});
