import { strict as assert } from 'node:assert';
import { at, lintSpec, type SourceSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'recursive-generation');

const chain: SourceSpec[] = [
  { id: 'seed', origin: 'human' },
  { id: 'g1', origin: 'synthetic', generator: { model: 'm' }, derivedFrom: ['seed'] },
  { id: 'g2', origin: 'synthetic', generator: { model: 'm' }, derivedFrom: ['g1'] },
  { id: 'g3', origin: 'synthetic', generator: { model: 'm' }, derivedFrom: ['g2'] },
];

describe('recursive-generation', () => {
  it('warns at generation 2 and errors at generation 3, on derivedFrom, pointing at the parent', () => {
    const findings = only(lintSpec({ sources: chain }));
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${f.severity} ${at(f.range)}`), ['g2 warning 14:5', 'g3 error 20:5']);
    assert.equal(
      findings[0]?.message,
      "Source 'g2' is generation 2 synthetic data (generated from 'g1', generation 1). Each generation trained on generated data loses more of the tails of the real distribution (model collapse).",
    );
    assert.deepEqual(findings[0]?.related?.map((r) => `${at(r.range)} ${r.message}`), ["4:9 'g1' is generation 1"]);
    assert.deepEqual(findings[1]?.data, { depth: 3, parent: 'g2', warnAt: 2, errorAt: 3 });
  });

  it('passes data generated once from human data', () => {
    assert.deepEqual(only(lintSpec({ sources: chain.slice(0, 2) })), []);
  });

  it('reads a declared generator.generation and reports at it', () => {
    const findings = only(lintSpec({ sources: [{ id: 'x', origin: 'synthetic', generator: { model: 'm', generation: 2 } }] }));
    assert.deepEqual(findings.map((f) => `${f.severity} ${at(f.range)}`), ['warning 6:19']);
  });

  it('follows derivedFrom into the registry of well-known datasets', () => {
    const findings = only(lintSpec({ sources: [{ id: 'gpt4-rewrite', origin: 'synthetic', generator: { model: 'm' }, derivedFrom: ['tatsu-lab/alpaca'] }] }));
    assert.match(findings[0]?.message ?? '', /generation 2 synthetic data \(generated from 'tatsu-lab\/alpaca', generation 1\)/);
  });

  it('says a registry variant at its parent\'s depth is a copy of it, not generated from it', () => {
    // As resolve.ts records a registry variant: its parent as derivedFrom, the parent's depth as its generation.
    const variant: SourceSpec = { id: 'GPT4-LLM-Cleaned', origin: 'synthetic', generator: { model: 'gpt-4', generation: 2 }, derivedFrom: ['vicgalle/alpaca-gpt4'] };
    const findings = only(lintSpec({ sources: [variant] }));
    assert.match(findings[0]?.message ?? '', /is generation 2 synthetic data \(a copy of 'vicgalle\/alpaca-gpt4', generation 2\)/);
  });

  it('reports a derivedFrom cycle as an error at the reference that starts it, with the rest as related', () => {
    const findings = only(
      lintSpec({
        sources: [
          { id: 'a', origin: 'synthetic', generator: { model: 'm' }, derivedFrom: ['b'] },
          { id: 'b', origin: 'synthetic', generator: { model: 'm' }, derivedFrom: ['a'] },
        ],
      }),
    );
    const cycle = findings.find((f) => f.data?.cycle !== undefined);
    assert.equal(cycle?.severity, 'error');
    assert.equal(cycle?.message, "derivedFrom forms a cycle: 'a' → 'b' → 'a'. A dataset cannot be generated from its own output; fix the lineage.");
    assert.equal(at(cycle!.range), '7:9');
    assert.deepEqual(cycle?.related?.map((r) => `${at(r.range)} ${r.message}`), ["13:9 'b' is derived from 'a'"]);
  });
});
