import { strict as assert } from 'node:assert';
import { displayPath, innermostRoot, isInside, normalizePath, relativeInside } from '../../../src/core/paths';

describe('core: paths', () => {
  it('says what a file is called inside a folder, with / separators', () => {
    assert.equal(relativeInside('/work/repo', '/work/repo/data/a.jsonl'), 'data/a.jsonl');
    assert.equal(relativeInside('/work/repo/', '/work/repo/a.jsonl'), 'a.jsonl');
    assert.equal(relativeInside('/work/repo', '/work/repo'), '');
    assert.equal(relativeInside('C:\\work\\repo', 'C:\\work\\repo\\data\\a.jsonl'), 'data/a.jsonl');
  });

  it('does not take a sibling with the same prefix, a parent or a path climbing out for inside', () => {
    assert.equal(relativeInside('/work/repo', '/work/repo2/a.jsonl'), undefined);
    assert.equal(relativeInside('/work/repo', '/work'), undefined);
    assert.equal(relativeInside('/work/repo', '/work/repo/../secret.txt'), undefined);
    assert.equal(relativeInside('/work/repo', '/work/repo/sub/../a.jsonl'), 'a.jsonl');
    assert.equal(isInside('/work/repo', 'data/a.jsonl'), false, 'a relative path is not inside an absolute folder');
  });

  it('compares Windows drive paths without case and never across drives', () => {
    assert.equal(relativeInside('c:/Work/Repo', 'C:\\work\\repo\\A.jsonl'), 'A.jsonl');
    assert.equal(relativeInside('C:\\work', 'D:\\work\\a.jsonl'), undefined);
    assert.equal(relativeInside('C:\\', 'C:\\a\\b.jsonl'), 'a/b.jsonl');
    assert.equal(isInside('/Work', '/work/a'), false, 'POSIX paths keep their case');
  });

  it('normalises separators and dot segments', () => {
    assert.equal(normalizePath('a\\b/./c//d/'), 'a/b/c/d');
    assert.equal(normalizePath('/a/../../b'), '/b');
    assert.equal(normalizePath('../a'), '../a');
    assert.equal(normalizePath('C:\\'), 'C:/');
  });

  it('returns a path that is already normal as it is, and normalises every near miss', () => {
    for (const normal of ['/', '/work/repo/data/a.jsonl', 'data/a.jsonl', 'a/.b/...', 'C:/work', '..a/b..']) assert.equal(normalizePath(normal), normal);
    const nearMisses: [string, string][] = [
      ['', '.'],
      ['.', '.'],
      ['a/.', 'a'],
      ['./a', 'a'],
      ['a/..', '.'],
      ['/a/', '/a'],
      ['a//b', 'a/b'],
      ['C:', 'C:/'],
      ['a\\b', 'a/b'],
    ];
    for (const [path, normal] of nearMisses) assert.equal(normalizePath(path), normal, path);
  });

  it('picks the innermost of nested roots and shows paths relative to a root or whole', () => {
    assert.equal(innermostRoot(['/w', '/w/sub', '/x'], '/w/sub/a.yaml'), '/w/sub');
    assert.equal(innermostRoot(['/x'], '/w/a.yaml'), undefined);
    assert.equal(displayPath('/w/sub/a.yaml', '/w'), 'sub/a.yaml');
    assert.equal(displayPath('C:\\other\\a.yaml', 'C:\\w'), 'C:/other/a.yaml');
    assert.equal(displayPath('/w', '/w'), '/w');
  });
});
