import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readAll, tempDir } from './helpers';

/** One good record per format, so each bad case can sit between good ones. */
const GOOD: Record<string, { header?: string; row: (text: string) => string; wrap?: (rows: string[]) => string }> = {
  jsonl: { row: (t) => JSON.stringify({ text: t }) },
  json: { row: (t) => JSON.stringify({ text: t }), wrap: (rows) => `[\n${rows.join(',\n')}\n]\n` },
  csv: { header: 'text,id', row: (t) => `"${t}",1` },
  tsv: { header: 'text\tid', row: (t) => `${t}\t1` },
  txt: { row: (t) => t },
};

function build(ext: string, rows: string[]): string {
  const g = GOOD[ext];
  if (!g) throw new Error(ext);
  const lines = g.header ? [g.header, ...rows] : rows;
  return g.wrap ? g.wrap(rows) : lines.join('\n') + '\n';
}

/** About 50 MB of varied words, made once: a run of one word compresses a thousandfold, which the gzip bomb budget rightly stops first. */
let huge: string | undefined;
function hugeRecord(): string {
  huge ??= Array.from({ length: 6 * 1024 * 1024 }, (_, i) => `w${(i * 2654435761) % 999983}`).join(' ');
  return huge;
}

describe('readers on bad input', () => {
  const dir = tempDir();
  for (const ext of Object.keys(GOOD)) {
    const g = GOOD[ext] as (typeof GOOD)[string];
    for (const gz of [false, true]) {
      const name = (base: string): string => path.join(dir, `${base}-${ext}.${ext}${gz ? '.gz' : ''}`);
      const write = (base: string, data: Buffer | string): string => {
        const file = name(base);
        writeFileSync(file, gz ? gzipSync(data) : data);
        return file;
      };
      describe(`${ext}${gz ? '.gz' : ''}`, () => {
        it('empty file: no records, an "empty file" issue', async () => {
          const { records, log } = await readAll(write('empty', ''));
          assert.equal(records.length, 0);
          assert.match(log.issues.map((i) => i.message).join('\n'), /empty file/);
        });

        it('binary file: not read, a "binary" issue', async () => {
          const bytes = Buffer.alloc(100_000);
          for (let i = 0; i < bytes.length; i++) bytes[i] = i % 7 === 0 ? 0 : (i * 31) % 256;
          const { records, log } = await readAll(write('binary', bytes));
          assert.equal(records.length, 0);
          assert.match(log.issues[0]?.message ?? '', /binary/);
        });

        it('invalid UTF-8 in one record: that record reported with its line, the others read', async () => {
          const bad = Buffer.from(g.row('bad \xff\xfe bytes'), 'latin1');
          const text = build(ext, [g.row('one'), 'BAD', g.row('three')]);
          const [before, after] = text.split('BAD') as [string, string];
          const { records, log } = await readAll(write('utf8', Buffer.concat([Buffer.from(before), bad, Buffer.from(after)])));
          assert.equal(records.length, 2);
          assert.equal(log.malformed, 1);
          assert.match(log.issues[0]?.message ?? '', /UTF-8/);
          const expectedLine = (g.header ? 3 : 2) + (g.wrap ? 1 : 0);
          assert.equal(log.issues[0]?.line, expectedLine);
        });

        it('a 50 MB single record: reported against the record limit, not loaded, the others read', async function () {
          this.timeout(120_000);
          const huge = hugeRecord();
          const { records, log } = await readAll(write('huge', build(ext, [g.row('one'), g.row(huge), g.row('three')])), { maxRecordBytes: 8 * 1024 * 1024 });
          assert.equal(records.length, 2);
          assert.equal(log.malformed, 1);
          assert.match(log.issues[0]?.message ?? '', /8388608-byte record limit/);
        });

        it('truncated file: what was complete is read, the cut is reported', async () => {
          const full = Buffer.from(build(ext, [g.row('alpha beta'), g.row('gamma delta'), g.row('epsilon zeta eta theta')]));
          const cut = full.subarray(0, full.length - 12);
          const file = gz ? name('truncated') : write('truncated', cut);
          if (gz) writeFileSync(file, gzipSync(full).subarray(0, gzipSync(full).length - 12));
          const { records, log } = await readAll(file);
          assert.ok(records.length >= 2, `read ${records.length}`);
          if (gz) assert.match(log.issues.map((i) => i.message).join('\n'), /gzip stream ended early/);
          else if (ext === 'json') assert.match(log.issues.map((i) => i.message).join('\n'), /truncated JSON/);
          else if (ext === 'jsonl') assert.equal(log.malformed, 1);
        });
      });
    }
  }

  it('a file that is not JSON at all is reported, not parsed', async () => {
    const file = path.join(dir, 'notjson.json');
    writeFileSync(file, 'hello world\n');
    const { records, log } = await readAll(file);
    assert.equal(records.length, 0);
    assert.match(log.issues[0]?.message ?? '', /not a JSON array/);
  });

  it('a truncated Parquet file is reported', async () => {
    const file = path.join(dir, 'cut.parquet');
    writeFileSync(file, Buffer.concat([Buffer.from('PAR1'), Buffer.from(readFileSync(__filename)).subarray(0, 100)]));
    const { records, log } = await readAll(file);
    assert.equal(records.length, 0);
    assert.match(log.issues[0]?.message ?? '', /not a readable Parquet file/);
  });
});
