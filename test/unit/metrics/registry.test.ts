import { strict as assert } from 'node:assert';
import { ProfileAccumulator } from '../../../src/analyzer/metrics/accumulator';
import { METRIC_UNITS, metricNames } from '../../../src/analyzer/metrics/registry';
import { accumulate, profileOf } from './helpers';

const TEXTS = ['Sure! Here is a short poem about the sea.', 'As an AI language model I cannot do that.', 'The sea was calm and the sky was grey.'];

describe('metrics: the registry of units', () => {
  it('names every unit once', () => {
    assert.equal(new Set(metricNames).size, METRIC_UNITS.length);
  });

  it('fills every field of a profile when no unit runs, from the units’ own zero figures', () => {
    const all = profileOf(TEXTS);
    const none = profileOf(TEXTS, { metrics: [] });
    assert.deepEqual(Object.keys(none).sort(), Object.keys(all).sort());
    const required = Object.keys(all.metrics).filter((k) => (all.metrics as unknown as Record<string, unknown>)[k] !== undefined && !['distinctRelativeError', 'compressionBlocks', 'estimated'].includes(k));
    for (const key of required) assert.ok(key in none.metrics, `no unit gives ${key} when disabled`);
    assert.equal(none.records, 3);
    assert.equal(none.metrics.ngramDiversity.value, 0);
  });

  it('gives no figures when it read no record: alone, merged from empty chunks, restored from its state', () => {
    const empty = new ProfileAccumulator();
    assert.equal(empty.finish().metrics, undefined);
    const merged = new ProfileAccumulator();
    merged.merge(new ProfileAccumulator());
    assert.equal(merged.finish().metrics, undefined);
    const restored = ProfileAccumulator.fromState(structuredClone(new ProfileAccumulator().toState()));
    const figures = restored.finish();
    assert.equal(figures.metrics, undefined);
    assert.equal(figures.records, 0);
    // The counts are counts, not ratios: 0 words is what was read.
    assert.equal(figures.words, 0);
    merged.merge(accumulate(TEXTS));
    assert.ok(merged.finish().metrics, 'a chunk with records gives figures');
  });

  it('runs one unit alone with the same figures it gives among all of them', () => {
    for (const name of metricNames) {
      const alone = profileOf(TEXTS, { metrics: [name] });
      const all = profileOf(TEXTS);
      const unit = METRIC_UNITS.find((u) => u.name === name);
      const figures = unit?.off.metrics ?? {};
      for (const key of Object.keys(figures)) {
        const k = key as keyof typeof all.metrics;
        assert.deepEqual(alone.metrics[k], all.metrics[k], `${name}.${key}`);
      }
    }
  });

  it('moves every unit’s state through a structured clone (as between threads) without changing a figure', () => {
    const acc = accumulate(TEXTS);
    const moved = ProfileAccumulator.fromState(structuredClone(acc.toState()));
    assert.deepEqual(moved.finish(), acc.finish());
    assert.deepEqual(Object.keys(acc.toState().units), [...metricNames]);
  });
});
