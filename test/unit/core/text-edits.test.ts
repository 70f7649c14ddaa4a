import { strict as assert } from 'node:assert';
import type { Fix } from '../../../src/core/finding';
import { applyEdits, chooseFixes } from '../../../src/core/text-edits';
import { unifiedDiff } from '../../../src/cli/formatters/diff';

const fix = (title: string, line: number, from: number, to: number, newText: string): Fix => ({
  title,
  edits: [{ range: { start: { line, character: from }, end: { line, character: to } }, newText }],
});

const TEXT = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('core/text-edits', () => {
  it('applies the fixes that do not overlap, in order, and leaves out a clashing one whole', () => {
    const { chosen, edits } = chooseFixes(TEXT, [fix('a', 1, 5, 6, 'two'), fix('b', 1, 0, 6, 'clash'), fix('c', 15, 5, 7, 'sixteen')]);
    assert.deepEqual(chosen.map((f) => f.title), ['a', 'c']);
    const out = applyEdits(TEXT, edits);
    assert.match(out, /^line 1\nline two\nline 3\n/);
    assert.match(out, /\nline sixteen\nline 17\n/);
  });

  it('two inserts at the same place clash (their order would be a guess)', () => {
    const { chosen } = chooseFixes(TEXT, [fix('a', 3, 0, 0, 'x\n'), fix('b', 3, 0, 0, 'y\n')]);
    assert.deepEqual(chosen.map((f) => f.title), ['a']);
  });
});

describe('cli/formatters diff', () => {
  it('writes one hunk per distant change with three lines of context, and merges close ones', () => {
    const { edits } = chooseFixes(TEXT, [fix('a', 1, 5, 6, 'two'), fix('b', 4, 5, 6, 'five'), fix('c', 17, 5, 7, 'eighteen')]);
    const diff = unifiedDiff('m.yaml', TEXT, edits);
    assert.equal(
      diff,
      [
        '--- a/m.yaml',
        '+++ b/m.yaml',
        '@@ -1,8 +1,8 @@',
        ' line 1',
        '-line 2',
        '+line two',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '@@ -15,6 +15,6 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        '+line eighteen',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('shows whole inserted lines as additions only, counted in the new range', () => {
    const { edits } = chooseFixes(TEXT, [fix('a', 2, 0, 0, 'new a\nnew b\n'), fix('b', 2, 5, 6, 'three')]);
    assert.equal(unifiedDiff('m', TEXT, edits).split('\n').slice(2, -1).join('\n'), '@@ -1,6 +1,8 @@\n line 1\n line 2\n+new a\n+new b\n-line 3\n+line three\n line 4\n line 5\n line 6');
    const { edits: insertOnly } = chooseFixes(TEXT, [fix('a', 2, 0, 0, 'new a\n')]);
    assert.equal(unifiedDiff('m', TEXT, insertOnly).split('\n').slice(2, -1).join('\n'), '@@ -1,5 +1,6 @@\n line 1\n line 2\n+new a\n line 3\n line 4\n line 5');
  });
});
