/**
 * nearDuplicateRate (MinHash-LSH, 14 bands × 8 rows over word 5-gram shingles, verified at estimated
 * Jaccard 0.72) and exactDuplicateRate. Near-duplicate pairs are planted at a known Jaccard similarity:
 * the TRUE Jaccard of the two documents' 5-gram shingle sets, computed here with plain string sets.
 */
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { profileOf } from './helpers';

const nearDuplicatesOnly = { metrics: ['nearDuplicates'] as const };

/** Lower-case letter words of 3-9 letters: the tokenizer keeps them as they are. */
function vocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 3 + Math.floor(random() * 7);
    let w = '';
    for (let i = 0; i < length; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
    words.add(w);
  }
  return [...words];
}

function shingles(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i++) out.add(words.slice(i, i + 5).join(' '));
  return out;
}

function jaccard(x: Set<string>, y: Set<string>): number {
  let common = 0;
  for (const s of x) if (y.has(s)) common++;
  return common / (x.size + y.size - common);
}

interface PlantedPair {
  a: string;
  b: string;
  trueJaccard: number;
}

/**
 * A random document and a copy whose words are replaced one at a time, at random positions, by random
 * words until the true shingle Jaccard falls to `target` or below.
 */
function plantPair(random: () => number, vocab: readonly string[], length: number, target: number): PlantedPair {
  const pick = (): string => vocab[Math.floor(random() * vocab.length)] ?? '';
  const a = Array.from({ length }, pick);
  const b = a.slice();
  const original = shingles(a);
  let j = 1;
  while (j > target) {
    b[Math.floor(random() * length)] = pick();
    j = jaccard(original, shingles(b));
  }
  return { a: a.join(' '), b: b.join(' '), trueJaccard: j };
}

/** True when the analyzer joins the pair: a two-document source whose near-duplicate rate is 1/2. */
function detected(pair: PlantedPair): boolean {
  return profileOf([pair.a, pair.b], nearDuplicatesOnly).metrics.nearDuplicateRate.value === 0.5;
}

describe('nearDuplicateRate (MinHash-LSH)', () => {
  const random = mulberry32(20240611);
  const vocab = vocabulary(random, 5000);
  // 300 pairs aimed uniformly at J in [0.8, 1) and 300 at J in [0.1, 0.5], documents of 100-300 words.
  const pairs: PlantedPair[] = [];
  for (let i = 0; i < 300; i++) pairs.push(plantPair(random, vocab, 100 + Math.floor(random() * 200), 0.8 + 0.2 * random()));
  for (let i = 0; i < 300; i++) pairs.push(plantPair(random, vocab, 100 + Math.floor(random() * 200), 0.1 + 0.4 * random()));
  const similar = pairs.filter((p) => p.trueJaccard >= 0.8);
  const dissimilar = pairs.filter((p) => p.trueJaccard <= 0.5);

  it('finds at least 95% of the pairs at true Jaccard >= 0.8', () => {
    assert.ok(similar.length >= 250, `only ${similar.length} pairs at J >= 0.8`);
    const found = similar.filter(detected).length;
    assert.ok(found / similar.length >= 0.95, `recall ${found}/${similar.length}`);
  });

  it('joins at most 1% of the pairs at true Jaccard <= 0.5', () => {
    assert.ok(dissimilar.length >= 250, `only ${dissimilar.length} pairs at J <= 0.5`);
    const joined = dissimilar.filter(detected).length;
    assert.ok(joined / dissimilar.length <= 0.01, `false positives ${joined}/${dissimilar.length}`);
  });

  it('keeps example pairs with their rows and an estimated Jaccard near the true one', () => {
    const pair = plantPair(random, vocab, 200, 0.9);
    const unrelated = (n: number): string => Array.from({ length: 50 }, (_, i) => vocab[(n * 50 + i) % vocab.length]).join(' ');
    // Rows 1..5 of train.jsonl: the pair sits at lines 2 and 5.
    const p = profileOf([unrelated(1), pair.a, unrelated(2), unrelated(3), pair.b], nearDuplicatesOnly, 'train.jsonl');
    assert.equal(p.metrics.nearDuplicateRate.value, 1 / 5);
    assert.equal(p.nearDuplicatePairs.length, 1);
    const [found] = p.nearDuplicatePairs;
    assert.deepEqual(found?.a, { file: 'train.jsonl', line: 2 });
    assert.deepEqual(found?.b, { file: 'train.jsonl', line: 5 });
    // 112 hashes: the estimate's standard error at J = 0.9 is sqrt(0.9 * 0.1 / 112) = 0.028; 0.12 is over 4 of them.
    assert.ok(Math.abs((found?.jaccard ?? 0) - pair.trueJaccard) < 0.12, `estimated ${found?.jaccard}, true ${pair.trueJaccard}`);
  });

  it('keeps at most five example pairs but counts every duplicate', () => {
    const texts: string[] = [];
    for (let i = 0; i < 7; i++) {
      const pair = plantPair(random, vocab, 150, 0.95);
      texts.push(pair.a, pair.b);
    }
    const p = profileOf(texts, nearDuplicatesOnly);
    assert.equal(p.metrics.nearDuplicateRate.value, 7 / 14);
    assert.equal(p.nearDuplicatePairs.length, 5);
    assert.deepEqual(p.nearDuplicatePairs.map((x) => [x.a.line, x.b.line]), [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
  });

  it('gives documents under 5 words no signature: identical short texts count only as exact duplicates', () => {
    const p = profileOf(['one two three four', 'one two three four', 'one two three four'], nearDuplicatesOnly);
    assert.equal(p.metrics.nearDuplicateRate.value, 2 / 3);
    assert.equal(profileOf(['one two three four', 'one two three five'], nearDuplicatesOnly).metrics.nearDuplicateRate.value, 0);
    assert.deepEqual(p.nearDuplicatePairs, []);
    assert.equal(p.metrics.nearDuplicateRecords, 3);
    // Five words make one shingle, enough for a signature.
    const five = profileOf(['one two three four five', 'One, two, three, four, five!'], nearDuplicatesOnly);
    assert.equal(five.metrics.nearDuplicateRate.value, 1 / 2);
  });
});

describe('exactDuplicateRate', () => {
  it('counts every copy after the first, ignoring case and runs of whitespace', () => {
    const texts = [
      'Write a poem about the sea.',
      'write a poem  about the sea.',
      'WRITE A POEM ABOUT THE SEA.\n',
      'Name three rivers.',
      '  Name three   rivers.',
      'Say hi.',
      'Say hi!',
      'Count to ten.',
    ];
    // Copies: 2 of the poem, 1 of the rivers; "Say hi!" differs by its punctuation. 3 of 8 records.
    const p = profileOf(texts, nearDuplicatesOnly);
    assert.equal(p.metrics.exactDuplicateRate.value, 3 / 8);
  });

  it('is 0 on distinct texts', () => {
    assert.equal(profileOf(['a', 'b', 'c'], nearDuplicatesOnly).metrics.exactDuplicateRate.value, 0);
  });
});

describe('nearDuplicateRate over every record', () => {
  /** Records drawn from `distinct` base texts: some repeated exactly, some as edited copies (near, not exact). */
  function corpus(seed: number, records: number): string[] {
    const random = mulberry32(seed);
    const vocab = vocabulary(random, 2000);
    const bases = Array.from({ length: Math.ceil(records / 3) }, () => plantPair(random, vocab, 40, 0.8));
    return Array.from({ length: records }, () => {
      const base = bases[Math.floor(random() * bases.length)] ?? { a: '', b: '' };
      return random() < 0.5 ? base.a : base.b;
    });
  }

  const small = { metrics: ['nearDuplicates'] as const, minhash: { maxDocs: 200, threshold: 0.72, exactBudget: 1 << 16 } };

  for (const records of [50, 200, 201, 800, 3000]) {
    it(`is never below the exact-duplicate rate, and bounds the full-coverage rate, at ${records} records (signatures for 200)`, () => {
      const texts = corpus(records, records);
      const m = profileOf(texts, small).metrics;
      assert.ok(m.nearDuplicateRate.value >= m.exactDuplicateRate.value, `near ${m.nearDuplicateRate.value} < exact ${m.exactDuplicateRate.value}`);
      const full = profileOf(texts, { metrics: ['nearDuplicates'] }).metrics;
      assert.equal(full.nearDuplicateRecords, records);
      assert.ok(full.nearDuplicateRate.value >= full.exactDuplicateRate.value);
      if (records <= 200) {
        assert.equal(m.nearDuplicateRate.value, full.nearDuplicateRate.value);
        assert.equal(m.nearDuplicateRate.ci95, undefined);
        return;
      }
      const [low, high] = m.nearDuplicateRate.ci95 ?? [NaN, NaN];
      assert.ok(low <= full.nearDuplicateRate.value && full.nearDuplicateRate.value <= high, `${full.nearDuplicateRate.value} outside [${low}, ${high}]`);
    });
  }
});
