import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_MAX_RECORD_BYTES, IssueLog, readRecords } from '../../../../src/analyzer/readers';
import { fixture, readAll, SHARED, tempDir } from './helpers';

describe('readers', () => {
  describe('JSONL', () => {
    it('reads records with their line numbers and reports the malformed one', async () => {
      const { records, log } = await readAll(fixture('alpaca.jsonl'));
      assert.deepEqual(records.map((r) => r.row.line), [1, 2, 4, 6]);
      assert.equal((records[1]?.value as { output: string }).output, 'Bonjour');
      assert.equal(log.malformed, 1);
      assert.equal(log.issues[0]?.line, 5);
      assert.match(log.issues[0]?.message ?? '', /invalid JSON/);
    });

    it('reads the shared M4 file (100 pairs) and the seed tasks (175)', async () => {
      assert.equal((await readAll(path.join(SHARED, 'm4/reddit_llama2.jsonl'))).records.length, 100);
      const seeds = await readAll(path.join(SHARED, 'instruct/self_instruct_seed_tasks.jsonl'));
      assert.equal(seeds.records.length, 175);
      assert.equal(seeds.log.malformed, 0);
    });

    it('yields small batches (a worker\'s records then die young), every line once, across 1 MiB read blocks', async () => {
      const file = path.join(tempDir(), 'long.jsonl');
      // 3 MB of lines of 10 to 40,000 characters: lines cross the reader's 1 MiB blocks.
      const lengths = Array.from({ length: 600 }, (_, i) => 10 + ((i * 7919) % 40_000));
      writeFileSync(file, lengths.map((n, i) => JSON.stringify({ text: `${i} ${'x'.repeat(n)}` })).join('\n'));
      const log = new IssueLog(file);
      const lines: number[] = [];
      for await (const batch of readRecords(file, 'jsonl', { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, textMode: 'line' }, log)) {
        const bytes = batch.reduce((sum, r) => sum + (r.value as { text: string }).text.length, 0);
        // A batch ends at the first line that takes it past 64 KiB of its block, and a line begun in the block
        // before is whole in it: at most 64 KiB and two lines (a 1 MiB block was one batch before).
        assert.ok(bytes < 64 * 1024 + 2 * 40_100, `a batch of ${bytes} bytes`);
        for (const r of batch) {
          assert.equal((r.value as { text: string }).text, `${(r.row.line ?? 0) - 1} ${'x'.repeat(lengths[(r.row.line ?? 0) - 1] ?? 0)}`);
          lines.push(r.row.line ?? 0);
        }
      }
      assert.deepEqual(lines, lengths.map((_, i) => i + 1));
      assert.equal(log.malformed, 0);
    });

    it('reads gzip the same as plain', async () => {
      const dir = tempDir();
      const gz = path.join(dir, 'alpaca.jsonl.gz');
      writeFileSync(gz, gzipSync(readFileSync(fixture('alpaca.jsonl'))));
      const plain = await readAll(fixture('alpaca.jsonl'));
      const zipped = await readAll(gz);
      assert.deepEqual(zipped.records.map((r) => r.value), plain.records.map((r) => r.value));
      assert.deepEqual(zipped.records.map((r) => r.row.line), [1, 2, 4, 6]);
    });
  });

  describe('JSON', () => {
    it('streams a top-level array, keeping index and line, through escapes and brackets in strings', async () => {
      const { records, log } = await readAll(fixture('sharegpt.json'));
      assert.equal(log.malformed, 0);
      assert.deepEqual(records.map((r) => [r.row.index, r.row.line]), [[0, 2], [1, 3], [2, 4]]);
      const second = records[1]?.value as { conversations: { value: string }[] };
      assert.equal(second.conversations[0]?.value, 'Say "hello" with a backslash \\ please');
      assert.equal((records[2]?.value as { conversations: { value: string }[] }).conversations[1]?.value, 'Indeed ]}');
    });

    it('reads every array of a top-level object (splits) and ignores other values', async () => {
      const { records } = await readAll(fixture('splits.json'));
      assert.equal(records.length, 3);
      assert.deepEqual(records.map((r) => r.row.line), [3, 4, 8]);
    });

    it('reads the shared alpaca file (5000 records)', async () => {
      const { records, log } = await readAll(path.join(SHARED, 'instruct/alpaca_5000.json'));
      assert.equal(records.length, 5000);
      assert.equal(log.malformed, 0);
      const expected = JSON.parse(readFileSync(path.join(SHARED, 'instruct/alpaca_5000.json'), 'utf8')) as unknown[];
      assert.deepEqual(records[4321]?.value, expected[4321]);
    });

    it('gives escapes split across read blocks the right meaning', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'long.json');
      // Strings of backslashes and quotes long enough to cross the 1 MiB block boundary at every parity.
      const items = Array.from({ length: 40 }, (_, i) => ({ t: '\\'.repeat(i) + '"' + 'x'.repeat(60_000 + i) + '\\"' }));
      writeFileSync(file, JSON.stringify(items));
      const { records, log } = await readAll(file);
      assert.equal(log.malformed, 0);
      assert.deepEqual(records.map((r) => r.value), items);
    });
  });

  describe('CSV/TSV', () => {
    it('parses RFC 4180 quoting, doubled quotes and embedded newlines, with record start lines', async () => {
      const { records, log } = await readAll(fixture('dolly.csv'));
      assert.equal(log.malformed, 0);
      assert.deepEqual(records.map((r) => r.row.line), [2, 3, 5]);
      assert.deepEqual(records[0]?.value, { instruction: 'What is a "quoted" word?', context: '', response: 'A word in quotes, like "this".', category: 'open_qa' });
      assert.equal((records[1]?.value as Record<string, string>).context, 'Line one\nline two, with a comma');
    });

    it('reads TSV with a header', async () => {
      const { records } = await readAll(fixture('texts.tsv'));
      assert.deepEqual(records.map((r) => r.value), [{ text: 'first tab row', source: 'web' }, { text: 'second row', source: 'books' }]);
    });

    it('reports a row with the wrong number of fields and an unclosed quote at the end', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'bad.csv');
      writeFileSync(file, 'a,b\n1,2\n1,2,3\n4,5\n"open,6\n');
      const { records, log } = await readAll(file);
      assert.equal(records.length, 2);
      assert.equal(log.malformed, 2);
      assert.deepEqual(log.issues.map((i) => i.line), [3, 5]);
    });
  });

  describe('text', () => {
    it('gives a record per non-blank line', async () => {
      const { records } = await readAll(fixture('paragraphs.txt'));
      assert.deepEqual(records.map((r) => r.row.line), [1, 2, 5, 7, 8, 9]);
    });

    it('gives a record per paragraph, at its first line', async () => {
      const { records } = await readAll(fixture('paragraphs.txt'), { textMode: 'paragraph' });
      assert.deepEqual(records.map((r) => [r.row.line, r.value]), [
        [1, 'The first paragraph\nspans two lines.'],
        [5, 'Second paragraph.'],
        [7, 'Third\nparagraph\nhere.'],
      ]);
    });
  });

  it('the fixtures exist in the repo and the shared data is reachable', () => {
    assert.ok(existsSync(fixture('alpaca.jsonl')));
    assert.ok(existsSync(path.join(SHARED, 'README.md')));
  });
});
