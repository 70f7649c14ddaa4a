/**
 * nearDuplicateRate (MinHash-LSH, 14 bands × 8 rows over word 5-gram shingles, verified at estimated
 * Jaccard 0.72) and exactDuplicateRate. Near-duplicate pairs are planted at a known Jaccard similarity:
 * the TRUE Jaccard of the two documents' 5-gram shingle sets, computed here with plain string sets.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProfileAccumulator, type AccumulatorOptions } from '../../../src/analyzer/metrics/accumulator';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { MINHASH_BANDS, MINHASH_HASHES, bandKey, bbitJaccard, bbitSignature } from '../../../src/analyzer/metrics/minhash-signature';
import { RecordView } from '../../../src/analyzer/metrics/record';
import { accumulate, profileOf, within } from './helpers';

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

  it('gives documents under 5 words no signature: identical short texts join only as exact duplicates', () => {
    const p = profileOf(['one two three four', 'one two three four', 'one two three four'], nearDuplicatesOnly);
    assert.equal(p.metrics.nearDuplicateRate.value, 2 / 3);
    assert.equal(profileOf(['one two three four', 'one two three five'], nearDuplicatesOnly).metrics.nearDuplicateRate.value, 0);
    // They join by their exact key, as exact duplicates do in the exact join.
    assert.deepEqual(p.nearDuplicatePairs.map((x) => [x.a.line, x.b.line, x.jaccard]), [[1, 2, 1], [1, 3, 1]]);
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

describe('nearDuplicateRate over every record (MinHash-LSH above the exact limit)', () => {
  /** Records drawn from base texts: some repeated exactly, some as edited copies (near, not exact), some short. */
  function corpus(seed: number, records: number): string[] {
    const random = mulberry32(seed);
    const vocab = vocabulary(random, 2000);
    const bases = Array.from({ length: Math.ceil(records / 3) }, () => plantPair(random, vocab, 40, 0.8));
    return Array.from({ length: records }, () => {
      if (random() < 0.05) return `short ${Math.floor(random() * 5)}`;
      const base = bases[Math.floor(random() * bases.length)] ?? { a: '', b: '' };
      return random() < 0.5 ? base.a : base.b;
    });
  }

  const lsh = (memoryDocs: number): Partial<AccumulatorOptions> => ({ metrics: ['nearDuplicates'], minhash: { memoryDocs, threshold: 0.72, exactBudget: 1 << 16 } });
  const exact: Partial<AccumulatorOptions> = { metrics: ['nearDuplicates'], minhash: { memoryDocs: 0, threshold: 0.72, exactBudget: 1 << 16, exact: true } };

  /**
   * The reference: an LSH index in memory that sees the documents one by one, each checked against the first
   * document with each of its band keys (verified at 0.72) and against the first with its exact key, clusters
   * by union-find. Written here from the signature functions alone.
   */
  function inMemoryLsh(texts: readonly string[]): number {
    const view = new RecordView();
    const parent = texts.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x] as number)));
    const union = (x: number, y: number): void => {
      parent[find(y)] = find(x);
    };
    const firstWithKey = new Map<string, number>();
    const signatures: Uint8Array[] = [];
    texts.forEach((text, doc) => {
      view.reset(text, { file: 'x' });
      const t = view.words();
      const signature = new Uint8Array(MINHASH_HASHES);
      const signed = bbitSignature(t.a, t.b, t.length, new Uint32Array(MINHASH_HASHES), signature, 0);
      signatures.push(signature);
      const exactKey = `exact ${view.exactKey()}`;
      const sameText = firstWithKey.get(exactKey);
      if (sameText === undefined) firstWithKey.set(exactKey, doc);
      else union(sameText, doc);
      for (let band = 0; signed && band < MINHASH_BANDS; band++) {
        const key = `band ${bandKey(signature, 0, band)}`;
        const first = firstWithKey.get(key);
        if (first === undefined) firstWithKey.set(key, doc);
        else if (bbitJaccard(signatures[first] ?? signature, 0, signature, 0) >= 0.72) union(first, doc);
      }
    });
    return (texts.length - new Set(parent.map((_, i) => find(i))).size) / texts.length;
  }

  for (const records of [50, 200, 800, 3000]) {
    it(`covers all ${records} records, equals the in-memory LSH, on disk as in memory, and is never below the exact rate`, () => {
      const texts = corpus(records, records);
      const inMemory = profileOf(texts, lsh(1 << 20));
      const onDisk = profileOf(texts, lsh(8));
      assert.deepEqual(onDisk, inMemory);
      const m = inMemory.metrics;
      assert.equal(m.nearDuplicateRate.value, inMemoryLsh(texts));
      assert.ok(m.nearDuplicateRate.value >= m.exactDuplicateRate.value, `near ${m.nearDuplicateRate.value} < exact ${m.exactDuplicateRate.value}`);
      assert.deepEqual(m.estimated, ['nearDuplicateRate']);
      const e = profileOf(texts, exact).metrics;
      assert.ok(e.nearDuplicateRate.value >= e.exactDuplicateRate.value, `exact join: near ${e.nearDuplicateRate.value} < exact ${e.exactDuplicateRate.value}`);
    });
  }

  it('keeps the signatures past its memory budget in a temporary file, deleted on release', async () => {
    const spillFiles = (): string[] => {
      const folder = path.join(tmpdir(), `synthlint-spill-${process.pid}`);
      return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.records') || f.endsWith('.run')) : [];
    };
    const before = spillFiles();
    const acc = accumulate(corpus(5, 400), lsh(8));
    const written = spillFiles().filter((f) => !before.includes(f));
    assert.ok(written.some((f) => f.endsWith('.records')), `no signature file among ${written.join(', ')}`);
    acc.finish();
    acc.release();
    // Deleted in the background (spill-runs.ts, deleteSoon).
    const left = (): string[] => spillFiles().filter((f) => !before.includes(f));
    assert.ok(await within(30_000, () => left().length === 0), `temporary files left: ${left().join(', ')}`);
  });

  it('names example pairs by file and line across files, the earliest in file order', () => {
    const texts = corpus(9, 300);
    const first = accumulate(texts.slice(0, 120), lsh(8), 'a.jsonl');
    first.merge(ProfileAccumulator.fromState(structuredClone(accumulate(texts.slice(120), lsh(8), 'b.jsonl').toState())));
    const pairs = first.finish().nearDuplicatePairs;
    assert.equal(pairs.length, 5);
    const position = (row: { file: string; line?: number }): number => (row.file === 'a.jsonl' ? 0 : 120) + (row.line ?? 0);
    for (const p of pairs) {
      assert.ok(position(p.a) < position(p.b));
      const [a, b] = [texts[position(p.a) - 1] ?? '', texts[position(p.b) - 1] ?? ''];
      assert.ok(p.jaccard >= 0.72 || a.toLowerCase() === b.toLowerCase(), `${p.jaccard}: ${a} / ${b}`);
    }
    const later = pairs.map((p) => position(p.b));
    assert.deepEqual(later, later.slice().sort((x, y) => x - y));
  });
});
