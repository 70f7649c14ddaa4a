import { strict as assert } from 'node:assert';
import { sameLanguage } from '../../../../src/core/rules/same-language';
import { buildProfile } from '../helpers';

/** A profile of 100 records whose vocabulary is these words, most frequent first, each in 50 records. */
const speaking = (id: string, words: string): ReturnType<typeof buildProfile> =>
  buildProfile(id, { records: 100, vocabulary: words.split(' ').map((word, i) => ({ word, count: 1000 - i, records: 50 })) });

const ENGLISH = 'the of and to a in is that it for you was on are with as be this have not';
const INDONESIAN = 'yang di dan dengan ini itu untuk dalam dari tidak ke akan pada juga ada oleh kata bisa mereka saat';

describe('sameLanguage', () => {
  it('tells two languages apart by their most frequent words, both ways', () => {
    assert.equal(sameLanguage(speaking('a', ENGLISH), speaking('b', `${ENGLISH} cat dog`)), true);
    assert.equal(sameLanguage(speaking('a', ENGLISH), speaking('b', INDONESIAN)), false);
    // Indonesian news quoting English: the English head is in its vocabulary, but not the other way round.
    assert.equal(sameLanguage(speaking('a', ENGLISH), speaking('b', `${INDONESIAN} ${ENGLISH}`)), false);
  });

  it('reads digits and words in few records as no language; cannot tell without a vocabulary (then keeps the comparison)', () => {
    assert.equal(sameLanguage(speaking('a', `1 2 3 4 5 10 ${ENGLISH}`), speaking('b', ENGLISH)), true);
    // A small vocabulary's topic words, each in 5 of 1,000 records, are no head: "the" and "of" decide.
    const topics = buildProfile('t', { records: 1000, vocabulary: ['the', 'of', 'heron', 'estuary', 'silt'].map((word, i) => ({ word, count: 500 - i, records: i < 2 ? 400 : 5 })) });
    const few = buildProfile('f', { records: 250, vocabulary: [{ word: 'the', count: 320, records: 240 }, { word: 'of', count: 140, records: 100 }, { word: 'river', count: 1, records: 1 }] });
    assert.equal(sameLanguage(topics, few), true);
    // Chinese read one word a run has no head: English's head, missing from its vocabulary, decides.
    const chinese = buildProfile('c', { records: 100, vocabulary: ['猎人同人', '2', '今天天气'].map((word, i) => ({ word, count: 9 - i, records: 3 })) });
    assert.equal(sameLanguage(chinese, speaking('b', ENGLISH)), false);
    assert.equal(sameLanguage(buildProfile('a'), speaking('b', INDONESIAN)), true);
  });
});
