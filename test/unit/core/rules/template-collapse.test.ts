import { strict as assert } from 'node:assert';
import { at, buildProfile, est, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'template-collapse');

const spec: ManifestSpec = { sources: [{ id: 'seed', origin: 'human' }, { id: 'gen', origin: 'synthetic', generator: { model: 'm' } }] };

function openings(share: number, top: string, ci95?: [number, number]) {
  return { templateOpenings: { share3: est(share, ci95), share5: est(share / 2), top3: [{ text: top, count: 140 }], top5: [] } };
}

describe('template-collapse', () => {
  it('reports a synthetic source whose records open alike, quoting the top opening', () => {
    const profiles = profileMap(buildProfile('seed'), buildProfile('gen', { metrics: openings(0.3, "sure, here's a") }));
    const findings = only(lintSpec(spec, { data: true, profiles }));
    assert.equal(findings.length, 1);
    assert.equal(at(findings[0]!.range), '4:9');
    assert.equal(
      findings[0]!.message,
      `30% of the records of source 'gen' open with one of its most repeated openings, above the maximum of 20%; the most common is "sure, here's a" (140 records). Vary the generation prompts or filter templated records.`,
    );
  });

  it('quotes dataset text safely: quotes escaped, control and bidi characters dropped, long text cut', () => {
    const nasty = `say "hi"\n\u202Eevil\u0007 ${'x'.repeat(100)}`;
    const profiles = profileMap(buildProfile('gen', { metrics: openings(0.5, nasty) }));
    const message = only(lintSpec(spec, { data: true, profiles }))[0]?.message ?? '';
    assert.match(message, /the most common is "say \\"hi\\" evil x+…" \(140 records\)/);
    assert.doesNotMatch(message, /[\n\u202E\u0007]/);
  });

  it('passes varied openings, a sampled share whose interval reaches under the maximum, and human sources', () => {
    const profiles = profileMap(
      buildProfile('seed', { metrics: openings(0.6, 'how to make') }),
      buildProfile('gen', { metrics: openings(0.22, 'write a poem', [0.17, 0.27]) }),
    );
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
  });

  it('does not judge a source under minRecords (30): in a few records one repeated pair is a large share', () => {
    const small = profileMap(buildProfile('gen', { records: 6, metrics: openings(1 / 3, 'great question! dense') }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: small })), []);
    const big = profileMap(buildProfile('gen', { records: 30, metrics: openings(1 / 3, 'great question! dense') }));
    assert.equal(only(lintSpec(spec, { data: true, profiles: big })).length, 1);
  });
});
