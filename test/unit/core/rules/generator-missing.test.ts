import { strict as assert } from 'node:assert';
import { lint } from '../../../../src/core';
import { parseManifest } from '../../../../src/core/parse';
import { applyEdits, at, buildManifest, lintSpec, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'generator-missing');

describe('generator-missing', () => {
  it('reports a synthetic source without a generator at its origin, with a fix adding a placeholder block', () => {
    const spec: ManifestSpec = { sources: [{ id: 'alpaca', origin: 'synthetic', rows: 5000 }] };
    const f = only(lintSpec(spec))[0]!;
    assert.equal(`${f.severity} ${at(f.range)}`, 'warning 3:13');
    assert.equal(f.message, "Source 'alpaca' is synthetic but does not name the model that generated it; add generator.model.");
    assert.equal(
      applyEdits(buildManifest(spec).text, f.fixes![0]!.edits),
      'sources:\n  - id: alpaca\n    origin: synthetic\n    generator:\n      model: TODO\n    rows: 5000\n',
    );
  });

  it('adds model under an existing generator block, aligned with its other keys', () => {
    const spec: ManifestSpec = { sources: [{ id: 'a', origin: 'mixed', generator: { provider: 'openai' } }] };
    const f = only(lintSpec(spec))[0]!;
    assert.equal(
      applyEdits(buildManifest(spec).text, f.fixes![0]!.edits),
      'sources:\n  - id: a\n    origin: mixed\n    generator:\n      model: TODO\n      provider: openai\n',
    );
  });

  it('fills a generator block that the parser read without a model, instead of adding a second one', () => {
    const file = '/work/ds/gen.dataset.yaml';
    const text = 'sources:\n  - id: a\n    origin: synthetic\n    files: [a.jsonl]\n    generator:\n      provider: openai\n';
    const f = lint({ file, text, parse: parseManifest(file, text), rules: new Map() }).find((x) => x.ruleId === 'generator-missing')!;
    assert.equal(
      applyEdits(text, f.fixes![0]!.edits),
      'sources:\n  - id: a\n    origin: synthetic\n    files: [a.jsonl]\n    generator:\n      model: TODO\n      provider: openai\n',
    );
  });

  it('keeps reporting the TODO placeholder (and an empty model) until a real name is written, without a fix', () => {
    for (const model of ['TODO', '']) {
      const f = only(lintSpec({ sources: [{ id: 'a', origin: 'synthetic', generator: { model } }] }))[0];
      assert.match(f?.message ?? '', /has no real generator model yet/);
      assert.equal(f?.fixes, undefined);
      assert.equal(at(f!.range), '5:14');
    }
  });

  it('passes synthetic sources that name their model, and human sources', () => {
    assert.deepEqual(only(lintSpec({ sources: [{ id: 'a', origin: 'synthetic', generator: { model: 'llama-2-70b-chat' } }, { id: 'h', origin: 'human' }] })), []);
  });

  it("on a dataset card, says a card cannot name a model instead of asking for generator.model", () => {
    const text = '---\nlanguage_creators:\n- machine-generated\ntags:\n- synthetic\n---\n# Card\n';
    const parse = parseManifest('/w/README.md', text);
    const [f] = lint({ file: '/w/README.md', text, parse, rules: new Map() }).filter((x) => x.ruleId === 'generator-missing');
    assert.match(f?.message ?? '', /a dataset card's metadata cannot name the model/);
    assert.doesNotMatch(f?.message ?? '', /add generator\.model/);
  });
});
