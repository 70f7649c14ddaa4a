import { strict as assert } from 'node:assert';
import { at, buildProfile, est, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'assistant-artifacts');

const spec: ManifestSpec = { sources: [{ id: 'gen', origin: 'synthetic', generator: { model: 'gpt-3.5-turbo' } }] };
const FILE = '/work/ds/gen.jsonl';

describe('assistant-artifacts', () => {
  it('reports assistant phrases above the maximum, with the example rows as related locations', () => {
    const examples = [
      { row: { file: FILE, line: 17 }, phrase: 'as an ai language model' },
      { row: { file: FILE, line: 230 }, phrase: "i'm sorry, but i can't" },
    ];
    const profiles = profileMap(buildProfile('gen', { metrics: { assistantArtifacts: { rate: est(0.034), examples } } }));
    const findings = only(lintSpec(spec, { data: true, profiles }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '2:9');
    assert.equal(
      f.message,
      `3.4% of the records of source 'gen' carry assistant artefacts such as "as an ai language model" (gen.jsonl:17), above the maximum of 1%. Filter refusals and disclaimers out of generated data before training on it.`,
    );
    assert.deepEqual(f.related?.map((r) => `${at(r.range)} ${r.message}`), ['17:1 assistant phrase "as an ai language model"', `230:1 assistant phrase "i'm sorry, but i can't"`]);
  });

  it('passes a source under the maximum', () => {
    const profiles = profileMap(buildProfile('gen', { metrics: { assistantArtifacts: { rate: est(0.004), examples: [{ row: { file: FILE, line: 5 }, phrase: 'as a language model' }] } } }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
  });

  it('does not judge a source under minRecords (30), where one phrase is a rate of several percent', () => {
    const examples = [{ row: { file: FILE, line: 3 }, phrase: 'as an ai language model' }];
    const small = profileMap(buildProfile('gen', { records: 10, metrics: { assistantArtifacts: { rate: est(0.1), examples } } }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: small })), []);
    const big = profileMap(buildProfile('gen', { records: 30, metrics: { assistantArtifacts: { rate: est(0.1), examples } } }));
    assert.equal(only(lintSpec(spec, { data: true, profiles: big })).length, 1);
  });
});
