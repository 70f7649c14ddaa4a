import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { joinPath, resolvePath } from '../../../src/project/path-join';

/** Paths of the parts normalisation cares about: separators (doubled too), `.` and `..` segments, names with dots. */
const part = fc.constantFrom('a', 'b.c', '.d', '...', '.', '..', '', '/', '//', '\\', 'x y');
const path = fc.array(part, { maxLength: 8 }).map((parts) => parts.join(''));
const paths = fc.array(part, { maxLength: 8 }).map((parts) => parts.join('/'));
const anyPath = fc.oneof(path, paths, paths.map((p) => `/${p}`));

describe('project/path-join', () => {
  it('joins as path.join and resolves as path.resolve, normal paths and others', () => {
    fc.assert(
      fc.property(anyPath, anyPath, (dir, rest) => {
        assert.equal(joinPath(dir, rest), join(dir, rest));
        assert.equal(resolvePath(dir), resolve(dir));
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the short way for normal absolute paths and leaves the rest to node:path', () => {
    assert.equal(joinPath('/work/set', 'data/part-*.jsonl'), '/work/set/data/part-*.jsonl');
    assert.equal(joinPath('/work/set/', 'data'), '/work/set/data');
    assert.equal(joinPath('/', 'x'), '/x');
    assert.equal(joinPath('/work/set', '../shared/./x'), '/work/shared/x');
    assert.equal(joinPath('/work/set', ''), '/work/set');
    assert.equal(joinPath('/work/set', 'data/'), '/work/set/data/');
    assert.equal(resolvePath('/work/set/a.jsonl'), '/work/set/a.jsonl');
    assert.equal(resolvePath('/work/set/'), '/work/set');
    assert.equal(resolvePath('/'), '/');
  });
});
