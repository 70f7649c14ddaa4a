/**
 * The Parquet reader on real files. The fixtures (test/fixtures/data/README.md says how they were written)
 * hold the same 20 alpaca rows as alpaca20.jsonl: uncompressed, SNAPPY and GZIP (the GZIP one in row groups
 * of 8, 8 and 4 rows). The JSONL twin is the reference: parsed here with JSON.parse, not with our readers.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../../../src/analyzer/analyze';
import { TextExtractor, planText } from '../../../../src/analyzer/extract';
import { parquetRowGroups } from '../../../../src/analyzer/readers/parquet';
import type { SourceProfile } from '../../../../src/core/profile';
import { fixture, readAll, tempDir } from './helpers';

interface AlpacaRow {
  id: number;
  instruction: string;
  input: string;
  output: string;
}

const expectedRows = (): AlpacaRow[] =>
  readFileSync(fixture('alpaca20.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AlpacaRow);

const PARQUET_FILES = ['alpaca20.parquet', 'alpaca20-snappy.parquet', 'alpaca20-gzip.parquet'];

/** A profile without what names the file it came from, so sources in two formats can be compared. */
/** A profile without what names its files (the quoted machine-like rows point into them too). */
function figures(p: SourceProfile): Omit<SourceProfile, 'files' | 'sourceId' | 'issues'> {
  const { files: _files, sourceId: _id, issues: _issues, ...rest } = p;
  const provenance = rest.provenance && { ...rest.provenance, machineLike: rest.provenance.machineLike.map(({ row: _row, ...m }) => m) };
  return { ...rest, provenance } as typeof rest;
}

describe('Parquet reader', () => {
  for (const name of PARQUET_FILES) {
    it(`${name}: every row as an object with its int column, indexed from 0`, async () => {
      const file = fixture(name);
      const { records, log } = await readAll(file);
      assert.deepEqual(log.issues, []);
      assert.equal(log.malformed, 0);
      assert.deepEqual(records.map((r) => r.value), expectedRows());
      assert.deepEqual(records.map((r) => r.row), expectedRows().map((_, i) => ({ file, index: i })));
      assert.equal(typeof (records[0]?.value as AlpacaRow).id, 'number');
    });
  }

  it('reads a row range across row groups (the chunk a worker gets)', async () => {
    const file = fixture('alpaca20-gzip.parquet');
    assert.deepEqual((await parquetRowGroups(file)).map((g) => g.rows), [8, 8, 4]);
    const { records } = await readAll(file, { range: { start: 0, end: 0, startLine: 1, rowStart: 6, rowEnd: 17 } });
    assert.deepEqual(records.map((r) => r.row.index), [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    assert.deepEqual(records.map((r) => (r.value as AlpacaRow).id), [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('decodes only the columns asked for', async () => {
    const { records } = await readAll(fixture('alpaca20-snappy.parquet'), { columns: ['output', 'no_such_column'] });
    assert.deepEqual(records[3]?.value, { output: 'Bonjour' });
  });

  it('gives the alpaca text of each row: instruction, input and output joined, empty input left out', async () => {
    const { records } = await readAll(fixture('alpaca20.parquet'));
    const plan = planText(records.map((r) => r.value));
    assert.deepEqual(plan, { schema: 'alpaca', fields: ['instruction', 'input', 'output'] });
    const extractor = new TextExtractor(plan);
    assert.deepEqual(extractor.text(records[0]?.value), {
      text: 'Give three tips for staying healthy.\nEat a balanced diet, exercise regularly and sleep at least seven hours a night.',
      responseStart: 'Give three tips for staying healthy.\n'.length,
    });
    assert.equal(extractor.text(records[4]?.value)?.text, 'Translate the word into Japanese.\nthank you\nありがとう (arigatō)');
  });

  it('analyzeFiles: 20 records, alpaca schema, the same figures as the JSONL twin', async () => {
    const file = fixture('alpaca20-snappy.parquet');
    const p = await analyzeFiles('pq', [file], { workers: 0 });
    assert.equal(p.records, 20);
    assert.equal(p.schema, 'alpaca');
    assert.deepEqual(p.textFields, ['instruction', 'input', 'output']);
    assert.deepEqual(p.issues, []);
    assert.deepEqual(p.files.map((f) => [f.path, f.format, f.records, f.malformed]), [[file, 'parquet', 20, 0]]);
    const rows = expectedRows();
    const chars = rows.reduce((a, r) => a + [r.instruction, r.input, r.output].filter((t) => t !== '').join('\n').length, 0);
    assert.equal(p.chars, chars);
    const jsonl = await analyzeFiles('jl', [fixture('alpaca20.jsonl')], { workers: 0 });
    assert.deepEqual(figures(p), figures(jsonl));
  });

  it('analyzeFiles: the GZIP file cut at every row group gives the single-pass profile of the plain file', async () => {
    const chunked = await analyzeFiles('gz', [fixture('alpaca20-gzip.parquet')], { workers: 0, chunkBytes: 1 });
    const plain = await analyzeFiles('plain', [fixture('alpaca20.parquet')], { workers: 0, chunkBytes: Infinity });
    assert.equal(chunked.records, 20);
    assert.deepEqual(figures(chunked), figures(plain));
  });

  describe('a corrupt footer', () => {
    const dir = tempDir();
    /** The fixture with its Thrift file metadata (the footer before the length and the magic) overwritten. */
    function corrupt(fill: number): string {
      const bytes = Buffer.from(readFileSync(fixture('alpaca20.parquet')));
      const metadataLength = bytes.readUInt32LE(bytes.length - 8);
      bytes.fill(fill, bytes.length - 8 - metadataLength, bytes.length - 8);
      const file = path.join(dir, `footer-${fill}.parquet`);
      writeFileSync(file, bytes);
      return file;
    }

    for (const fill of [0x00, 0xff]) {
      it(`metadata bytes all 0x${fill.toString(16)}: an issue naming the file, no records, no throw`, async () => {
        const file = corrupt(fill);
        const { records, log } = await readAll(file);
        assert.equal(records.length, 0);
        assert.equal(log.issues.length, 1);
        assert.equal(log.issues[0]?.file, file);
        assert.match(log.issues[0]?.message ?? '', /^not a readable Parquet file: /);
      });
    }

    it('a wrong metadata length: analyzeFiles reports it on the file and profiles nothing', async () => {
      const bytes = Buffer.from(readFileSync(fixture('alpaca20.parquet')));
      bytes.writeUInt32LE(bytes.length * 10, bytes.length - 8);
      const file = path.join(dir, 'length.parquet');
      writeFileSync(file, bytes);
      const p = await analyzeFiles('bad', [file], { workers: 0 });
      assert.equal(p.records, 0);
      assert.equal(p.files[0]?.records, 0);
      assert.ok(p.issues.some((i) => i.file === file && /not a readable Parquet file: .*metadata length/.test(i.message)), JSON.stringify(p.issues));
    });
  });
});
