/**
 * Chunks merged in file order must give exactly the single-pass figures, also after each chunk's state has
 * crossed a structured clone (as it does between worker threads). Small budgets force every sketch path:
 * sampled count tables, HyperLogLog, self-repetition sampling, compression blocks and the MinHash prefix.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ProfileAccumulator, type AccumulatorOptions } from '../../../src/analyzer/metrics/accumulator';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';

const VOCABULARY = 'the a of sure here is an example delve into rich tapestry cat dog sat on mat hat ran fast slow i am sorry but cannot as ai language model'.split(' ');

function corpus(seed: number, records: number): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let r = 0; r < records; r++) {
    if (r > 0 && random() < 0.1) {
      out.push(out[Math.floor(random() * out.length)] ?? '');
      continue;
    }
    const n = Math.floor(random() * 40);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'x');
    if (random() < 0.3) words.push(String(Math.floor(random() * 100000)));
    out.push(words.join(random() < 0.1 ? '  ' : ' '));
  }
  return out;
}

const TINY: Partial<AccumulatorOptions> = {
  distinctBudget: 64,
  selfRepetitionBudget: 200,
  openingsBudget: 32,
  compression: { exactBytes: 2000, blockRecords: 8, maxBlockBytes: 1 << 30 },
  minhash: { maxDocs: 150, threshold: 0.72, exactBudget: 64 },
  vocabularySize: 50,
};

function singlePass(texts: string[], options: Partial<AccumulatorOptions>): ProfileAccumulator {
  const acc = new ProfileAccumulator(options);
  texts.forEach((t, i) => acc.add(t, { file: 'd.jsonl', line: i + 1 }));
  return acc;
}

function chunked(texts: string[], cuts: number[], options: Partial<AccumulatorOptions>): ProfileAccumulator {
  const bounds = [0, ...[...new Set(cuts)].sort((x, y) => x - y), texts.length];
  const chunks = bounds.slice(1).map((end, k) => {
    const start = bounds[k] ?? 0;
    const acc = new ProfileAccumulator(options);
    for (let i = start; i < end; i++) acc.add(texts[i] ?? '', { file: 'd.jsonl', line: i + 1 });
    return ProfileAccumulator.fromState(structuredClone(acc.toState()));
  });
  const [first, ...rest] = chunks;
  if (!first) throw new Error('no chunk');
  for (const c of rest) first.merge(c);
  return first;
}

describe('ProfileAccumulator merging', () => {
  for (const [name, options] of [
    ['default budgets (exact figures)', {}],
    ['tiny budgets (every sketch engaged)', TINY],
  ] as const) {
    it(`equals a single pass for any chunking, ${name}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }), (seed, cuts) => {
          const texts = corpus(seed, 300);
          const expected = singlePass(texts, options).finish();
          assert.deepEqual(chunked(texts, cuts, options).finish(), expected);
        }),
        { numRuns: 12 },
      );
    });
  }

  it('engages the sketches with tiny budgets and says which figures are estimates', () => {
    const figures = singlePass(corpus(7, 300), TINY).finish();
    const estimated = figures.metrics.estimated ?? [];
    for (const name of ['compressionRatio', 'ngramDiversity', 'selfRepetition', 'distinct1', 'nearDuplicateRate']) {
      assert.ok(estimated.includes(name), `${name} should be marked as estimated`);
    }
    assert.ok(figures.metrics.distinctRelativeError && figures.metrics.distinctRelativeError < 0.01);
    assert.ok(figures.metrics.compressionBlocks && figures.metrics.compressionBlocks.count > 1);
    assert.equal(figures.metrics.nearDuplicateRecords, 150);
  });

  it('states no estimate when every budget holds', () => {
    assert.equal(singlePass(corpus(7, 300), {}).finish().metrics.estimated, undefined);
  });
});
