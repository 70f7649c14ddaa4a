import { strict as assert } from 'node:assert';
import { lint } from '../../../../src/core/lint';
import { effectiveRules } from '../../../../src/core/config';
import { parseManifest } from '../../../../src/core/parse';
import { MANIFEST_FILE, applyEdits, at, buildManifest, lintSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'provenance-missing');

describe('provenance-missing', () => {
  it('reports a source without origin at its id, with fixes that declare the origin', () => {
    const spec = { sources: [{ id: 'forum', files: ['data/forum.jsonl'] }] };
    const findings = only(lintSpec(spec));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(`${f.severity} ${at(f.range)}`, 'warning 2:9');
    assert.equal(f.message, "Source 'forum' does not say whether its data is human-written or model-generated; set origin to human, synthetic or mixed.");
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Declare origin: human', 'Declare origin: synthetic']);
    const { text } = buildManifest(spec);
    assert.equal(
      applyEdits(text, f.fixes![0]!.edits),
      'sources:\n  - id: forum\n    origin: human\n    files:\n      - data/forum.jsonl\n',
    );
  });

  it('replaces an explicit origin: unknown in place', () => {
    const spec = { sources: [{ id: 'x', origin: 'unknown' as const }] };
    const f = only(lintSpec(spec))[0]!;
    assert.equal(at(f.range), '3:13');
    assert.equal(applyEdits(buildManifest(spec).text, f.fixes![1]!.edits), 'sources:\n  - id: x\n    origin: synthetic\n');
  });

  it('offers no fix for JSON manifests (comments and insertions there are the user’s call)', () => {
    const { text, manifest } = buildManifest({ sources: [{ id: 'x' }] }, '/work/ds/m.dataset.json');
    const findings = lint({ file: manifest.file, text, parse: { manifest, findings: [] }, rules: effectiveRules(undefined, manifest.file, '/work/ds') });
    assert.equal(findings[0]?.ruleId, 'provenance-missing');
    assert.equal(findings[0]?.fixes, undefined);
  });

  it('passes sources that state their origin', () => {
    assert.deepEqual(only(lintSpec({ sources: [{ id: 'h', origin: 'human' }, { id: 'm', origin: 'mixed', generator: { model: 'x' } }] })), []);
  });

  it('inserts at the end of a file without a final line break', () => {
    const { text, manifest } = buildManifest({ sources: [{ id: 'x' }] });
    const trimmed = text.trimEnd();
    const f = lint({ file: MANIFEST_FILE, text: trimmed, parse: { manifest, findings: [] }, rules: effectiveRules(undefined, MANIFEST_FILE, '/work/ds') })[0]!;
    assert.equal(applyEdits(trimmed, f.fixes![0]!.edits), 'sources:\n  - id: x\n    origin: human');
  });

  describe('says how each format can state an origin (only native manifests have an origin key)', () => {
    const messageFor = (file: string, text: string): string | undefined => {
      const parse = parseManifest(file, text);
      return only(lint({ file, text, parse, rules: effectiveRules(undefined, file, '/work/ds') }))[0]?.message;
    };
    const cases: [string, string, string, RegExp][] = [
      ['open-instruct reads a comment beside the entry', '/work/ds/mix.yaml', 'dataset_mixer:\n  my-org/support-drafts: 1.0\n', /; add a comment beside the entry \('# human written', '# gpt4 generated'\) or, for a hub dataset, a datasets: entry in \.synthlint\.yaml\.$/],
      ['LLaMA-Factory names hub datasets without comments', '/work/ds/data/dataset_info.json', '{"drafts": {"hf_hub_url": "my-org/support-drafts", "formatting": "alpaca"}}', /; for a hub dataset, add a datasets: entry in \.synthlint\.yaml\.$/],
      ['a NeMo blend path can state none', '/work/ds/gpt.yaml', 'model:\n  data:\n    data_prefix: [1.0, /data/my_corpus_text_document]\n', /; a blend path cannot state one: suppress this finding with the reason, or lower the rule for these files in overrides:\.$/],
    ];
    for (const [name, file, text, advice] of cases) {
      it(name, () => {
        const message = messageFor(file, text);
        assert.match(message ?? '', /does not say whether its data is human-written or model-generated; /);
        assert.match(message ?? '', advice);
        assert.doesNotMatch(message ?? '', /set origin/);
      });
    }
  });
});
