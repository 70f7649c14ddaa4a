import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../src/core/config';
import { lintFile } from '../../../src/project/lint-file';
import { makeTree } from '../project/tmp-tree';

const MIXER = 'dataset_mixer:\n  our-org/support-chats: 0.5\n  HuggingFaceH4/ultrachat_200k: 0.3\n  databricks/databricks-dolly-15k: 0.2\n';

describe('a team adds and overrides registry entries', () => {
  const tree = makeTree({
    'inline/.synthlint.yaml':
      'datasets:\n  - id: our-org/support-chats\n    origin: human\n    note: Written by our support agents\n  - id: databricks/databricks-dolly-15k\n    origin: mixed\n    note: We mixed in our own generated rows\n',
    'inline/train.yaml': MIXER,
    'file/.synthlint.yaml': 'registry: team/datasets.yaml\ndatasets:\n  - id: our-org/support-chats\n    origin: synthetic\n    generators: [gpt-4o]\n',
    'file/team/datasets.yaml': '- id: our-org/support-chats\n  origin: human\n- id: HuggingFaceH4/ultrachat_200k\n  origin: human\n  orgin: oops\n',
    'file/train.yaml': MIXER,
    'missing/.synthlint.yaml': 'registry: nowhere.yaml\n',
    'missing/train.yaml': MIXER,
  });
  after(() => tree.remove());

  it('takes the config entries with evidence that says where they come from, over the committed registry', async () => {
    const linted = await lintFile(tree.path('inline/train.yaml'));
    const byId = new Map(linted.manifest?.sources.map((s) => [s.id, s]));
    assert.equal(byId.get('our-org/support-chats')?.origin, 'human');
    assert.match(byId.get('our-org/support-chats')?.originEvidence?.detail ?? '', /^your config: Written by our support agents/);
    assert.equal(byId.get('databricks/databricks-dolly-15k')?.origin, 'mixed', 'the team overrides the registry');
    assert.equal(byId.get('HuggingFaceH4/ultrachat_200k')?.origin, 'synthetic', 'the rest of the registry still applies');
  });

  it('reads the registry file the config names, lets inline entries win, and reports its mistakes in that file', async () => {
    const linted = await lintFile(tree.path('file/train.yaml'));
    const byId = new Map(linted.manifest?.sources.map((s) => [s.id, s]));
    assert.equal(byId.get('our-org/support-chats')?.origin, 'synthetic');
    assert.equal(byId.get('our-org/support-chats')?.generator?.model, 'gpt-4o');
    assert.equal(byId.get('HuggingFaceH4/ultrachat_200k')?.origin, 'human');
    const problem = linted.findings.find((f) => f.ruleId === 'config-invalid');
    assert.equal(problem?.file, tree.path('file/team/datasets.yaml'));
    assert.equal(problem?.message, "Unknown dataset entry key 'orgin'. Did you mean 'origin'?");
    assert.equal(problem?.range.start.line, 4);
  });

  it('reports a registry file that cannot be read', async () => {
    const linted = await lintFile(tree.path('missing/train.yaml'));
    const problem = linted.findings.find((f) => f.ruleId === 'config-invalid');
    assert.match(problem?.message ?? '', /Cannot read the registry file: ENOENT/);
  });

  it('checks datasets entries in the config with did-you-mean', () => {
    const { findings, config } = parseConfig(
      '/w/.synthlint.yaml',
      'datasets:\n  - id: a/b\n    origin: synthetc\n  - id: c/d\n    origin: human\n    machines: [llm, ocrr]\nsyntheticMachine: [llm]\n',
    );
    assert.deepEqual(findings.map((f) => f.message), [
      "'origin' is one of human, synthetic, mixed, unknown, not 'synthetc'. Did you mean 'synthetic'?",
      "Unknown machine kind 'ocrr' (one of llm, mt, ocr, asr, template, other). Did you mean 'ocr'?",
      "Unknown config key 'syntheticMachine'. Did you mean 'syntheticMachines'?",
    ]);
    assert.deepEqual(config?.datasets?.map((d) => d.id), ['a/b', 'c/d']);
  });
});
