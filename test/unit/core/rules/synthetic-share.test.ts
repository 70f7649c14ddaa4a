import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../../src/core/config';
import { at, lintSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'synthetic-share');

describe('synthetic-share', () => {
  it('reports a dataset that is mostly synthetic by tokens, on the sources key, with the figures', () => {
    const findings = only(
      lintSpec({
        sources: [
          { id: 'seed', origin: 'human', tokens: 20_000 },
          { id: 'alpaca', origin: 'synthetic', generator: { model: 'text-davinci-003' }, tokens: 80_000 },
        ],
      }),
    );
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.severity, 'warning');
    assert.equal(at(f.range), '1:1');
    assert.equal(f.message, 'Synthetic share is 80% by tokens, above the maximum of 50%. Training on mostly generated data risks model collapse; add or keep human data.');
    assert.deepEqual(f.data, { basis: 'tokens', share: 0.8, max: 0.5, human: 0.2, synthetic: 0.8, mixed: 0, unknown: 0 });
  });

  it('passes a dataset with enough human data', () => {
    const findings = lintSpec({ sources: [{ id: 'h', origin: 'human', rows: 60 }, { id: 's', origin: 'synthetic', generator: { model: 'm' }, rows: 40 }] });
    assert.deepEqual(only(findings), []);
  });

  it('prefers the effective mixture weight in auto mode', () => {
    // By rows the data is mostly human, but the mixture samples the synthetic source nine times as often.
    const findings = only(
      lintSpec({
        sources: [
          { id: 'h', origin: 'human', rows: 100, weight: 0.1 },
          { id: 's', origin: 'synthetic', generator: { model: 'm' }, rows: 100, weight: 0.9 },
        ],
      }),
    );
    assert.equal(findings[0]?.data?.basis, 'weight');
    assert.match(findings[0]?.message ?? '', /is 90% by mixture weight × rows/);
  });

  it('uses the basis a config names, and its max (strict preset: 0.38)', () => {
    const spec = { sources: [{ id: 'h', origin: 'human' as const, rows: 60 }, { id: 's', origin: 'synthetic' as const, generator: { model: 'm' }, rows: 40 }] };
    const strict = parseConfig('/work/ds/.synthlint.yaml', 'extends: strict').config;
    const findings = only(lintSpec(spec, { config: strict }));
    assert.equal(findings[0]?.severity, 'error');
    assert.match(findings[0]?.message ?? '', /40% by \w+, above the maximum of 38%/);
  });

  it('counts mixed sources at mixedWeight and says when part of the data is of unknown origin', () => {
    const findings = only(lintSpec({ sources: [{ id: 'm', origin: 'mixed', rows: 50 }, { id: 's', origin: 'synthetic', rows: 40 }, { id: 'u', rows: 10 }] }));
    assert.match(findings[0]?.message ?? '', /is at least 65% by rows \(mixed counted at 50%\).*10% is of unknown origin/);
  });

  it('says nothing when no basis is known for every source', () => {
    assert.deepEqual(only(lintSpec({ sources: [{ id: 'h', origin: 'human', rows: 1 }, { id: 's', origin: 'synthetic', generator: { model: 'm' } }] })), []);
  });
});
