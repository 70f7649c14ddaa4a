/**
 * The check bundle (dist/cli-check.js, src/cli/manifests-only.ts) that the launcher runs for `check --no-data`:
 * the same output and exit code as the full CLI bundle on the example workspace, in every format; runs it turns
 * down (data after all, a usage error) and a missing check bundle go to the full bundle. Which bundle ran shows in
 * the code cache file it left (`check-…` or `cli-…`).
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { RegistryFile } from '../../../src/core/provenance/entry';
import { buildCli, ROOT, runCli, type CliRun } from './built-cli';

describe('cli check bundle (built dist/cli-check.js)', function () {
  this.timeout(180_000);
  let dir: string;
  /** A copy of the built CLI without the check bundle: every run goes to the full bundle. */
  let fullOnly: string;

  before(() => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-check-bundle-'));
    fullOnly = path.join(dir, 'dist');
    mkdirSync(fullOnly);
    for (const file of ['cli.js', 'cli-main.js', 'worker.js', 'lint-worker.js']) copyFileSync(path.join(ROOT, 'dist', file), path.join(fullOnly, file));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let runs = 0;
  /** Runs a CLI with a cache folder of its own; returns the run and the code cache files it wrote. */
  const run = (cli: 'dist' | 'full only', args: string[]): { result: CliRun; cached: string[] } => {
    const cacheDir = path.join(dir, `cache-${runs++}`);
    const env = { SYNTHLINT_CACHE_DIR: cacheDir };
    const result =
      cli === 'dist'
        ? runCli(args, { env })
        : (({ status, stdout, stderr }) => ({ code: status, stdout, stderr }))(spawnSync(process.execPath, [path.join(fullOnly, 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } }));
    let cached: string[] = [];
    try {
      cached = readdirSync(path.join(cacheDir, 'code')).map((name) => name.slice(0, name.indexOf('-')));
    } catch {
      cached = [];
    }
    return { result, cached };
  };

  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
    it(`gives the full bundle's output for check --no-data -f ${format} on the examples`, () => {
      const args = ['check', '--no-data', '--format', format, 'examples'];
      const check = run('dist', args);
      const full = run('full only', args);
      assert.deepEqual(check.cached, ['check'], check.result.stderr);
      assert.deepEqual(full.cached, ['cli'], full.result.stderr);
      assert.equal(check.result.code, 1);
      assert.deepEqual([check.result.code, check.result.stdout, check.result.stderr], [full.result.code, full.result.stdout, full.result.stderr]);
    });
  }

  it('reads a manifest its fast reader leaves to the yaml package (dist/yaml.js, beside it) as the full bundle does', () => {
    // An anchor, an alias and a block scalar: outside the fast reader's subset, so the yaml package reads the file.
    const manifest = path.join(dir, 'anchored.dataset.yaml');
    for (const data of ['seed.jsonl', 'rewrites.jsonl']) writeFileSync(path.join(dir, data), '{"text": "a record"}\n');
    writeFileSync(
      manifest,
      [
        'name: anchored',
        'description: |',
        '  Two sources sharing a licence through an anchor.',
        'sources:',
        '  - id: seed',
        '    files: [seed.jsonl]',
        '    origin: human',
        '    license: &licence CC-BY-4.0',
        '  - id: rewrites',
        '    files: [rewrites.jsonl]',
        '    origin: synthetic',
        '    generator: { model: gpt-4o }',
        '    license: *licence',
        '    derivedFrom: [seed, teknium/OpenHermes-2.5]',
        '',
      ].join('\n'),
    );
    const args = ['check', '--no-data', '--format', 'json', manifest];
    const check = run('dist', args);
    const full = run('full only', args);
    assert.deepEqual(check.cached, ['check'], check.result.stderr);
    assert.deepEqual([check.result.code, check.result.stdout, check.result.stderr], [full.result.code, full.result.stdout, full.result.stderr]);
    // The yaml package read it (no manifest-invalid), and the registry (dist/datasets.json) answered: only its
    // entry for teknium/OpenHermes-2.5 makes the rewrites generation 2.
    const findings = (JSON.parse(check.result.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages);
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'generator-terms').map((f) => f.ruleId),
      ['recursive-generation'],
      check.result.stdout,
    );
    assert.match(findings.find((f) => f.ruleId === 'recursive-generation')?.message ?? '', /generation 2 .*'teknium\/OpenHermes-2\.5', generation 1/);
  });

  it('is plain ASCII, so V8 keeps its source at one byte a character (one other character, in a comment even, doubles it)', () => {
    for (const file of ['cli-check.js', 'datasets.json']) {
      const text = readFileSync(path.join(ROOT, 'dist', file), 'latin1');
      const other = /[^\x00-\x7f]/.exec(text);
      assert.equal(other, null, `${file}: a non-ASCII byte at ${other?.index}: ${text.slice((other?.index ?? 0) - 60, (other?.index ?? 0) + 20)}`);
    }
  });

  it('reads the provenance registry from dist/datasets.json, the same value as the committed registry', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'src', 'core', 'provenance', 'datasets.json'), 'utf8')) as RegistryFile;
    const shipped: unknown = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'datasets.json'), 'latin1'));
    assert.deepEqual(shipped, committed);
    // The bundle holds the registry's keys (its index), not its entries.
    const bundle = readFileSync(path.join(ROOT, 'dist', 'cli-check.js'), 'latin1');
    const note = committed.entries.find((e) => e.id === 'databricks/databricks-dolly-15k')?.note ?? '';
    assert.ok(note.length > 20 && !bundle.includes(note.slice(0, 40)), 'the registry is inside the check bundle again');
  });

  it('resolves every id and alias of the registry as the full bundle does, entry by entry from dist/datasets.json', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'src', 'core', 'provenance', 'datasets.json'), 'utf8')) as RegistryFile;
    const names = committed.entries.flatMap((e) => [e.id, ...(e.aliases ?? [])]);
    // One open-instruct mixture naming them all (in upper case too): each source's origin, generators, licence and
    // depth come from its registry entry, and its variant chain, into the findings of the JSON output.
    const mixture = path.join(dir, 'registry_mixer.yaml');
    writeFileSync(mixture, `dataset_mixer:\n${names.map((n, i) => `  ${JSON.stringify(i % 3 === 0 ? n.toUpperCase() : n)}: ${(i % 7) + 1}000`).join('\n')}\n`);
    const args = ['check', '--no-data', '--format', 'json', mixture];
    const check = run('dist', args);
    const full = run('full only', args);
    assert.deepEqual(check.cached, ['check'], check.result.stderr);
    assert.deepEqual([check.result.code, check.result.stdout, check.result.stderr], [full.result.code, full.result.stdout, full.result.stderr]);
    const findings = (JSON.parse(check.result.stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages);
    assert.ok(findings.filter((f) => f.ruleId === 'generator-terms').length > 50, check.result.stdout.slice(0, 2000));
  });

  it('leaves a run that reads data after all, or a usage error, to the full bundle', () => {
    const withData = run('dist', ['check', '--no-data', '--data', '--format', 'json', 'examples/broken']);
    // The check bundle was loaded to look at the arguments, then the full bundle ran: both keep their compiled code.
    assert.deepEqual(withData.cached, ['check', 'cli'], withData.result.stderr);
    assert.equal(withData.result.code, 1);
    assert.ok(JSON.parse(withData.result.stdout));
    const usage = run('dist', ['check', '--no-data', '--max-warnings', 'many']);
    assert.equal(usage.result.code, 2);
    assert.match(usage.result.stderr, /max-warnings/);
  });
});
