/**
 * The CLI and the editor ask the same modules which files are manifests and how data is read (issue #12):
 * these tests put both on the same tree and compare their answers.
 */
import { strict as assert } from 'node:assert';
import { analyzerFor, DEFAULT_MAX_DATA_MB, discoverManifests, lintFile } from '../../../src/project/index';
import { DEFAULT_SETTINGS } from '../../../src/server/settings';
import { Workspace, type WorkspaceHost } from '../../../src/server/workspace';
import { dataLimits } from '../../../src/cli/data-limits';
import { makeTree } from './tmp-tree';

const MANIFEST = ['sources:', '  - id: a', '    files: [../outside/a.jsonl]', '    origin: human', ''].join('\n');

const silentHost: WorkspaceHost = {
  publish: () => undefined,
  status: () => undefined,
  removeStatus: () => undefined,
  openDocument: () => undefined,
  progress: async () => ({ report: () => undefined, done: () => undefined }),
  watchData: () => undefined,
  resultChanged: () => undefined,
  log: () => undefined,
};

describe('project: one decision for CLI and editor', () => {
  it('`*.dataset.yaml` matches `sub/x.dataset.yaml` in the CLI and in the editor alike', () => {
    const tree = makeTree({ 'top.dataset.yaml': MANIFEST, 'sub/x.dataset.yaml': MANIFEST, 'sub/notes.yaml': 'a: 1\n' });
    try {
      const globs = ['*.dataset.yaml'];
      const cli = discoverManifests([tree.root], globs);
      const editor = new Workspace(silentHost, { roots: [tree.root], trusted: true, settings: { ...DEFAULT_SETTINGS, manifests: globs } });
      assert.deepEqual(cli, [tree.path('sub/x.dataset.yaml'), tree.path('top.dataset.yaml')]);
      for (const file of [tree.path('top.dataset.yaml'), tree.path('sub/x.dataset.yaml'), tree.path('sub/notes.yaml')]) {
        assert.equal(editor.isCandidate(file, MANIFEST), cli.includes(file), file);
      }
    } finally {
      tree.remove();
    }
  });

  it('confines data reads to the workspace in CI as in the editor, and widens them only on purpose', async () => {
    const tree = makeTree({ 'ws/mix.dataset.yaml': MANIFEST, 'outside/a.jsonl': '{"text":"a secret outside the workspace"}\n' });
    try {
      const file = tree.path('ws/mix.dataset.yaml');
      const issuesWith = async (settings: Parameters<typeof analyzerFor>[0]): Promise<string[]> => {
        const linted = await lintFile(file, { data: true, analyze: analyzerFor(settings) });
        return linted.findings.filter((f) => f.ruleId === 'unreadable-data').map((f) => f.message);
      };
      const editor = await issuesWith({ readRoots: [tree.path('ws')] });
      const ci = await issuesWith(dataLimits({}, tree.path('ws')));
      assert.equal(editor.length, 1);
      assert.match(editor[0] ?? '', /outside the allowed folders/);
      assert.deepEqual(ci, editor, 'CI reads what the editor reads');
      assert.deepEqual(await issuesWith(dataLimits({ 'allow-read': ['../outside'] }, tree.path('ws'))), []);
      assert.deepEqual(await issuesWith(dataLimits({ 'allow-read': ['/'] }, tree.path('ws'))), []);
    } finally {
      tree.remove();
    }
  });

  it('reads the same number of megabytes per source by default everywhere', () => {
    assert.equal(dataLimits({}, '/w').maxDataMB, undefined, 'the CLI leaves the default to analyzerFor');
    assert.equal(DEFAULT_SETTINGS.maxDataMB, DEFAULT_MAX_DATA_MB);
    assert.equal(dataLimits({ 'max-data-mb': 64 }, '/w').maxDataMB, 64);
  });
});
