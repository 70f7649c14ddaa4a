import { strict as assert } from 'node:assert';
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { planChunks, type PlanOptions } from '../../../../src/analyzer/chunking';
import { formatOf, IssueLog, readRecords, type RawRecord, type TextMode } from '../../../../src/analyzer/readers';
import { tempDir } from './helpers';

async function recordsOf(file: string, chunkBytes: number, textMode: TextMode, taper?: PlanOptions['taper']): Promise<{ records: RawRecord[]; chunks: number; sizes: number[] }> {
  const format = formatOf(file);
  if (!format) throw new Error(file);
  const log = new IssueLog(file);
  const records: RawRecord[] = [];
  let chunks = 0;
  const sizes: number[] = [];
  const opts = { maxRecordBytes: 1 << 20, textMode };
  for await (const chunk of planChunks(file, format, statSync(file).size, { ...opts, chunkBytes, ...(taper ? { taper } : {}) }, log)) {
    chunks++;
    sizes.push(chunk.bytes);
    for await (const batch of readRecords(file, format, { ...opts, ...(chunk.range ? { range: chunk.range } : {}) }, log)) records.push(...batch);
  }
  return { records, chunks, sizes };
}

/** Text with the awkward parts: quotes, commas, line breaks, blank lines, multi-byte characters. */
const piece = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '漢', '"', ',', '\n', '\n\n', '\\', '😀'), maxLength: 40 });

describe('chunk planner', () => {
  const dir = tempDir();
  let n = 0;
  const file = (ext: string, text: string): string => {
    const f = path.join(dir, `p${n++}.${ext}`);
    writeFileSync(f, text);
    return f;
  };

  it('JSONL: chunks read together give every record once, with its true line number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 400 }), async (texts, chunkBytes) => {
        const f = file('jsonl', texts.map((t) => JSON.stringify({ text: t })).join('\n') + '\n');
        const whole = await recordsOf(f, Infinity, 'line');
        const split = await recordsOf(f, chunkBytes, 'line');
        assert.deepEqual(split.records, whole.records);
        assert.deepEqual(whole.records.map((r) => r.row.line), texts.map((_, i) => i + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('JSONL cut finer at its end (taper): every record once, in order, with its true line number', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 2000 }),
        async (texts, chunkBytes, threads, bytesAfter) => {
          const f = file('jsonl', texts.map((t) => JSON.stringify({ text: t })).join('\n') + '\n');
          const whole = await recordsOf(f, Infinity, 'line');
          assert.deepEqual((await recordsOf(f, chunkBytes, 'line', { threads, bytesAfter })).records, whole.records);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cuts the last chunks finer for the threads that read them, down to a quarter of a chunk', async () => {
    const f = file('jsonl', Array.from({ length: 8000 }, (_, i) => JSON.stringify({ text: `record ${i} ${'x'.repeat(i % 50)}` })).join('\n') + '\n');
    const size = statSync(f).size;
    const chunkBytes = Math.ceil(size / 8);
    const plain = await recordsOf(f, chunkBytes, 'line');
    const tapered = await recordsOf(f, chunkBytes, 'line', { threads: 2, bytesAfter: 0 });
    assert.deepEqual(tapered.records, plain.records);
    assert.equal(plain.chunks, 8);
    // Whole chunks while more than two are left, then each about half of what is left, the last ones a quarter.
    assert.ok(tapered.chunks > plain.chunks, `${tapered.chunks} chunks`);
    for (const s of tapered.sizes.slice(0, 6)) assert.ok(s >= chunkBytes, `${s} < ${chunkBytes}`);
    const last = tapered.sizes.slice(-2);
    for (const s of last) assert.ok(s < chunkBytes / 2, `${tapered.sizes.join(', ')}`);
    // Bytes in later files count as left: with as many after it, this file is cut as if it were not near the end.
    assert.equal((await recordsOf(f, chunkBytes, 'line', { threads: 2, bytesAfter: size })).chunks, 8);
  });

  it('CSV: a boundary never falls inside a quoted field with line breaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(piece, piece), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 300 }), async (rows, chunkBytes) => {
        const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        const f = file('csv', ['a,b', ...rows.map(([a, b]) => `${quote(a)},${quote(b)}`)].join('\n') + '\n');
        const whole = await recordsOf(f, Infinity, 'line');
        const split = await recordsOf(f, chunkBytes, 'line');
        assert.deepEqual(split.records, whole.records);
        assert.deepEqual(whole.records.map((r) => r.value), rows.map(([a, b]) => ({ a, b })));
      }),
      { numRuns: 60 },
    );
  });

  it('text paragraphs: a boundary only ever follows a blank line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 300 }), async (texts, chunkBytes) => {
        const f = file('txt', texts.join('\n'));
        for (const mode of ['line', 'paragraph'] as const) {
          const whole = await recordsOf(f, Infinity, mode);
          const split = await recordsOf(f, chunkBytes, mode);
          assert.deepEqual(split.records, whole.records);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stays exact on files of several read blocks (boundaries and blank lines across 1 MiB blocks)', async () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines: string[] = [];
    for (let bytes = 0; bytes < 3.5 * 1024 * 1024; ) {
      const line = next() < 0.2 ? (next() < 0.5 ? '' : '  ') : `"${'w'.repeat(Math.floor(next() * 300))}, ""q""\n${'v'.repeat(Math.floor(next() * 50))}",x`;
      lines.push(line);
      bytes += line.length + 1;
    }
    const txt = file('txt', lines.join('\n'));
    const csv = file('csv', 'a,b\n' + lines.filter((l) => l.trim() !== '').map((l) => l.replace('\\n', '\n')).join('\n'));
    for (const [f, mode] of [[txt, 'paragraph'], [txt, 'line'], [csv, 'line']] as const) {
      const whole = await recordsOf(f, Infinity, mode);
      const split = await recordsOf(f, 700_001, mode);
      assert.ok(split.chunks >= 4, `${split.chunks} chunks`);
      assert.equal(split.records.length, whole.records.length);
      assert.deepEqual(split.records, whole.records);
    }
  });

  it('cuts a file into several chunks when it is bigger than the chunk size', async () => {
    const f = file('jsonl', Array.from({ length: 1000 }, (_, i) => JSON.stringify({ text: `record ${i}` })).join('\n'));
    const { records, chunks } = await recordsOf(f, 2000, 'line');
    assert.ok(chunks > 5, `${chunks} chunks`);
    assert.equal(records.length, 1000);
  });
});
