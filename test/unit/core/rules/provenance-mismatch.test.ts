import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../../src/core/config';
import type { ProvenanceEstimate } from '../../../../src/core/profile';
import { at, buildProfile, est, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'provenance-mismatch');

const styled = { excessVocabulary: { per1000: est(1.4), top: [{ text: 'crucial', count: 30 }, { text: 'additionally', count: 30 }, { text: 'navigate', count: 27 }] } };

export function provenance(score: number, verdict: ProvenanceEstimate['verdict'], records = 400): ProvenanceEstimate {
  return {
    score,
    low: score - 0.08,
    high: score + 0.04,
    verdict,
    records,
    sampled: records,
    setAside: {},
    model: 'provenance-test',
    recordRate: { value: 0.64, ci95: [0.59, 0.69] },
    machineLike: [{ row: { file: '/work/ds/answers.jsonl', line: 12 }, score: 0.97, text: 'Sure! Here are five tips for a healthy diet:' }],
  };
}

describe('provenance-mismatch', () => {
  it('reports a source declared human whose provenance score reads machine-written, on its origin, quoting the rows', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    const profile = buildProfile('answers', { metrics: styled, provenance: provenance(0.91, 'machine') });
    const findings = only(lintSpec(spec, { data: true, profiles: profileMap(profile) }));
    assert.equal(findings.length, 1);
    assert.equal(at(findings[0]!.range), '3:13');
    assert.equal(
      findings[0]!.message,
      `Source 'answers' is declared human but reads as model-written: provenance score 0.91 (95% interval 0.83-0.95, from 400 prose records; 64% (59%-69%) of the records read machine-written one by one); ` +
        `most machine-like: answers.jsonl:12 "Sure! Here are five tips for a healthy diet:" (0.97); LLM style words used most: "crucial", "additionally", "navigate". ` +
        `If it was generated or edited by a model, declare origin 'synthetic' or 'mixed' so the synthetic share counts it.`,
    );
    assert.equal(findings[0]!.related?.[0]?.range.start.line, 11);
  });

  it('no longer fires on style words alone (English-only, and the jargon of human abstracts)', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    const profile = buildProfile('answers', { metrics: styled, provenance: provenance(0.4, 'uncertain') });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(profile) })), []);
  });

  it('takes a configured score threshold instead of the model verdict', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    const profiles = profileMap(buildProfile('answers', { provenance: provenance(0.65, 'uncertain') }));
    assert.equal(only(lintSpec(spec, { data: true, profiles })).length, 0);
    const config = parseConfig('/work/ds/.synthlint.yaml', 'rules:\n  provenance-mismatch: [warning, { minScore: 0.6 }]\n').config;
    assert.equal(only(lintSpec(spec, { data: true, profiles, config })).length, 1);
  });

  it('reports assistant phrases in data declared human', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    const profile = buildProfile('answers', { metrics: { assistantArtifacts: { rate: est(0.05), examples: [] } } });
    assert.match(only(lintSpec(spec, { data: true, profiles: profileMap(profile) }))[0]?.message ?? '', /assistant phrases in 5% of records \(threshold 1%\)/);
  });

  it('passes human-like text declared human, too few records to tell, and any text declared synthetic', () => {
    const human: ManifestSpec = { sources: [{ id: 'answers', origin: 'human' }] };
    assert.deepEqual(only(lintSpec(human, { data: true, profiles: profileMap(buildProfile('answers', { provenance: provenance(0.1, 'human') })) })), []);
    assert.deepEqual(only(lintSpec(human, { data: true, profiles: profileMap(buildProfile('answers', { provenance: provenance(0.95, 'insufficient', 20) })) })), []);
    const synthetic: ManifestSpec = { sources: [{ id: 'answers', origin: 'synthetic', generator: { model: 'm' } }] };
    assert.deepEqual(only(lintSpec(synthetic, { data: true, profiles: profileMap(buildProfile('answers', { metrics: styled, provenance: provenance(0.95, 'machine') })) })), []);
  });
});
