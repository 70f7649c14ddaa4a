import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../../src/core/config';
import { at, buildProfile, est, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'low-diversity');

const spec: ManifestSpec = {
  sources: [
    { id: 'forum', origin: 'human' },
    { id: 'chat', origin: 'synthetic', generator: { model: 'llama-2-70b-chat' } },
  ],
};

describe('low-diversity', () => {
  it('reports a synthetic source more repetitive than the human baseline, on its id, naming both figures and the baseline', () => {
    const profiles = profileMap(
      buildProfile('forum', { metrics: { compressionRatio: est(2.67), ngramDiversity: est(2.72) } }),
      buildProfile('chat', { metrics: { compressionRatio: est(3.2), ngramDiversity: est(2.46) } }),
    );
    const findings = only(lintSpec(spec, { data: true, profiles }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '4:9');
    assert.equal(f.sourceId, 'chat');
    assert.equal(
      f.message,
      "Source 'chat' is more repetitive than the human baseline of 'forum' (compression ratio 2.67×, n-gram diversity 2.72; 10% margin): compression ratio 3.20×, n-gram diversity 2.46. Training on low-diversity generated text narrows what the model learns.",
    );
  });

  it('passes a synthetic source within the margin of the human data', () => {
    const profiles = profileMap(
      buildProfile('forum', { metrics: { compressionRatio: est(2.67), ngramDiversity: est(2.72) } }),
      buildProfile('chat', { metrics: { compressionRatio: est(2.9), ngramDiversity: est(2.6) } }),
    );
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
  });

  it('weights the human baseline by records', () => {
    const humans: ManifestSpec = { sources: [{ id: 'big', origin: 'human' }, { id: 'small', origin: 'human' }, { id: 'gen', origin: 'synthetic' }] };
    const profiles = profileMap(
      buildProfile('big', { records: 900, metrics: { compressionRatio: est(2.5) } }),
      buildProfile('small', { records: 100, metrics: { compressionRatio: est(3.5) } }),
      buildProfile('gen', { metrics: { compressionRatio: est(2.9) } }),
    );
    // Baseline 2.6 → limit 2.86: the synthetic 2.9 is over it (an unweighted mean of 3.0 would hide it).
    const f = only(lintSpec(humans, { data: true, profiles }))[0];
    assert.match(f?.message ?? '', /human baseline of 'big', 'small' \(compression ratio 2\.60×/);
  });

  it('falls back to absolute limits without human data, and flags too little n-gram diversity', () => {
    const alone: ManifestSpec = { sources: [{ id: 'gen', origin: 'synthetic' }] };
    const bad = profileMap(buildProfile('gen', { metrics: { compressionRatio: est(2.8), ngramDiversity: est(1.7) } }));
    assert.match(only(lintSpec(alone, { data: true, profiles: bad }))[0]?.message ?? '', /is less varied than the limits used when there is no human data \(compression ratio at most 3\.00×, n-gram diversity at least 2\.00\): compression ratio 2\.80×, n-gram diversity 1\.70\./);
    const good = profileMap(buildProfile('gen', { metrics: { compressionRatio: est(2.8), ngramDiversity: est(2.3) } }));
    assert.deepEqual(only(lintSpec(alone, { data: true, profiles: good })), []);
  });

  it('does not fire on a sampled figure whose 95% interval reaches under the limit, and says the interval when it fires', () => {
    const alone: ManifestSpec = { sources: [{ id: 'gen', origin: 'synthetic' }] };
    const straddles = profileMap(buildProfile('gen', { metrics: { compressionRatio: est(3.1, [2.95, 3.25]) } }));
    assert.deepEqual(only(lintSpec(alone, { data: true, profiles: straddles })), []);
    const over = profileMap(buildProfile('gen', { metrics: { compressionRatio: est(3.3, [3.15, 3.45]) } }));
    assert.match(only(lintSpec(alone, { data: true, profiles: over }))[0]?.message ?? '', /compression ratio 3\.30× \(95% CI 3\.15×-3\.45×\)/);
  });

  it('takes the margin from the config (strict preset: 5%)', () => {
    const profiles = profileMap(buildProfile('forum', { metrics: { compressionRatio: est(2.6) } }), buildProfile('chat', { metrics: { compressionRatio: est(2.8) } }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
    const strict = parseConfig('/work/ds/.synthlint.yaml', 'extends: strict').config;
    assert.equal(only(lintSpec(spec, { data: true, profiles, config: strict }))[0]?.severity, 'error');
  });

  it('does not judge a source, or take a human baseline, under minRecords records (a one-record "hi")', () => {
    const alone: ManifestSpec = { sources: [{ id: 'gen', origin: 'synthetic' }] };
    const hi = profileMap(buildProfile('gen', { records: 1, metrics: { compressionRatio: est(0.04), ngramDiversity: est(1) } }));
    assert.deepEqual(only(lintSpec(alone, { data: true, profiles: hi })), []);
    const profiles = profileMap(
      buildProfile('forum', { records: 3, metrics: { compressionRatio: est(1.2), ngramDiversity: est(3.5) } }),
      buildProfile('chat', { metrics: { compressionRatio: est(2.6), ngramDiversity: est(2.7) } }),
    );
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
  });

  it('compares the size-matched figures (fixed-size draws, per character) when every profile has them', () => {
    const sized = (compressionPerChar: number, ngramDiversity: number) => ({ records: 50, compressionPerChar, ngramDiversity });
    const profiles = profileMap(
      // Whole-source figures that differ only because 'chat' is 30 times bigger; its size-matched ones match the human data.
      buildProfile('forum', { records: 175, metrics: { compressionRatio: est(2.2), ngramDiversity: est(3.0), sizeMatched: sized(2.2, 3.0) } }),
      buildProfile('chat', { records: 5000, metrics: { compressionRatio: est(3.4), ngramDiversity: est(2.2), sizeMatched: sized(2.25, 2.95) } }),
    );
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
    const worse = profileMap(
      buildProfile('forum', { records: 175, metrics: { sizeMatched: sized(2.2, 3.0) } }),
      buildProfile('chat', { records: 5000, metrics: { sizeMatched: sized(2.9, 2.5) } }),
    );
    assert.match(only(lintSpec(spec, { data: true, profiles: worse }))[0]?.message ?? '', /compression ratio 2\.90×, n-gram diversity 2\.50 \(on draws of 50 records; compression per character\)/);
  });
});
