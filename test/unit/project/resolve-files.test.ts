import { strict as assert } from 'node:assert';
import type { Dirent } from 'node:fs';
import type { Manifest, Source } from '../../../src/core/manifest';
import { ZERO_RANGE } from '../../../src/core/range';
import { DiskCache } from '../../../src/project/disk-cache';
import { isRemote, resolveSourceFiles } from '../../../src/project/resolve-files';
import { makeTree } from './tmp-tree';

function source(id: string, files: string[]): Source {
  return { id, files, origin: 'human', derivedFrom: [], ranges: { self: ZERO_RANGE, id: ZERO_RANGE }, itemRanges: { files: [], derivedFrom: [] } };
}

describe('project/resolveSourceFiles', () => {
  const tree = makeTree({
    'set/m.dataset.yaml': '',
    'set/data/a.jsonl': '',
    'set/data/b.jsonl': '',
    'set/data/parts/c.jsonl.gz': '',
    'set/org/local-name': '',
    'set/walk/b/c.jsonl': '',
    'set/walk/b.txt': '',
    'set/walk/a.jsonl': '',
    'shared/x.csv': '',
  });
  after(() => tree.remove());
  const manifest = (sources: Source[]): Manifest => ({ file: tree.path('set/m.dataset.yaml'), dialect: 'synthlint', sources, ranges: { self: ZERO_RANGE } });

  it('resolves globs, `**`, folders and `..` relative to the manifest, sorted and without repeats', () => {
    const resolved = resolveSourceFiles(
      manifest([source('s', ['data/*.jsonl', 'data/a.jsonl', 'data/**/*.gz']), source('t', ['../shared']), source('u', ['data'])]),
    );
    assert.deepEqual(resolved.get('s'), [tree.path('set/data/a.jsonl'), tree.path('set/data/b.jsonl'), tree.path('set/data/parts/c.jsonl.gz')]);
    assert.deepEqual(resolved.get('t'), [tree.path('shared/x.csv')]);
    assert.equal(resolved.get('u')?.length, 3);
  });

  it('sorts what a walk gives out of order, and pools the files of a repeated id without repeats', () => {
    // A walk lists `b/` (and what is in it) before `b.txt`, as the folder sorts its names; sorted, `b.txt` comes first.
    const resolved = resolveSourceFiles(manifest([source('w', ['walk']), source('d', ['data/b.jsonl', 'data/*.jsonl']), source('d', ['data/a.jsonl', 'walk/a.jsonl'])]));
    assert.deepEqual(resolved.get('w'), [tree.path('set/walk/a.jsonl'), tree.path('set/walk/b.txt'), tree.path('set/walk/b/c.jsonl')]);
    assert.deepEqual(resolved.get('d'), [tree.path('set/data/a.jsonl'), tree.path('set/data/b.jsonl'), tree.path('set/walk/a.jsonl')]);
  });

  it('gives an empty list for entries that match nothing, so source-missing can say so', () => {
    assert.deepEqual(resolveSourceFiles(manifest([source('s', ['nope/*.jsonl'])])).get('s'), []);
  });

  it('leaves sources out whose entries are all hub names or URLs, unless the name exists locally', () => {
    const resolved = resolveSourceFiles(
      manifest([source('hub', ['allenai/tulu-v2-sft-mixture', 'hf://datasets/x/y/*.parquet']), source('local', ['org/local-name'])]),
    );
    assert.equal(resolved.has('hub'), false);
    assert.deepEqual(resolved.get('local'), [tree.path('set/org/local-name')]);
    assert.equal(isRemote('allenai/tulu-v2-sft-mixture', tree.path('set')), true);
    assert.equal(isRemote('org/local-name', tree.path('set')), false);
  });

  it('reads each folder once in a run, however many sources name it', () => {
    const reads: string[] = [];
    class CountingDisk extends DiskCache {
      protected override readFolder(dir: string): Dirent[] {
        reads.push(dir);
        return super.readFolder(dir);
      }
    }
    // The on-type lint resolves every source on each keystroke: 200 sources over one folder must not read it 200 times.
    const sources = Array.from({ length: 200 }, (_, i) => source(`s${i}`, [i % 2 ? 'data/*.jsonl' : `data/${'ab'[i % 4 >> 1]}.jsonl`, 'data/**/*.gz', 'data/parts']));
    const resolved = resolveSourceFiles(manifest(sources), new CountingDisk());
    assert.deepEqual(resolved.get('s1'), [tree.path('set/data/a.jsonl'), tree.path('set/data/b.jsonl'), tree.path('set/data/parts/c.jsonl.gz')]);
    assert.deepEqual([...reads].sort(), [tree.path('set/data'), tree.path('set/data/parts')]);
  });
});
