import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SourceProfile } from '../../../src/core/profile';
import { ROOT, buildCli, runCli } from './built-cli';
import { measured } from '../metrics/helpers';

const FIXTURE = 'test/fixtures/data/alpaca.jsonl';
const ALPACA = path.resolve(ROOT, '..', 'shared/data/instruct/alpaca_5000.json');
/** M4's human/llama-2 pairs (fields prompt, human_text, machine_text, ...): a schema nobody named. */
const M4_REDDIT = path.resolve(ROOT, '..', 'shared/data/m4/reddit_llama2.jsonl');
/** Self-Instruct's answers of nine writers, each labelled `cls`: human or machine, one word a record. */
const SELF_INSTRUCT_EVAL = path.resolve(ROOT, '..', 'shared/data/detect/selfinstruct_human_eval.jsonl');

const synthlint = (...args: string[]) => runCli(args);

describe('cli profile (built dist/cli.js)', function () {
  this.timeout(120_000);

  // Test the bundle built from the current sources, worker included.
  before(buildCli);

  it('prints the overview, every metric and the malformed record with its line number', () => {
    const { code, stdout, stderr } = synthlint('profile', FIXTURE);
    assert.equal(code, 0, stderr);
    const lines = stdout.split('\n');
    assert.equal(lines[0], FIXTURE);
    assert.ok(lines.includes('  Records  4 (1 malformed, skipped)'), stdout);
    assert.ok(lines.includes('  Schema   alpaca (instruction, input, output)'), stdout);
    for (const label of ['Compression ratio', 'N-gram diversity', 'Self-repetition', 'Distinct-2', 'Near-duplicates', 'Template openings', 'Hapax share', 'Zipf slope']) {
      assert.ok(lines.some((l) => l.startsWith(`  ${label} `) && /\d\.\d\d/.test(l)), `no figure for ${label}:\n${stdout}`);
    }
    assert.ok(lines.some((l) => /^ {2}test\/fixtures\/data\/alpaca\.jsonl:5 +invalid JSON/.test(l)), stdout);
  });

  it('profiles the real alpaca data: 5,000 records, its most common openings, no issues', () => {
    const { code, stdout, stderr } = synthlint('profile', ALPACA);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^ {2}Records +5,000$/m);
    assert.match(stdout, /^ {2}Schema +alpaca \(instruction, input, output\)$/m);
    assert.match(stdout, /^Top openings\n {2}3 words +\d+(\.\d)?% +"\S+ \S+ \S+" \(\d+\)$/m);
    assert.match(stdout, /No problems reading the data\./);
    // The array is one line: its records are named by index, not all "alpaca_5000.json:1".
    const quoted = stdout.match(/^ {2}\S*alpaca_5000\.json\S* +\d\.\d\d +"/gm) ?? [];
    assert.equal(quoted.length, 3, stdout);
    for (const row of quoted) assert.match(row, /alpaca_5000\.json\[\d+\] /);
  });

  it('shows no figure for real data it read no record of (an unnamed schema), and says why', () => {
    const { code, stdout, stderr } = synthlint('profile', M4_REDDIT);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^ {2}Records +0 with text, of 100 read$/m);
    for (const label of ['Compression ratio', 'N-gram diversity', 'Near-duplicates', 'Hapax share', 'Bigram entropy', 'Zipf slope']) {
      assert.match(stdout, new RegExp(`^ {2}${label} +— `, 'm'), `a figure for ${label}:\n${stdout}`);
    }
    assert.match(stdout, /^Assistant artefacts {2}— of records$/m);
    assert.match(stdout, /^ {2}records that read machine-written one by one: —$/m);
    assert.match(stdout, /no known text schema .*string fields found: prompt, human_text, machine_text/);
  });

  it('gives no bigram figure of real one-word records (a label field), and the word figures it has', () => {
    const { code, stdout, stderr } = synthlint('profile', SELF_INSTRUCT_EVAL, '--text', 'cls');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^ {2}Records +2,217$/m);
    assert.match(stdout, /^ {2}Distinct-2 +— /m);
    assert.match(stdout, /^ {2}Bigram entropy +— /m);
    assert.match(stdout, /^ {2}Distinct-1 +0\.001 /m);
    const json = synthlint('profile', SELF_INSTRUCT_EVAL, '--text', 'cls', '-f', 'json');
    const metrics = measured(JSON.parse(json.stdout) as SourceProfile).metrics;
    assert.deepEqual([metrics.distinct2, metrics.entropy2], [undefined, undefined]);
    assert.ok(metrics.vocabularyTail.zipfSlope, 'two distinct words give a slope');
  });

  it('gives no figures in its JSON for real data it read no record of, from the cache too', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'synthlint-cache-'));
    try {
      for (const pass of ['profiled', 'cached']) {
        const { code, stdout, stderr } = synthlint('profile', M4_REDDIT, '-f', 'json', '--cache-dir', cacheDir);
        assert.equal(code, 0, stderr);
        const profile = JSON.parse(stdout) as SourceProfile;
        assert.equal(profile.records, 0, pass);
        assert.equal(profile.fromCache, pass === 'cached' ? true : undefined);
        assert.equal('metrics' in profile, false, `${pass}: ${JSON.stringify(profile.metrics)}`);
        // Nor a provenance score of no prose record: its verdict and what it read stay.
        assert.deepEqual(profile.provenance && { ...profile.provenance, model: '' }, { verdict: 'insufficient', records: 0, sampled: 0, setAside: {}, model: '', machineLike: [] });
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('reads gzip data and points at the records with assistant artefacts by line', () => {
    const { code, stdout, stderr } = synthlint('profile', 'examples/chat-v2/data/drafts.jsonl.gz');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^ {2}File +jsonl\.gz, /m);
    assert.match(stdout, /^Assistant artefacts {2}\d+(\.\d)?% of records$/m);
    assert.match(stdout, /^ {2}examples\/chat-v2\/data\/drafts\.jsonl\.gz:\d+ +"as an ai language model"$/m);
  });

  it('writes the SourceProfile as JSON, reading only the fields named by repeated --text', () => {
    const { code, stdout, stderr } = synthlint('profile', FIXTURE, '--format', 'json', '--text', 'instruction', '--text', 'output');
    assert.equal(code, 0, stderr);
    const profile = measured(JSON.parse(stdout) as SourceProfile);
    assert.deepEqual(profile.textFields, ['instruction', 'output']);
    assert.equal(profile.records, 4);
    assert.equal(profile.files[0]?.malformed, 1);
    assert.deepEqual(profile.issues.map((i) => i.line), [5]);
    assert.ok(profile.metrics.compressionRatio.value > 0);
  });

  it('samples above --sample-above MB, reads every record with --full, and refuses both at once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'synthlint-sample-'));
    const file = path.join(dir, 'big.jsonl');
    const line = (i: number): string => JSON.stringify({ text: `record ${i} says ${'words of filler text '.repeat(8)}${i * 7919}` });
    writeFileSync(file, Array.from({ length: 12_000 }, (_, i) => line(i)).join('\n') + '\n');
    const json = (...args: string[]): SourceProfile => {
      const { code, stdout, stderr } = synthlint('profile', file, '--format', 'json', ...args);
      assert.equal(code, 0, stderr);
      return JSON.parse(stdout) as SourceProfile;
    };
    const sampled = measured(json('--sample-above', '1'));
    assert.ok(sampled.sample && sampled.sample.size < 12_000, JSON.stringify(sampled.sample));
    assert.ok(sampled.metrics.compressionRatio.ci95, 'a sampled figure carries its interval');
    // The text output: a full profile's JSON (every distinct word) outgrows the test's pipe buffer.
    const full = synthlint('profile', file, '--full');
    assert.equal(full.code, 0, full.stderr);
    assert.match(full.stdout, /Records\s+12,000/);
    assert.doesNotMatch(full.stdout, /Sampled/);
    assert.match(synthlint('profile', file, '--sample-above', '1').stdout, /Sampled\s+[\d,]+ of ~[\d,]+ records/);
    const both = synthlint('profile', file, '--full', '--sample-above', '1');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--full reads every record/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 naming the path when the file cannot be read', () => {
    const missing = synthlint('profile', 'no/such/data.jsonl');
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /cannot read 'no\/such\/data\.jsonl': no such file/);
    const folder = synthlint('profile', 'test');
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /cannot read 'test': not a regular file/);
    const format = synthlint('profile', 'LICENSE');
    assert.equal(format.code, 1);
    assert.match(format.stderr, /cannot read 'LICENSE': unknown data format/);
  });

  it('exits 2 on usage errors', () => {
    for (const args of [['profile'], ['profile', FIXTURE, FIXTURE], ['profile', FIXTURE, '--format', 'xml'], ['profile', FIXTURE, '--bogus']]) {
      const { code, stderr } = synthlint(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /Run 'synthlint profile --help' for usage/);
    }
  });

  it('is listed by synthlint --help and documents its options', () => {
    assert.match(synthlint('--help').stdout, /^ {2}profile +Profile one data file/m);
    const help = synthlint('profile', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--text FIELD/);
  });
});
