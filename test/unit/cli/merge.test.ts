/**
 * `synthlint profile --shard i/n` and `synthlint merge` through the built CLI: the merged profile of a
 * corpus resampled from ../shared/data equals `profile --full` of the whole file, in JSON and as text, and
 * parts that do not make one whole split are refused with the part and the place in it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SourceProfile } from '../../../src/core/profile';
import { ensureCorpus } from '../../../scripts/bench/corpus';
import { ROOT, buildCli, runCli } from './built-cli';

const SHARDS = 4;

describe('cli profile --shard and merge (built dist/cli.js)', function () {
  this.timeout(300_000);
  let dir = '';
  let corpus = '';
  const part = (i: number): string => path.join(dir, `part-${i}-of-${SHARDS}.json`);
  const inDir = (...args: string[]) => runCli(args, { cwd: dir });

  before(async () => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-shards-'));
    corpus = await ensureCorpus({ dataDir: path.resolve(ROOT, '..', 'shared', 'data'), cacheDir: dir, bytes: 3_000_000, log: () => undefined });
    for (let i = 0; i < SHARDS; i++) {
      const run = inDir('profile', path.basename(corpus), '--shard', `${i}/${SHARDS}`, '-o', part(i));
      assert.equal(run.code, 0, run.stderr);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('merges the shards, in any order, into exactly the profile of one full run (JSON and text)', () => {
    const single = inDir('profile', path.basename(corpus), '--full', '--no-cache', '-f', 'json', '-o', 'single.json');
    assert.equal(single.code, 0, single.stderr);
    const parts = [3, 1, 0, 2].map(part);
    const merged = inDir('merge', ...parts, '-f', 'json', '-o', 'merged.json');
    assert.equal(merged.code, 0, merged.stderr);
    const expected = JSON.parse(readFileSync(path.join(dir, 'single.json'), 'utf8')) as SourceProfile;
    const actual = JSON.parse(readFileSync(path.join(dir, 'merged.json'), 'utf8')) as SourceProfile;
    // Below the exact limit (64 MiB) every figure is exact; the sketches' merge is covered with tiny budgets in
    // test/unit/metrics/state-json.test.ts, and at 200 MB in docs/scale-out.md.
    assert.ok(expected.records > 5000, `records: ${expected.records}`);
    assert.deepEqual(actual, expected);
    const text = inDir('merge', ...parts);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, inDir('profile', path.basename(corpus), '--full', '--no-cache').stdout);
  });

  it('cuts a CSV with quoted multi-line fields only between records: 3 shards merge into the one-run profile', () => {
    const rows = ['id,text'];
    for (let i = 0; i < 6000; i++) rows.push(`${i},"record ${i} ${'says something '.repeat(1 + (i % 9))}${i % 7 === 0 ? '\nsecond line, with ""quotes""' : ''}"`);
    writeFileSync(path.join(dir, 'multi.csv'), `${rows.join('\n')}\n`);
    const parts = [0, 1, 2].map((i) => {
      const run = inDir('profile', 'multi.csv', '--shard', `${i}/3`, '-o', `csv-${i}.json`);
      assert.equal(run.code, 0, run.stderr);
      return `csv-${i}.json`;
    });
    const counts = parts.map((p) => (JSON.parse(readFileSync(path.join(dir, p), 'utf8')) as { state: { records: number } }).state.records);
    assert.ok(counts.every((c) => c > 0), JSON.stringify(counts));
    assert.equal(inDir('merge', ...parts, '-f', 'json', '-o', 'csv-merged.json').code, 0);
    assert.equal(inDir('profile', 'multi.csv', '--no-cache', '-f', 'json', '-o', 'csv-single.json').code, 0);
    const merged = JSON.parse(readFileSync(path.join(dir, 'csv-merged.json'), 'utf8')) as SourceProfile;
    assert.equal(merged.records, 6000);
    assert.deepEqual(merged, JSON.parse(readFileSync(path.join(dir, 'csv-single.json'), 'utf8')));
  });

  it('each shard holds a record-aligned part of the file: the record counts add up to the whole', () => {
    const records = [0, 1, 2, 3].map((i) => (JSON.parse(readFileSync(part(i), 'utf8')) as { state: { records: number } }).state.records);
    assert.ok(records.every((r) => r > 0), JSON.stringify(records));
    const lines = readFileSync(corpus, 'utf8').split('\n').filter((l) => l !== '').length;
    assert.equal(
      records.reduce((a, b) => a + b, 0),
      lines,
    );
  });

  it('refuses missing and repeated shards, naming them', () => {
    const missing = inDir('merge', part(0), part(1), part(3));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nothing merged/);
    assert.match(missing.stderr, /part-0-of-4\.json \(at \/shard\): shards missing: 2\/4/);
    const twice = inDir('merge', part(0), part(1), part(1), part(2), part(3));
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /part-1-of-4\.json \(at \/shard\/index\): shard 1\/4 again \(also part-1-of-4\.json\)/);
    assert.equal(twice.stdout, '');
  });

  it('refuses parts of other settings, other data, another revision, another split or broken JSON, with where', () => {
    const other = inDir('profile', path.basename(corpus), '--shard', `1/${SHARDS}`, '--text', 'output', '-o', 'text-output.json');
    assert.equal(other.code, 0, other.stderr);
    const settings = inDir('merge', part(0), 'text-output.json', part(2), part(3));
    assert.equal(settings.code, 1);
    assert.match(settings.stderr, /text-output\.json \(at \/settings\): made with different settings than part-0-of-4\.json: \{"text":\["output"\]/);

    writeFileSync(path.join(dir, 'copy.jsonl'), readFileSync(corpus, 'utf8').replace('"', "'"));
    assert.equal(inDir('profile', 'copy.jsonl', '--shard', `1/${SHARDS}`, '-o', 'copy-1.json').code, 0);
    const data = inDir('merge', part(0), 'copy-1.json', part(2), part(3));
    assert.equal(data.code, 1);
    assert.match(data.stderr, /copy-1\.json \(at \/files\): a shard of other data than part-0-of-4\.json/);

    const text = readFileSync(part(1), 'utf8');
    writeFileSync(path.join(dir, 'old.json'), text.replace(/"analyzerRevision":\d+/, '"analyzerRevision":1'));
    const old = inDir('merge', part(0), 'old.json', part(2), part(3));
    assert.equal(old.code, 1);
    assert.match(old.stderr, /old\.json \(at \/analyzerRevision\): written by analyzer revision 1 .* merges revision \d+ only/);

    assert.equal(inDir('profile', path.basename(corpus), '--shard', '1/2', '-o', 'half.json').code, 0);
    const split = inDir('merge', part(0), 'half.json', part(2), part(3));
    assert.match(split.stderr, /half\.json \(at \/shard\/count\): shard 1\/2 of a split into 2, than part-0-of-4\.json's into 4/);

    writeFileSync(path.join(dir, 'cut.json'), `${text.slice(0, 200)}\n`);
    const cut = inDir('merge', part(0), 'cut.json', 'absent.json');
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, /cut\.json:1:201: not valid JSON/);
    assert.match(cut.stderr, /absent\.json: cannot read: no such file/);

    const profile = inDir('merge', 'single.json');
    assert.match(profile.stderr, /single\.json \(at \/format\): not a synthlint partial profile/);
  });

  it('usage errors: a bad shard, --shard with --format or --sample-above, merge without parts', () => {
    for (const [args, message] of [
      [['profile', 'x.jsonl', '--shard', '4/4'], /--shard: shard index 4 is out of range: shards of 4 are numbered 0 to 3\./],
      [['profile', 'x.jsonl', '--shard', 'two'], /'two' is not a shard: write i\/n/],
      [['profile', 'x.jsonl', '--shard', '0/2', '-f', 'json'], /leave out --format/],
      [['profile', 'x.jsonl', '--shard', '0/2', '--sample-above', '5'], /--shard reads every record of its shard/],
      [['merge'], /Name the partial profiles to merge/],
    ] as const) {
      const run = inDir(...args);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
    }
  });
});
