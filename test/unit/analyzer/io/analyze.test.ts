import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../../../src/analyzer/analyze';
import { cacheStats, clearCache, trimCache } from '../../../../src/analyzer/cache';
import { workerScript } from '../../../../src/analyzer/worker-script';
import { fixture, SHARED, tempDir } from './helpers';
import { measured } from '../../metrics/helpers';

const ROOT = path.resolve(__dirname, '../../../..');

/** ~1 MB of JSONL: the M4 human and machine answers as `text` records. */
function corpus(dir: string): string {
  const file = path.join(dir, 'corpus.jsonl');
  const lines: string[] = [];
  for (const name of ['m4/reddit_llama2.jsonl', 'm4/wikihow_llama2.jsonl']) {
    for (const line of readFileSync(path.join(SHARED, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { human_text: string; machine_text: string };
      lines.push(JSON.stringify({ text: r.human_text }), JSON.stringify({ text: r.machine_text }));
    }
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('analyzeFiles', function () {
  this.timeout(300_000);
  const dir = tempDir();
  let file = '';

  before(() => {
    // The pool runs dist/worker.js: test the real worker path, built from the current sources.
    try {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // Another entry point may not build yet; the worker bundle is written independently.
    }
    assert.ok(workerScript(), 'dist/worker.js was not built');
    file = corpus(dir);
  });

  it('pool with many chunks gives exactly the single-pass profile', async () => {
    const single = await analyzeFiles('m4', [file], { workers: 0, chunkBytes: Infinity });
    let lastProgress = { bytesDone: 0, bytesTotal: 0 };
    const pooled = await analyzeFiles('m4', [file], { workers: 2, chunkBytes: 64 * 1024, onProgress: (p) => (lastProgress = p) });
    assert.equal(single.records, 400);
    assert.deepEqual(pooled, single);
    assert.equal(lastProgress.bytesDone, lastProgress.bytesTotal);
    assert.ok(lastProgress.bytesTotal > 500_000);
  });

  it('records the schema and the files with their issues', async () => {
    const p = await analyzeFiles('mixed', [fixture('alpaca.jsonl'), path.join(dir, 'missing.jsonl')], { workers: 0 });
    assert.equal(p.schema, 'alpaca');
    assert.deepEqual(p.textFields, ['instruction', 'input', 'output']);
    assert.equal(p.records, 4);
    assert.equal(p.files[0]?.malformed, 1);
    assert.ok(p.issues.some((i) => i.message === 'data file not found'));
    assert.ok(p.issues.some((i) => i.line === 5 && /invalid JSON/.test(i.message)));
  });

  it('never reads a file outside allowedRoots', async () => {
    const p = await analyzeFiles('s', [fixture('alpaca.jsonl')], { workers: 0, allowedRoots: [dir] });
    assert.equal(p.records, 0);
    assert.match(p.issues[0]?.message ?? '', /outside the allowed folders/);
  });

  it('says so when no text fields are known, and reads the ones it is told', async () => {
    const m4 = path.join(SHARED, 'm4/reddit_llama2.jsonl');
    const unknown = await analyzeFiles('m4', [m4], { workers: 0 });
    assert.equal(unknown.records, 0);
    assert.match(unknown.issues.map((i) => i.message).join('\n'), /no known text schema.*human_text, machine_text/);
    const told = await analyzeFiles('m4', [m4], { workers: 0, text: ['machine_text'] });
    assert.equal(told.records, 100);
    assert.equal(told.schema, 'fields');
  });

  it('says a file that holds no record says so (a CSV header alone, an empty array, blank lines), not that it read cleanly', async () => {
    const files = { 'header.csv': 'instruction,output\n', 'header.tsv': 'instruction\toutput\n', 'empty.json': '[]\n', 'blank.txt': '\n\n' };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const p = await analyzeFiles(name, [file], { workers: 0 });
      assert.equal(p.records, 0, name);
      assert.deepEqual(p.issues.map((i) => i.message), ['no records: the file holds no data (a header alone, an empty array or blank lines)'], name);
    }
    // Only a file that gave nothing: the fixture's CSV reads cleanly, and a file of no bytes keeps the reader's note.
    assert.deepEqual((await analyzeFiles('dolly', [fixture('dolly.csv')], { workers: 0 })).issues, []);
    writeFileSync(path.join(dir, 'none.csv'), '');
    assert.deepEqual((await analyzeFiles('none', [path.join(dir, 'none.csv')], { workers: 0 })).issues.map((i) => i.message), ['empty file: no records']);
  });

  it('samples above sampleAboveBytes: sample size, population estimate and confidence intervals', async () => {
    const exact = measured(await analyzeFiles('m4', [file], { workers: 0 }));
    const sampled = measured(await analyzeFiles('m4', [file], { workers: 2, sampleAboveBytes: 300 * 1024 }));
    assert.ok(sampled.sample, 'no sample');
    assert.ok(sampled.sample.size < exact.records && sampled.sample.size > 50, `sample ${sampled.sample.size}`);
    assert.ok(Math.abs(sampled.records - exact.records) / exact.records < 0.5, `population ${sampled.records}`);
    const ci = sampled.metrics.distinct1!.ci95;
    assert.ok(ci && ci[0] <= sampled.metrics.distinct1!.value && sampled.metrics.distinct1!.value <= ci[1]);
    assert.equal(exact.sample, undefined);
    assert.equal(exact.metrics.distinct1!.ci95, undefined);
  });

  it('cancellation stops the pool and rejects with an abort', async () => {
    const controller = new AbortController();
    const run = analyzeFiles('m4', [file], {
      workers: 2,
      chunkBytes: 32 * 1024,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await assert.rejects(run, (err: Error) => err.name === 'AbortError');
  });

  describe('cache', () => {
    const cacheDir = path.join(dir, 'cache');
    const entries = (): string[] => readdirSync(cacheDir).filter((n) => n.startsWith('profile-') && n.endsWith('.json'));

    it('misses, then hits (the stored entry is what comes back)', async () => {
      await clearCache(cacheDir);
      const first = await analyzeFiles('a', [fixture('sharegpt.json')], { workers: 0, cacheDir });
      assert.equal(entries().length, 1);
      const entry = path.join(cacheDir, entries()[0] as string);
      const stored = JSON.parse(readFileSync(entry, 'utf8')) as { schema: string };
      stored.schema = 'marked-in-cache';
      writeFileSync(entry, JSON.stringify(stored));
      const second = await analyzeFiles('b', [fixture('sharegpt.json')], { workers: 0, cacheDir });
      assert.equal(second.schema, 'marked-in-cache');
      assert.equal(second.sourceId, 'b');
      assert.equal(first.schema, 'sharegpt');
    });

    it('recomputes when the content or the options change, not when a file is only touched', async () => {
      const copy = path.join(dir, 'copy.json');
      writeFileSync(copy, readFileSync(fixture('sharegpt.json')));
      await analyzeFiles('a', [copy], { workers: 0, cacheDir });
      const before = entries().length;
      utimesSync(copy, new Date(), new Date(Date.now() + 5000));
      assert.equal((await analyzeFiles('a', [copy], { workers: 0, cacheDir })).fromCache, true, 'same content, same key');
      writeFileSync(copy, readFileSync(fixture('sharegpt.json'), 'utf8').replace('"human"', '"human" '));
      assert.equal((await analyzeFiles('a', [copy], { workers: 0, cacheDir })).fromCache, undefined);
      await analyzeFiles('a', [copy], { workers: 0, cacheDir, text: ['conversations[0].value'] });
      await analyzeFiles('a', [copy], { workers: 0, cacheDir, exact: true });
      assert.equal(entries().length, before + 3);
    });

    it('stays within its bound, dropping the least recently used profile first', async () => {
      const bounded = path.join(dir, 'bounded');
      await clearCache(bounded);
      const names = ['sharegpt.json', 'dolly.csv', 'alpaca.jsonl'];
      for (const name of names) await analyzeFiles('a', [fixture(name)], { workers: 0, cacheDir: bounded });
      const all = readdirSync(bounded).map((n) => statSync(path.join(bounded, n)).size);
      const total = all.reduce((a, b) => a + b, 0);
      // The first profile is used again, so the second is now the least recently used.
      await new Promise((r) => setTimeout(r, 20));
      assert.equal((await analyzeFiles('a', [fixture(names[0] as string)], { workers: 0, cacheDir: bounded })).fromCache, true);
      await trimCache(bounded, total - 1);
      assert.ok((await cacheStats(bounded)).bytes <= (total - 1) * 0.75);
      assert.equal((await analyzeFiles('a', [fixture(names[0] as string)], { workers: 0, cacheDir: bounded })).fromCache, true, 'the recently used one is kept');
      assert.equal((await analyzeFiles('a', [fixture(names[1] as string)], { workers: 0, cacheDir: bounded })).fromCache, undefined, 'the least recently used one went');
    });

    it('keys on the files left out too: another source’s issues never come back from the cache', async () => {
      const missing = await analyzeFiles('a', [path.join(dir, 'no-such-a.jsonl')], { workers: 0, cacheDir });
      const other = await analyzeFiles('a', [path.join(dir, 'no-such-b.jsonl')], { workers: 0, cacheDir });
      assert.equal(other.fromCache, undefined);
      assert.match(other.issues[0]?.file ?? '', /no-such-b\.jsonl$/);
      assert.match(missing.issues[0]?.file ?? '', /no-such-a\.jsonl$/);
      await analyzeFiles('a', [fixture('dolly.csv')], { workers: 0, cacheDir });
      const withMissing = await analyzeFiles('a', [fixture('dolly.csv'), path.join(dir, 'no-such-c.jsonl')], { workers: 0, cacheDir });
      assert.equal(withMissing.fromCache, undefined);
      assert.ok(withMissing.issues.some((i) => i.file.endsWith('no-such-c.jsonl')));
    });

    it('ignores a corrupt entry and rewrites it', async () => {
      await clearCache(cacheDir);
      await analyzeFiles('a', [fixture('dolly.csv')], { workers: 0, cacheDir });
      const entry = path.join(cacheDir, entries()[0] as string);
      writeFileSync(entry, '{"truncated": ');
      const again = await analyzeFiles('a', [fixture('dolly.csv')], { workers: 0, cacheDir });
      assert.equal(again.schema, 'dolly');
      assert.equal(again.records, 3);
      assert.equal((JSON.parse(readFileSync(entry, 'utf8')) as { schema: string }).schema, 'dolly');
    });

    it('clearCache removes every entry', async () => {
      assert.ok(entries().length > 0);
      assert.ok((await clearCache(cacheDir)) > 0);
      assert.equal(entries().length, 0);
    });
  });
});
