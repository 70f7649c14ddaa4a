/**
 * The three metrics of the `diversity` package (Shaib et al. 2024, github.com/cshaib/diversity) against
 * values computed by that package's definitions. PyPI is not reachable here, so the expected numbers come
 * from a small Python 3 script that transcribes `compression_ratio` (diversity/compression.py),
 * `ngram_diversity_score` (diversity/ngram_diversity.py, num_n = 4) and `self_repetition_score`
 * (diversity/self_repetition.py), with nltk.ngrams replaced by the equivalent zip over shifted lists, run
 * with CPython 3 / zlib 1.2.13 on the inputs below. The `cats` case is also worked out by hand.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { profileOf } from './helpers';

const M4 = '../shared/data/m4/reddit_llama2.jsonl';
const m4Rows = (): { human_text: string; machine_text: string }[] =>
  readFileSync(M4, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { human_text: string; machine_text: string });

const CASES: Record<string, string[]> = {
  cats: ['the cat sat on the mat', 'the cat sat on the hat', 'a dog ran'],
  spaces: ['hello  world\nagain', 'hello world', '', 'world\nagain hello world'],
  repeat: ['one two three four five', 'one two three four five', 'one two three four six', 'seven'],
};

/** [compression_ratio, ngram_diversity_score, self_repetition_score] from the Python transcription. */
const EXPECTED: Record<string, [number, number, number]> = {
  cats: [0.6470588235294118, 2.916849816849817, 0.7324081924454066],
  spaces: [0.6875, 2.617063492063492, 0.0],
  repeat: [0.8444444444444444, 1.942628205128205, 0.9678002527269727],
  m4_reddit_human_30: [2.464749245510167, 3.0868657565128306, 1.0855299474809714],
  m4_reddit_machine_30: [3.065300124345303, 2.7318574610666224, 2.48071408453126],
};

function casesWithData(): Record<string, string[]> {
  const rows = m4Rows().slice(0, 30);
  return { ...CASES, m4_reddit_human_30: rows.map((r) => r.human_text), m4_reddit_machine_30: rows.map((r) => r.machine_text) };
}

describe('ngramDiversity (ngram_diversity_score)', () => {
  it('is worked out by hand for three short documents', () => {
    // Stream: the cat sat on the mat the cat sat on the hat a dog ran (15 tokens; n-grams cross documents).
    // unigrams 9/15, bigrams 10/14, trigrams 10/13, 4-grams 10/12.
    const value = profileOf(CASES.cats ?? []).metrics.ngramDiversity.value;
    assert.ok(Math.abs(value - (9 / 15 + 10 / 14 + 10 / 13 + 10 / 12)) < 1e-12);
  });

  for (const [name, texts] of Object.entries(casesWithData())) {
    it(`matches the package on ${name}`, () => {
      const expected = EXPECTED[name]?.[1] ?? NaN;
      assert.ok(Math.abs(profileOf(texts).metrics.ngramDiversity.value - expected) < 1e-9);
    });
  }
});

describe('selfRepetition (self_repetition_score)', () => {
  it('is worked out by hand for three short documents', () => {
    // Docs 1 and 2 share "the cat sat on" and "cat sat on the": each has s = 2, doc 3 has no 4-gram.
    const value = profileOf(CASES.cats ?? []).metrics.selfRepetition.value;
    assert.ok(Math.abs(value - (2 * Math.log(3)) / 3) < 1e-12);
  });

  for (const [name, texts] of Object.entries(casesWithData())) {
    it(`matches the package on ${name}`, () => {
      const expected = EXPECTED[name]?.[2] ?? NaN;
      assert.ok(Math.abs(profileOf(texts).metrics.selfRepetition.value - expected) < 1e-9);
    });
  }
});

describe('compressionRatio (compression_ratio)', () => {
  it('divides the UTF-8 bytes of the space-joined texts by the doubly gzipped file with its name', () => {
    const texts = ['naïve café', 'ünïcödé text', 'naïve café'];
    const joined = Buffer.from(texts.join(' '), 'utf8');
    assert.equal(joined.length, 42);
    const file = gzipSync(gzipSync(joined, { level: 9 }), { level: 9 }).length + 'compressed\0'.length;
    assert.equal(profileOf(texts).metrics.compressionRatio.value, 42 / file);
  });

  // Deflate output depends on the zlib build (Node bundles Chromium's zlib, this Python used zlib 1.2.13):
  // on real text the two agree within 1%; on tiny inputs the outer layer's block choice alone moves a few bytes.
  for (const name of ['m4_reddit_human_30', 'm4_reddit_machine_30']) {
    it(`is within 1% of the package on ${name}`, () => {
      const expected = EXPECTED[name]?.[0] ?? NaN;
      const value = profileOf(casesWithData()[name] ?? []).metrics.compressionRatio.value;
      assert.ok(Math.abs(value / expected - 1) < 0.01, `${value} vs ${expected}`);
    });
  }

  it('matches the package exactly where both zlib builds emit the same bytes', () => {
    assert.equal(profileOf(CASES.cats ?? []).metrics.compressionRatio.value, EXPECTED.cats?.[0]);
  });
});
