/**
 * The `synthlint` launcher's V8 code cache (src/cli/launcher.ts), through the built CLI: the first run of a
 * command writes its compiled code, the next one takes it (and leaves the file as it was), a file V8 refuses is
 * replaced, a usage error and NODE_DISABLE_COMPILE_CACHE write nothing, and an unwritable cache folder costs
 * nothing but the compile.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCli, ROOT, runCli } from './built-cli';

const MANIFEST = path.join(ROOT, 'examples', 'broken', 'typo.dataset.yaml');

describe('cli code cache (built dist/cli.js)', function () {
  this.timeout(120_000);
  let dir: string;
  let cacheDir: string;

  before(() => buildCli());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-code-cache-'));
    cacheDir = path.join(dir, 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const check = (env: NodeJS.ProcessEnv = {}) => runCli(['check', '--no-data', '--format', 'json', MANIFEST], { env: { SYNTHLINT_CACHE_DIR: cacheDir, ...env } });
  const codeFiles = (): string[] => {
    try {
      return readdirSync(path.join(cacheDir, 'code')).sort();
    } catch {
      return [];
    }
  };

  it('writes the compiled code on the first run of a command and takes it on the next, with the same output', () => {
    const first = check();
    assert.equal(codeFiles().length, 1, first.stderr);
    const [name] = codeFiles() as [string];
    assert.match(name, /^check-[0-9a-f]{16}-.+-check-no-data\.bin$/);
    const file = path.join(cacheDir, 'code', name);
    const written = statSync(file);
    assert.ok(written.size > 10_000, `${written.size} bytes of code`);
    const second = check();
    assert.deepEqual([second.code, second.stdout, second.stderr], [first.code, first.stdout, first.stderr]);
    // Taken, not written again: the file is the one the first run renamed into place.
    assert.equal(statSync(file).ino, written.ino);
    assert.deepEqual(codeFiles(), [name]);
  });

  it('keeps a file per V8 setting: check with data and check --no-data do not replace each other', () => {
    check();
    const withData = runCli(['check', '--format', 'json', MANIFEST], { env: { SYNTHLINT_CACHE_DIR: cacheDir } });
    assert.equal(withData.code, 1, withData.stderr);
    assert.deepEqual(codeFiles().map((name) => name.replace(/^.*-x64-|^.*-arm64-/, '')), ['check-no-data.bin', 'check.bin']);
    const inodes = () => codeFiles().map((name) => statSync(path.join(cacheDir, 'code', name)).ino);
    const before = inodes();
    check();
    runCli(['check', '--format', 'json', MANIFEST], { env: { SYNTHLINT_CACHE_DIR: cacheDir } });
    assert.deepEqual(inodes(), before);
  });

  it('replaces a cache file V8 refuses, and the run is unaffected', () => {
    const expected = check();
    const [name] = codeFiles() as [string];
    const file = path.join(cacheDir, 'code', name);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const run = check();
    assert.deepEqual([run.code, run.stdout], [expected.code, expected.stdout]);
    assert.notDeepEqual(readFileSync(file), Buffer.alloc(4096, 7));
    assert.equal(check().stdout, expected.stdout);
  });

  it('writes nothing for a usage error or with NODE_DISABLE_COMPILE_CACHE', () => {
    const typo = runCli(['chekc'], { env: { SYNTHLINT_CACHE_DIR: cacheDir } });
    assert.equal(typo.code, 2);
    assert.deepEqual(codeFiles(), []);
    assert.equal(check({ NODE_DISABLE_COMPILE_CACHE: '1' }).code, 1);
    assert.deepEqual(codeFiles(), []);
  });

  it('runs as usual when the cache folder cannot be written', () => {
    writeFileSync(cacheDir, 'a file where the cache folder would be');
    const run = check();
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.ok(JSON.parse(run.stdout));
  });
});
