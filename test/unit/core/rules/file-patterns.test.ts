/**
 * The string work behind the files rules (src/core/rules/file-patterns.ts): which entries name no local file, and
 * whether resolved paths, in either separator, match an entry.
 */
import { strict as assert } from 'node:assert';
import { entryMatches, isRemoteEntry } from '../../../../src/core/rules/file-patterns';

describe('core/rules/file-patterns', () => {
  it('takes URLs of any scheme, in any case, and hub ids as remote; local paths and globs as local', () => {
    for (const entry of ['https://example.com/a.jsonl', 'HF://datasets/org/name', 's3+x.y-z://bucket/key.jsonl', 'tatsu-lab/alpaca', 'teknium/OpenHermes-2.5']) {
      assert.equal(isRemoteEntry(entry), true, entry);
    }
    for (const entry of ['://host/a.jsonl', '1s3://bucket/a.jsonl', 'data/s3://b.jsonl', 'data/*.jsonl', 'data/a.jsonl', './org/name', 'a', '']) {
      assert.equal(isRemoteEntry(entry), false, entry);
    }
  });

  it('matches resolved paths written with backslashes as with slashes', () => {
    assert.equal(entryMatches('data/a.jsonl', '/m/x.dataset.yaml', ['\\m\\data\\a.jsonl']), true);
    assert.equal(entryMatches('data', '/m/x.dataset.yaml', ['/m\\data\\sub\\b.jsonl']), true);
    assert.equal(entryMatches('data/*.jsonl', '/m/x.dataset.yaml', ['/m/data\\b.jsonl']), true);
    assert.equal(entryMatches('data/*.jsonl', '/m/x.dataset.yaml', ['/m/other\\b.jsonl']), false);
  });
});
