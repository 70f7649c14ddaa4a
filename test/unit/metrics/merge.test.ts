/**
 * Chunks merged in file order must give exactly the single-pass figures, also after each chunk's state has
 * crossed a structured clone (as it does between worker threads). Small budgets force every sketch path:
 * sampled count tables, HyperLogLog, self-repetition sampling, compression blocks and MinHash signatures in a
 * temporary file.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ProfileAccumulator, type AccumulatorOptions } from '../../../src/analyzer/metrics/accumulator';
import { SPILLING, TINY, corpus, measured } from './helpers';

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
    ['exact tables spilling to files', SPILLING],
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
      // Twelve chunkings, each finished twice: the spilling tables read every partition of every run, slow on a loaded machine.
    }).timeout(120_000);
  }

  it('engages the sketches with tiny budgets and says which figures are estimates', () => {
    const figures = measured(singlePass(corpus(7, 300), TINY).finish());
    const estimated = figures.metrics.estimated ?? [];
    for (const name of ['compressionRatio', 'ngramDiversity', 'selfRepetition', 'distinct1', 'nearDuplicateRate']) {
      assert.ok(estimated.includes(name), `${name} should be marked as estimated`);
    }
    assert.ok(figures.metrics.distinctRelativeError && figures.metrics.distinctRelativeError < 0.01);
    assert.ok(figures.metrics.compressionBlocks && figures.metrics.compressionBlocks.count > 1);
  });

  it('states no estimate when every budget holds, but the near-duplicate rate by MinHash-LSH (the exact join is the exact limit\'s)', () => {
    assert.deepEqual(measured(singlePass(corpus(7, 300), {}).finish()).metrics.estimated, ['nearDuplicateRate']);
  });
});
