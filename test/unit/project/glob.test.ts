import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync } from 'node:fs';
import { expandPattern, globBase, isGlob } from '../../../src/project/glob';
import { walkFiles } from '../../../src/project/walk';
import { makeTree } from './tmp-tree';

describe('project/glob', () => {
  const tree = makeTree({
    'data/a.jsonl': '',
    'data/b.csv': '',
    'data/deep/c.jsonl': '',
    'data/deep/deeper/d.jsonl': '',
    'data/.hidden/e.jsonl': '',
    'data/node_modules/pkg/f.jsonl': '',
    'other/g.jsonl': '',
  });
  after(() => tree.remove());
  const rel = (files: string[]) => files.map((f) => f.slice(tree.root.length + 1));

  it('tells globs from plain paths and finds where a walk must start', () => {
    assert.equal(isGlob('data/*.jsonl'), true);
    assert.equal(isGlob('data/{a,b}.csv'), true);
    assert.equal(isGlob('data/a.jsonl'), false);
    assert.equal(globBase('data/deep/**/*.jsonl'), 'data/deep');
    assert.equal(globBase('*.csv'), '');
  });

  it('expands `*` within one folder and `**` across folders, relative to the base folder', () => {
    assert.deepEqual(rel(expandPattern('data/*.jsonl', tree.root)), ['data/a.jsonl']);
    assert.deepEqual(rel(expandPattern('data/**/*.jsonl', tree.root)), [
      'data/.hidden/e.jsonl',
      'data/a.jsonl',
      'data/deep/c.jsonl',
      'data/deep/deeper/d.jsonl',
    ]);
    assert.deepEqual(rel(expandPattern('**/g.jsonl', tree.root)), ['other/g.jsonl']);
  });

  it('takes a plain file as itself and a folder as every file under it (never node_modules)', () => {
    assert.deepEqual(rel(expandPattern('data/b.csv', tree.root)), ['data/b.csv']);
    assert.deepEqual(rel(expandPattern('data/deep', tree.root)), ['data/deep/c.jsonl', 'data/deep/deeper/d.jsonl']);
    assert.ok(!rel(expandPattern('data', tree.root)).some((f) => f.includes('node_modules')));
  });

  it('gives nothing for a path or glob base that does not exist', () => {
    assert.deepEqual(expandPattern('missing.jsonl', tree.root), []);
    assert.deepEqual(expandPattern('missing/**/*.jsonl', tree.root), []);
  });

  it('accepts absolute patterns and `..`', () => {
    assert.deepEqual(rel(expandPattern(`${tree.root}/other/*.jsonl`, '/nowhere')), ['other/g.jsonl']);
    assert.deepEqual(rel(expandPattern('../other/g.jsonl', tree.path('data'))), ['other/g.jsonl']);
  });

  it('reads `!(…)`, `#` and escapes after the plain folders as the whole pattern does (no negation, no comment)', () => {
    const odd = makeTree({ 'data/keep/a.jsonl': '', 'data/tmp/b.jsonl': '', 'data/#draft/c.jsonl': '', 'data/my set/d.jsonl': '' });
    try {
      const found = (pattern: string) => expandPattern(pattern, odd.root).map((f) => f.slice(odd.root.length + 1));
      assert.deepEqual(found('data/!(tmp)/*.jsonl'), ['data/#draft/c.jsonl', 'data/keep/a.jsonl', 'data/my set/d.jsonl']);
      assert.deepEqual(found('data/#draft/*.jsonl'), ['data/#draft/c.jsonl']);
      assert.deepEqual(found('data/my\\ set/*.jsonl'), ['data/my set/d.jsonl']);
    } finally {
      odd.remove();
    }
  });

  it('walks a symlink cycle once instead of looping', () => {
    mkdirSync(tree.path('loop/inner'), { recursive: true });
    symlinkSync(tree.path('loop'), tree.path('loop/inner/back'));
    const files = walkFiles(tree.path('loop'));
    assert.deepEqual(files, []);
  });
});
