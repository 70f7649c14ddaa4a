/**
 * The profile cache through the built CLI, as a user meets it: a second run reuses the profile (`fromCache` in
 * the JSON, a `Cache` line on the page), a changed file is profiled afresh, `--no-cache` neither reads nor
 * writes, `synthlint cache clear` empties it, `check` and `profile` share it, and two processes writing the
 * same entry at once both succeed and leave a whole entry.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SourceProfile } from '../../../src/core/profile';
import { CLI, ROOT, buildCli, runCli } from './built-cli';

const DATA = path.resolve(ROOT, '..', 'shared/data/m4/reddit_llama2.jsonl');

describe('cli profile cache (built dist/cli.js)', function () {
  this.timeout(240_000);
  let dir: string;
  let cacheDir: string;
  let file: string;

  before(() => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-cache-cli-'));
    cacheDir = path.join(dir, 'cache');
    file = path.join(dir, 'reddit.jsonl');
    copyFileSync(DATA, file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // The cache folder comes from the environment, as a user's XDG_CACHE_HOME would set it.
  const env = (): NodeJS.ProcessEnv => ({ SYNTHLINT_CACHE_DIR: cacheDir });
  const cli = (...args: string[]) => runCli(args, { cwd: dir, env: env() });
  const profile = (...args: string[]): SourceProfile => {
    const run = cli('profile', 'reddit.jsonl', '--format', 'json', ...args);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as SourceProfile;
  };
  const info = (): { dir: string; profiles: number; bytes: number } => JSON.parse(cli('cache', 'info', '--format', 'json').stdout) as { dir: string; profiles: number; bytes: number };

  it('reuses the profile on the second run, and says so', () => {
    const first = profile();
    assert.equal(first.fromCache, undefined);
    assert.deepEqual({ dir: info().dir, profiles: info().profiles }, { dir: cacheDir, profiles: 1 });
    const second = profile();
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.metrics, first.metrics);
    assert.match(cli('profile', 'reddit.jsonl').stdout, /^ {2}Cache +profile reused from the cache/m);
  });

  it('profiles a changed file afresh, but not a file only touched (the key is its content)', () => {
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    assert.equal(profile().fromCache, true, 'touched, same content');
    appendFileSync(file, `${JSON.stringify({ human_text: 'one more record', machine_text: 'and its answer' })}\n`);
    const changed = profile();
    assert.equal(changed.fromCache, undefined);
    assert.equal(info().profiles, 2);
    assert.equal(profile().fromCache, true);
  });

  it('--no-cache neither reads nor writes the cache; other settings are other entries', () => {
    const before = info();
    assert.equal(profile('--no-cache').fromCache, undefined);
    assert.deepEqual(info(), before);
    assert.equal(profile('--exact').fromCache, undefined, '--exact figures are not the default ones');
    assert.equal(profile('--exact').fromCache, true);
  });

  it('synthlint cache clear empties it; the next run profiles afresh', () => {
    const cleared = cli('cache', 'clear');
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.match(cleared.stdout, /^Removed 3 cached profiles from /);
    // `code/` is the launcher's compiled-code cache (src/cli/launcher.ts), not profiles: `cache clear` leaves it.
    assert.deepEqual(readdirSync(cacheDir).filter((name) => name !== 'code'), []);
    assert.equal(info().profiles, 0);
    assert.equal(profile().fromCache, undefined);
    assert.equal(cli('cache', 'clean').code, 2);
    assert.match(cli('cache', 'clean').stderr, /Unknown action 'clean'\. Did you mean 'clear'\?/);
  });

  it('is shared: a profile check stored is the one profile reuses', () => {
    cli('cache', 'clear');
    writeFileSync(path.join(dir, 'mix.dataset.yaml'), ['sources:', '  - id: reddit', '    files: [reddit.jsonl]', '    origin: mixed', ''].join('\n'));
    const check = cli('check', 'mix.dataset.yaml');
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    assert.equal(info().profiles, 1);
    assert.equal(profile().fromCache, true);
    cli('check', 'mix.dataset.yaml', '--no-cache');
    assert.equal(info().profiles, 1);
  });

  it('two processes writing the same entry at once both succeed and leave one whole entry', async () => {
    cli('cache', 'clear');
    const run = (): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, 'profile', 'reddit.jsonl', '--format', 'json'], { cwd: dir, env: { ...process.env, ...env() } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    for (const r of [a, b]) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
    }
    const [pa, pb] = [a, b].map((r) => JSON.parse(r.stdout) as SourceProfile);
    assert.deepEqual(pa?.metrics, pb?.metrics);
    assert.deepEqual(readdirSync(cacheDir).filter((n) => n.endsWith('.tmp')), [], 'no temp file left behind');
    assert.equal(info().profiles, 1);
    const third = profile();
    assert.equal(third.fromCache, true);
    assert.deepEqual(third.metrics, pa?.metrics);
  });
});
