import { strict as assert } from 'node:assert';
import { findConfig, findConfigFrom, loadConfigFile, type ConfigCache } from '../../../src/project/config-lookup';
import { makeTree } from './tmp-tree';

describe('project/findConfig', () => {
  const tree = makeTree({
    '.synthlint.yaml': 'extends: strict\n',
    'a/b/m.dataset.yaml': 'sources: []\n',
    'a/nested/.synthlint.yml': 'rules:\n  synthetic-share: error\n',
    'a/nested/deep/m.dataset.yaml': 'sources: []\n',
    'broken/.synthlint.json': '{ "rules": { "no-such-rule": "error" } }',
    'broken/m.dataset.yaml': 'sources: []\n',
  });
  after(() => tree.remove());

  it('finds the nearest config upward from the manifest, and the nearest wins (no merging up the tree)', () => {
    assert.equal(findConfig(tree.path('a/b/m.dataset.yaml')).file, tree.path('.synthlint.yaml'));
    const nested = findConfig(tree.path('a/nested/deep/m.dataset.yaml'));
    assert.equal(nested.file, tree.path('a/nested/.synthlint.yml'));
    assert.deepEqual(nested.config?.extends, []);
    assert.equal(nested.config?.rules.get('synthetic-share')?.severity, 'error');
  });

  it('reports a bad config as findings positioned in the config file', () => {
    const lookup = findConfig(tree.path('broken/m.dataset.yaml'));
    assert.equal(lookup.file, tree.path('broken/.synthlint.json'));
    const finding = lookup.findings[0];
    assert.equal(finding?.file, tree.path('broken/.synthlint.json'));
    assert.equal(finding?.ruleId, 'config-invalid');
    assert.match(finding?.message ?? '', /no-such-rule/);
    assert.deepEqual(finding?.range.start, { line: 0, character: 13 });
  });

  it('finds nothing above a tree without a config (and does not throw at the filesystem root)', () => {
    assert.deepEqual(findConfigFrom('/'), { findings: [] });
  });

  it('caches by folder, so one run reads each config once', () => {
    const cache: ConfigCache = new Map();
    const first = findConfig(tree.path('a/b/m.dataset.yaml'), cache);
    assert.ok(cache.has(tree.path('a/b')) && cache.has(tree.path('a')) && cache.has(tree.root));
    assert.equal(findConfigFrom(tree.path('a'), cache), first);
  });

  it('turns an unreadable --config file into a finding', () => {
    const lookup = loadConfigFile(tree.path('missing.yaml'));
    assert.equal(lookup.config, undefined);
    assert.equal(lookup.findings[0]?.ruleId, 'config-invalid');
    assert.match(lookup.findings[0]?.message ?? '', /Cannot read the config file: ENOENT/);
  });
});
