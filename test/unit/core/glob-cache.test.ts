/**
 * Compiled globs answer as minimatch does. Literal, `prefix*` and `prefix*suffix` patterns are matched as text (PlainGlob in
 * glob-cache.ts) under the options of generator-terms, pathGlob and the remote locator; every other pattern, and every
 * pattern under other options, is a Minimatch.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Minimatch, type MinimatchOptions } from 'minimatch';
import { globCache } from '../../../src/core/glob-cache';

/** The option sets the project compiles globs with, and two more. */
const OPTION_SETS: readonly MinimatchOptions[] = [
  { nocase: true, dot: true },
  { dot: true, nonegate: true, nocomment: true },
  { dot: false },
  { nocase: true },
  {},
];

const PATTERN_CHARS = ['a', 'A', 'b', 'k', 'K', 'i', 'I', 's', 'S', '1', '-', '_', '.'];
/** Besides the pattern characters: separators, glob syntax as text, and characters whose case folds unlike ASCII. */
const NAME_CHARS = [...PATTERN_CHARS, '/', '\\', '*', '?', ' ', '\u212A', '\u0130', '\u0131', '\u017F', 'é', 'É', '😀'];

/** A literal, `prefix*` or `prefix*suffix` pattern (the suffix may be empty). */
const plainPattern = fc
  .tuple(
    fc.constantFrom(...PATTERN_CHARS.filter((c) => c !== '.')),
    fc.array(fc.constantFrom(...PATTERN_CHARS), { maxLength: 6 }),
    fc.constantFrom('none', 'end', 'middle'),
    fc.array(fc.constantFrom(...PATTERN_CHARS), { maxLength: 4 }),
  )
  .map(([first, rest, star, after]) => `${first}${rest.join('')}${star === 'none' ? '' : '*'}${star === 'middle' ? after.join('') : ''}`);

const nameChars = fc.array(fc.constantFrom(...NAME_CHARS), { maxLength: 6 }).map((chars) => chars.join(''));

/** Names mostly near the pattern (its text with some letters' case flipped, something before or after), so matches are common. */
function nameNear(pattern: string): fc.Arbitrary<string> {
  const [head = '', tail = ''] = pattern.split('*');
  const flipped = (text: string): fc.Arbitrary<string> =>
    fc
      .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
      .map((flips) => [...text].map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join(''));
  return fc.oneof(
    nameChars,
    fc.tuple(flipped(head), nameChars).map(([middle, after]) => `${middle}${after}`),
    fc.tuple(nameChars, flipped(head), nameChars).map((parts) => parts.join('')),
    fc.tuple(flipped(head), nameChars, flipped(tail)).map((parts) => parts.join('')),
    fc.tuple(flipped(head), nameChars, flipped(tail), nameChars).map((parts) => parts.join('')),
  );
}

describe('core/glob-cache', () => {
  it('answers as minimatch on literal, prefix* and prefix*suffix patterns and random names, whole and partial', () => {
    for (const options of OPTION_SETS) {
      const compiled = globCache(options);
      fc.assert(
        fc.property(
          plainPattern.chain((pattern) => fc.tuple(fc.constant(pattern), nameNear(pattern))),
          ([pattern, name]) => {
            const expected = new Minimatch(pattern, options);
            assert.equal(compiled(pattern).match(name), expected.match(name), `${JSON.stringify(pattern)} ${JSON.stringify(name)} ${JSON.stringify(options)}`);
            assert.equal(compiled(pattern).match(name, true), expected.match(name, true), `partial ${JSON.stringify(pattern)} ${JSON.stringify(name)}`);
          },
        ),
        { numRuns: 3000 },
      );
    }
  });

  it('does not fold the Kelvin sign to k, as minimatch does not', () => {
    const compiled = globCache({ nocase: true, dot: true });
    assert.equal(compiled('k*').match('\u212A1'), false);
    assert.equal(compiled('K').match('\u212A'), false);
    assert.equal(compiled('k*').match('K1'), true);
    assert.equal(compiled('a*k').match('a1\u212A'), false);
    assert.equal(compiled('a*k').match('A1K'), true);
  });

  it('matches a name with a trailing slash or segments as minimatch does', () => {
    const compiled = globCache({ nocase: true, dot: true });
    assert.equal(compiled('gpt-4').match('gpt-4/'), true);
    assert.equal(compiled('gpt-4*').match('gpt-4o/x'), false);
    assert.equal(compiled('gpt-4*').match('GPT-4o'), true);
  });

  it('leaves other pattern shapes, and plain patterns under other options, to minimatch', () => {
    const plain = globCache({ nocase: true, dot: true });
    assert.ok(!(plain('gpt-4*') instanceof Minimatch));
    assert.ok(!(plain('codex') instanceof Minimatch));
    assert.ok(!(plain('part-*.jsonl') instanceof Minimatch));
    for (const pattern of ['*', '*.jsonl', 'a?b', '{a,b}*', '!a*', '#a', '.a*', 'a/b*', 'a**', '*a', 'a\\*', '[ab]*', '@(a)', 'a b', 'a*b*', 'a*/b', 'a*(b)', 'a*?']) {
      assert.ok(plain(pattern) instanceof Minimatch, pattern);
    }
    assert.ok(globCache({ dot: true, matchBase: true })('gpt-4*') instanceof Minimatch);
    assert.ok(globCache({ partial: true })('gpt-4*') instanceof Minimatch);
  });
});
