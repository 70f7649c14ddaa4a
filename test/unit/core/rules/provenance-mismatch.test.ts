import { strict as assert } from 'node:assert';
import { at, buildProfile, est, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'provenance-mismatch');

const styled = { excessVocabulary: { per1000: est(1.4), top: [{ text: 'crucial', count: 30 }, { text: 'additionally', count: 30 }, { text: 'navigate', count: 27 }] } };

describe('provenance-mismatch', () => {
  it('reports a source declared human whose text is full of LLM style words, on its origin', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    const findings = only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('answers', { metrics: styled })) }));
    assert.equal(findings.length, 1);
    assert.equal(at(findings[0]!.range), '3:13');
    assert.equal(
      findings[0]!.message,
      `Source 'answers' is declared human but reads as model-written: 1.40 LLM style words per 1,000 words (threshold 1.00; most used "crucial", "additionally", "navigate"); assistant phrases in 0% of records (threshold 1%). ` +
        `If it was generated or edited by a model, declare origin 'synthetic' or 'mixed' so the synthetic share counts it.`,
    );
  });

  it('reports assistant phrases in data declared human', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    const profile = buildProfile('answers', { metrics: { assistantArtifacts: { rate: est(0.05), examples: [] } } });
    assert.match(only(lintSpec(spec, { data: true, profiles: profileMap(profile) }))[0]?.message ?? '', /assistant phrases in 5% of records \(threshold 1%\)/);
  });

  it('passes human-like text declared human, and any text declared synthetic', () => {
    const human: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    assert.deepEqual(only(lintSpec(human, { data: true, profiles: profileMap(buildProfile('answers')) })), []);
    const synthetic: ManifestSpec = { sources: [{ id: 'answers', origin: 'synthetic', generator: { model: 'm' } }] };
    assert.deepEqual(only(lintSpec(synthetic, { data: true, profiles: profileMap(buildProfile('answers', { metrics: styled })) })), []);
  });
});
