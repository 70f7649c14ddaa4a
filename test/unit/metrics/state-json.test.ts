/**
 * Partial profiles carry each metric unit's state as JSON text (state-json.ts) between machines. For every
 * unit alone, with default and tiny budgets (every sketch engaged): the state survives the JSON form, and
 * merging states that went through it is associative and equals a single pass — what `synthlint merge`
 * relies on to give the profile of one run.
 */
import { strict as assert } from 'node:assert';
import { ProfileAccumulator, type AccumulatorOptions, type AccumulatorState } from '../../../src/analyzer/metrics/accumulator';
import { metricNames } from '../../../src/analyzer/metrics/registry';
import { decodeState, encodeState } from '../../../src/analyzer/state-json';
import { inlineRuns } from '../../../src/analyzer/metrics/spill-runs';
import { SPILLING, TINY, accumulate, corpus } from './helpers';

/** A state through the text a part file holds (temporary files inline, as partial-profile.ts writes it), and back. */
function throughJson(acc: ProfileAccumulator): ProfileAccumulator {
  const decoded = decodeState(JSON.parse(JSON.stringify(encodeState(inlineRuns(acc.toState())))));
  assert.ok(decoded.ok, JSON.stringify(decoded));
  return ProfileAccumulator.fromState(decoded.value as AccumulatorState);
}

/** Records [from, to) of the corpus as one accumulator, rows keeping their line numbers. */
function slice(texts: string[], from: number, to: number, options: Partial<AccumulatorOptions>): ProfileAccumulator {
  return accumulate(texts.slice(from, to), options, 'd.jsonl', from + 1);
}

describe('metric unit states as JSON (partial profiles)', () => {
  const texts = corpus(11, 600);
  for (const [budgets, base] of [
    ['default budgets', {}],
    ['tiny budgets', TINY],
    ['exact tables spilling to files', SPILLING],
  ] as const) {
    for (const metric of metricNames) {
      describe(`${metric}, ${budgets}`, () => {
        const options: Partial<AccumulatorOptions> = { ...base, metrics: [metric] };
        const single = (): ReturnType<ProfileAccumulator['finish']> => slice(texts, 0, texts.length, options).finish();

        it('round-trips its state through JSON', () => {
          assert.deepEqual(throughJson(slice(texts, 0, texts.length, options)).finish(), single());
        });

        it('merges associatively, equal to a single pass', () => {
          const part = (from: number, to: number): ProfileAccumulator => throughJson(slice(texts, from, to, options));
          // (a ⊕ b) ⊕ c
          const left = part(0, 150);
          left.merge(part(150, 420));
          const leftFirst = throughJson(left);
          leftFirst.merge(part(420, 600));
          // a ⊕ (b ⊕ c)
          const right = part(150, 420);
          right.merge(part(420, 600));
          const rightFirst = part(0, 150);
          rightFirst.merge(throughJson(right));
          const expected = single();
          assert.deepEqual(leftFirst.finish(), expected);
          assert.deepEqual(rightFirst.finish(), expected);
        });
      });
    }
  }

  it('keeps typed arrays, empty ones and non-finite numbers exactly', () => {
    const value = {
      keys: new Float64Array([1.5, -0, Number.MAX_VALUE]),
      counts: new Uint32Array([0, 4294967295]),
      registers: new Uint8Array(0),
      odd: new Float64Array(new ArrayBuffer(24), 8, 2).fill(7),
      budget: Infinity,
      floor: -Infinity,
      nested: [{ x: NaN }],
    };
    const decoded = decodeState(JSON.parse(JSON.stringify(encodeState(value))));
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, { ...value, odd: new Float64Array([7, 7]) });
  });

  it('says where a malformed value is instead of throwing', () => {
    assert.deepEqual(decodeState({ units: { words: { keys: { $typed: 'Float64Array', base64: 'AAAA' } } } }), {
      ok: false,
      path: '/units/words/keys',
      message: '3 bytes is not a whole number of Float64Array elements',
    });
    assert.deepEqual(decodeState([{ $typed: 'DataView', base64: '' }]), { ok: false, path: '/0', message: 'unknown typed array "DataView"' });
    assert.deepEqual(decodeState({ n: { $number: 'lots' } }), { ok: false, path: '/n', message: 'not a number spelling: "lots"' });
  });
});
