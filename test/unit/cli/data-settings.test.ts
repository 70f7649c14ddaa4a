/**
 * `--exact`, `--sample-above SIZE` and `--full` on `profile`, `check` and `report`, and the same request as
 * `data:` in .synthlint.yaml, through the built CLI: what a user sees is whether figures are sampled
 * (`sample`) and which are sketch estimates (`estimated`).
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SourceProfile } from '../../../src/core/profile';
import type { ReportModel } from '../../../src/report/types';
import { ROOT, buildCli, runCli } from './built-cli';
import { measured } from '../metrics/helpers';

const ALPACA = path.resolve(ROOT, '..', 'shared/data/instruct/alpaca_5000.json');

describe('cli data settings: --exact, --sample-above, --full and data: in the config (built dist/cli.js)', function () {
  this.timeout(240_000);
  let dir: string;

  before(() => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-data-settings-'));
    copyFileSync(ALPACA, path.join(dir, 'alpaca.json'));
    const line = (i: number): string => JSON.stringify({ text: `record ${i} says ${'words of filler text '.repeat(8)}${i * 7919}` });
    writeFileSync(path.join(dir, 'big.jsonl'), Array.from({ length: 12_000 }, (_, i) => line(i)).join('\n') + '\n');
    writeFileSync(path.join(dir, 'mix.dataset.yaml'), ['sources:', '  - id: big', '    files: [big.jsonl]', '    origin: human', ''].join('\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const env = (): NodeJS.ProcessEnv => ({ XDG_CACHE_HOME: path.join(dir, 'cache') });
  const profile = (...args: string[]): SourceProfile => {
    const run = runCli(['profile', '--format', 'json', ...args], { cwd: dir, env: env() });
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as SourceProfile;
  };
  const reportSource = (...args: string[]) => {
    const run = runCli(['report', 'mix.dataset.yaml', '--format', 'json', ...args], { cwd: dir, env: env() });
    assert.equal(run.code, 0, run.stderr);
    const source = (JSON.parse(run.stdout) as ReportModel).sources[0];
    assert.ok(source);
    return source;
  };
  const config = (text: string | undefined): void => {
    if (text === undefined) rmSync(path.join(dir, '.synthlint.yaml'), { force: true });
    else writeFileSync(path.join(dir, '.synthlint.yaml'), text);
  };

  it('profile --exact gives every figure exactly, and so does the default below the exact limit (5,000 alpaca records)', () => {
    config(undefined);
    const exact = measured(profile('alpaca.json', '--exact'));
    assert.equal(exact.metrics.estimated, undefined, `--exact leaves no sketch: ${JSON.stringify(exact.metrics.estimated)}`);
    assert.equal(exact.records, 5000);
    // Within the exact limit the n-gram tables are exact too, spilling to temporary files (docs/metrics.md).
    const byDefault = measured(profile('alpaca.json'));
    assert.equal(byDefault.metrics.estimated, undefined, `the default sketches nothing here: ${JSON.stringify(byDefault.metrics.estimated)}`);
    assert.deepEqual(byDefault.metrics, exact.metrics);
  });

  it('profile takes data: from the config of the file’s folder, and the flags win over it', () => {
    config('data:\n  exact: true\n');
    assert.equal(measured(profile('alpaca.json')).metrics.estimated, undefined, 'data.exact in the config');
    const flagged = profile('big.jsonl', '--sample-above', '512KB');
    assert.ok(flagged.sample && flagged.sample.size < 12_000, 'a sample size on the command line overrides the config’s exact');
    config('data:\n  sampleAbove: 512KB\n');
    assert.ok(profile('big.jsonl').sample, 'data.sampleAbove in the config');
    // The text page: a full profile's JSON (every distinct word) outgrows the test's pipe buffer.
    const full = runCli(['profile', 'big.jsonl', '--full'], { cwd: dir, env: env() });
    assert.equal(full.code, 0, full.stderr);
    assert.doesNotMatch(full.stdout, /Sampled/, '--full overrides it');
    assert.match(full.stdout, /Records\s+12,000/);
    config(undefined);
  });

  it('report and check: the config samples, --full reads everything, --exact also drops the sketches', () => {
    config('data:\n  sampleAbove: 512KB\n');
    const sampled = reportSource();
    assert.ok(sampled.sample && sampled.sample.size < 12_000, JSON.stringify(sampled.sample));
    const full = reportSource('--full');
    assert.equal(full.sample, undefined);
    const exact = reportSource('--exact');
    assert.equal(exact.sample, undefined);
    assert.equal(exact.estimated, undefined);
    config(undefined);
    const check = runCli(['check', 'mix.dataset.yaml', '--exact'], { cwd: dir, env: env() });
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    assert.equal(check.stderr, '');
  });

  it('refuses contradictions and bad sizes as usage errors on every command, and reports a bad config', () => {
    for (const command of [['profile', 'big.jsonl'], ['check', 'mix.dataset.yaml'], ['report', 'mix.dataset.yaml']]) {
      const both = runCli([...command, '--exact', '--sample-above', '1MB'], { cwd: dir, env: env() });
      assert.equal(both.code, 2, command.join(' '));
      assert.match(both.stderr, /--exact reads every record and computes every figure exactly; leave out --sample-above/);
      const bad = runCli([...command, '--sample-above', 'huge'], { cwd: dir, env: env() });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Option '--sample-above' needs a size: 'huge' is not a size: write a number with a unit, e\.g\. 64MB/);
    }
    const limit = runCli(['check', 'mix.dataset.yaml', '--full', '--max-data-mb', '5'], { cwd: dir, env: env() });
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /--full reads every record; leave out --max-data-mb/);
    config('data:\n  sampleAbove: lots\n');
    const check = runCli(['check', 'mix.dataset.yaml', '--no-data', '--format', 'json'], { cwd: dir, env: env() });
    const results = JSON.parse(check.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    const problem = results.find((r) => r.filePath.endsWith('.synthlint.yaml'))?.messages[0];
    assert.equal(problem?.ruleId, 'config-invalid');
    assert.equal(problem?.line, 2);
    assert.match(problem?.message ?? '', /'data\.sampleAbove' is a size such as 64MB/);
    config(undefined);
  });
});
