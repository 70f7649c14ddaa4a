import { strict as assert } from 'node:assert';
import { discoverManifests, ignoredByConfig, isIgnored } from '../../../src/project/discover';
import { findConfig } from '../../../src/project/config-lookup';
import { makeTree } from './tmp-tree';

const CARD = '---\nlanguage_creators:\n- found\nconfigs:\n- config_name: default\n  data_files: data/*.csv\n---\n# Card\n';

describe('project/discoverManifests', () => {
  const tree = makeTree({
    'one.dataset.yaml': 'sources: []\n',
    'two.dataset.json': '{"sources": []}\n',
    'card/README.md': CARD,
    'README.md': '# Just a readme, no front matter\n',
    'mix/tulu_mixer.yaml': 'dataset_mixer:\n  allenai/tulu-v2-sft-mixture: 1.0\n',
    'mix/axolotl.yaml': 'datasets:\n  - path: data/a.json\n    type: alpaca\n',
    'mix/notes.yaml': 'sources:\n  - id: a\n    files: [a.jsonl]\n',
    'mix/pipeline.yaml': 'sources:\n  web_logs:\n    type: http_server\n',
    'node_modules/pkg/x.dataset.yaml': 'sources: []\n',
    'build/old.dataset.yaml': 'sources: []\n',
    'data/train.jsonl': '{}\n',
  });
  after(() => tree.remove());
  const rel = (files: string[]) => files.map((f) => f.slice(tree.root.length + 1));

  it('finds every dialect by the default globs and content, skipping node_modules, READMEs that are not cards and YAML no dialect reads', () => {
    assert.deepEqual(rel(discoverManifests([tree.root])), [
      'build/old.dataset.yaml',
      'card/README.md',
      'mix/axolotl.yaml',
      'mix/notes.yaml',
      'mix/tulu_mixer.yaml',
      'one.dataset.yaml',
      'two.dataset.json',
    ]);
  });

  it('honours ignore globs, a folder name ignoring everything under it', () => {
    assert.ok(!rel(discoverManifests([tree.root], undefined, ['build'])).includes('build/old.dataset.yaml'));
    assert.deepEqual(rel(discoverManifests([tree.root], undefined, ['**/*.json', 'mix/**', 'build/**'])), ['card/README.md', 'one.dataset.yaml']);
  });

  it('takes the config `manifests` globs instead of the defaults, relative to `base`', () => {
    assert.deepEqual(rel(discoverManifests([tree.path('mix')], ['mix/*.yaml'], [], { base: tree.root })), [
      'mix/axolotl.yaml',
      'mix/notes.yaml',
      'mix/tulu_mixer.yaml',
    ]);
  });

  it('takes a file root as given and drops roots that do not exist', () => {
    assert.deepEqual(rel(discoverManifests([tree.path('data/train.jsonl'), tree.path('nope')])), ['data/train.jsonl']);
  });

  it('isIgnored matches names in any folder for globs without a slash, as .gitignore does', () => {
    assert.equal(isIgnored('a/b/drafts/x.dataset.yaml', ['drafts']), true);
    assert.equal(isIgnored('a/b/x.dataset.yaml', ['a/c/**']), false);
    assert.equal(isIgnored('a/c/x.dataset.yaml', ['a/c/']), true);
  });
});

describe('project/ignoredByConfig', () => {
  const tree = makeTree({ 'ws/.synthlint.yaml': 'ignore:\n  - archive/**\n', 'ws/archive/v1.dataset.yaml': '', 'ws/v2.dataset.yaml': '', 'other.dataset.yaml': '' });
  after(() => tree.remove());

  it('applies the ignore globs of the config that governs the file, relative to that config', () => {
    const lookup = findConfig(tree.path('ws/archive/v1.dataset.yaml'));
    assert.equal(ignoredByConfig(tree.path('ws/archive/v1.dataset.yaml'), lookup), true);
    assert.equal(ignoredByConfig(tree.path('ws/v2.dataset.yaml'), lookup), false);
    assert.equal(ignoredByConfig(tree.path('other.dataset.yaml'), lookup), false);
  });
});
