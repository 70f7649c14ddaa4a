/**
 * A path glob split at its plain folders (globBase) matches as the whole pattern does: the project layer expands a
 * `files` entry and source-missing checks it through the rest of the pattern alone (pathGlob), compiled once.
 */
import { strict as assert } from 'node:assert';
import { Minimatch } from 'minimatch';
import { globBase } from '../../../src/core/glob-base';
import { pathGlob } from '../../../src/core/glob-cache';

/** Segments of patterns and of paths: glob syntax, escapes, extglobs, and the characters that start a negation or a comment. */
const PATTERN_SEGMENTS = ['a', 'b', 'ab', '.a', 'a.b', '*', '**', '?', 'a*', '*.b', '{a,b}', '[ab]', '.*', 'a?b', '@(a|b)', '!(a)', '+(a)', '\\*', 'a\\?', 'a\\b', 'a b', 'a+b', '(a)', '!a', '#a'];
const PATH_SEGMENTS = ['a', 'b', 'ab', '.a', 'a.b', 'aab', 'ba', '*', 'a b', '.b', 'a+b', '(a)', '!a', '#a', 'a\\b', '?'];

describe('core/glob-base', () => {
  it('stops at the first segment with glob syntax or an escape, and never takes the last one', () => {
    assert.equal(globBase('/work/data/chat/part-*.jsonl'), '/work/data/chat');
    assert.equal(globBase('data/deep/**/*.jsonl'), 'data/deep');
    assert.equal(globBase('data/my\\ set/*.jsonl'), 'data');
    assert.equal(globBase('data/!(tmp)/*.jsonl'), 'data');
    assert.equal(globBase('data/a.jsonl'), 'data');
    assert.equal(globBase('*.csv'), '');
  });

  it('a path matches the whole pattern exactly when it starts with the base and matches the rest (random patterns)', () => {
    let seed = 20261202;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = (from: readonly string[], most: number): string => `/${Array.from({ length: 1 + random(most) }, () => from[random(from.length)]).join('/')}`;
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const pattern = pick(PATTERN_SEGMENTS, 5);
      const whole = new Minimatch(pattern, { dot: true });
      const prefix = `${globBase(pattern)}/`;
      const rest = pathGlob(pattern.slice(prefix.length));
      for (let j = 0; j < 20; j++) {
        const path = pick(PATH_SEGMENTS, 6);
        const split = path.startsWith(prefix) && rest.match(path.slice(prefix.length));
        assert.equal(split, whole.match(path), `${pattern} against ${path}`);
        compared++;
      }
    }
    assert.equal(compared, 60_000);
  });
});
