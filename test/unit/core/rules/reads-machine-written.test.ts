import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../../src/core/config';
import { at, buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';
import { provenance } from './provenance-mismatch.test';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'reads-machine-written');

describe('reads-machine-written', () => {
  it('reports an undeclared source whose provenance score reads machine-written, with the score, interval and rows', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers' }] };
    const findings = only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('answers', { provenance: provenance(0.91, 'machine') })) }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.severity, 'warning');
    assert.equal(at(f.range), '2:9');
    assert.match(f.message, /^Source 'answers' does not declare its origin but its data reads as machine-written: provenance score 0\.91 \(95% interval 0\.83-0\.95, from 400 prose records;/);
    assert.match(f.message, /most machine-like: answers\.jsonl:12 "Sure! Here are five tips for a healthy diet:" \(0\.97\)/);
    assert.equal(f.related?.[0]?.file, '/work/ds/answers.jsonl');
    assert.equal(f.data?.score, 0.91);
  });

  it('reports a source declared unknown on its origin value', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers', origin: 'unknown' }] };
    const f = only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('answers', { provenance: provenance(0.91, 'machine') })) }))[0];
    assert.match(f?.message ?? '', /is declared of 'unknown' origin/);
    assert.equal(at(f!.range), '3:13');
  });

  it('stays quiet on uncertain, human-reading and too-small sources, and on declared origins (provenance-mismatch has the human ones)', () => {
    for (const [score, verdict] of [[0.5, 'uncertain'], [0.1, 'human'], [0.99, 'insufficient']] as const) {
      const spec: ManifestSpec = { sources: [{ id: 'answers' }] };
      assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('answers', { provenance: provenance(score, verdict) })) })), []);
    }
    for (const origin of ['human', 'synthetic', 'mixed'] as const) {
      const spec: ManifestSpec = { sources: [{ id: 'answers', origin, generator: origin === 'human' ? undefined : { model: 'm' } }] };
      assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('answers', { provenance: provenance(0.95, 'machine') })) })), []);
    }
  });

  it('has a configurable threshold and severity', () => {
    const spec: ManifestSpec = { sources: [{ id: 'answers' }] };
    const profiles = profileMap(buildProfile('answers', { provenance: provenance(0.95, 'machine') }));
    const config = parseConfig('/work/ds/.synthlint.yaml', 'rules:\n  reads-machine-written: [error, { minScore: 0.97 }]\n').config;
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles, config })), []);
    const lower = parseConfig('/work/ds/.synthlint.yaml', 'rules:\n  reads-machine-written: [error, { minScore: 0.9 }]\n').config;
    assert.equal(only(lintSpec(spec, { data: true, profiles, config: lower }))[0]?.severity, 'error');
  });
});
