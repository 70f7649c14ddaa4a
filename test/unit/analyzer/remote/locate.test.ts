import { strict as assert } from 'node:assert';
import { splitFiles } from '../../../../src/analyzer/remote/locate';

describe('splitFiles (the hub naming convention)', () => {
  const repo = ['data/train-00000-of-00002.parquet', 'data/train-00001-of-00002.parquet', 'data/test-00000-of-00001.parquet', 'data/validation.jsonl'];

  it('picks the files named for the split, by folder or file-name word', () => {
    assert.deepEqual(splitFiles(repo, 'train'), repo.slice(0, 2));
    assert.deepEqual(splitFiles(repo, 'test'), ['data/test-00000-of-00001.parquet']);
    assert.deepEqual(splitFiles(['dev/part.jsonl', 'train/part.jsonl'], 'validation'), ['dev/part.jsonl']);
  });

  it('does not take a word inside another for a split name', () => {
    assert.deepEqual(splitFiles(['data/contest.jsonl', 'data/trainer.jsonl'], 'test'), []);
  });

  it('reads a repository whose files name no split as all train, and no other split', () => {
    assert.deepEqual(splitFiles(['corpus/part-0.parquet', 'corpus/part-1.parquet'], 'train'), ['corpus/part-0.parquet', 'corpus/part-1.parquet']);
    assert.deepEqual(splitFiles(['corpus/part-0.parquet'], 'test'), []);
  });
});
