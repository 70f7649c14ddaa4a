/**
 * makeFolders and makeFoldersSync (src/analyzer/folders.ts): `mkdir -p` that ends where Node's recursive mkdir spins
 * for ever (a folder under procfs, whose mkdir says ENOENT while the parent exists), and otherwise does what it does.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeFolders, makeFoldersSync } from '../../../src/analyzer/folders';

describe('analyzer/folders: making a folder and its missing parents', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'synthlint-folders-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the missing folders, and takes one that exists', async () => {
    await makeFolders(path.join(dir, 'a', 'b', 'c'));
    makeFoldersSync(path.join(dir, 'x', 'y'));
    assert.ok(statSync(path.join(dir, 'a', 'b', 'c')).isDirectory() && statSync(path.join(dir, 'x', 'y')).isDirectory());
    await makeFolders(path.join(dir, 'a', 'b'));
    makeFoldersSync(dir);
  });

  it('fails where a file or a dangling link stands in the way', async () => {
    writeFileSync(path.join(dir, 'file'), '');
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    for (const folder of [path.join(dir, 'file'), path.join(dir, 'file', 'sub'), path.join(dir, 'dangling', 'sub')]) {
      await assert.rejects(makeFolders(folder), /EEXIST|ENOTDIR|ENOENT/, folder);
      assert.throws(() => makeFoldersSync(folder), /EEXIST|ENOTDIR|ENOENT/, folder);
    }
    assert.ok(!existsSync(path.join(dir, 'nowhere')));
  });

  it('fails at once under procfs, where recursive mkdir retries for ever', function () {
    if (!existsSync('/proc/self')) this.skip();
    // In a child with a time limit: a regression spins for ever rather than failing.
    const script = `const f = require(${JSON.stringify(path.resolve(__dirname, '../../../src/analyzer/folders.ts'))});
      try { f.makeFoldersSync('/proc/synthlint-nope/a'); } catch (e) { console.log('sync', e.code); }
      f.makeFolders('/proc/synthlint-nope/a').then(() => console.log('async ok'), (e) => console.log('async', e.code));`;
    const result = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.signal, null, 'it did not end');
    assert.deepEqual(result.stdout.trim().split('\n'), ['sync ENOENT', 'async ENOENT']);
  });
});
