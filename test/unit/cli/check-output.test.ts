/**
 * How the check bundle (src/cli/manifests-only.ts) writes its report: to file descriptors 1 and 2 directly
 * (src/cli/descriptor-io.ts), never making process.stdout and process.stderr for a file, /dev/null, a pipe or a
 * socket, with the same bytes, exit code and colour as the process's streams give, a reader that stops early
 * ending the run quietly, and a full non-blocking pipe losing nothing.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCli, CLI, ROOT, runCli } from './built-cli';

describe('cli check bundle output (descriptor writes)', function () {
  this.timeout(120_000);
  let dir: string;
  /** A manifest of 1,500 sources whose files are missing: ~2 MB of JSON, ~400 kB of stylish, more than a pipe holds. */
  let big: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-check-output-'));
    big = path.join(dir, 'big.dataset.yaml');
    const sources = Array.from({ length: 1500 }, (_, i) => `  - id: s${i}\n    files: [missing/${i}.jsonl]\n    origin: synthetic\n`);
    writeFileSync(big, `name: big\nsources:\n${sources.join('')}`);
    env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', SYNTHLINT_CACHE_DIR: path.join(dir, 'cache') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI with stdout to a file; returns the file's text and the exit code. */
  const toFile = (args: string[], extra: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } => {
    const file = path.join(dir, 'stdout.txt');
    const fd = openSync(file, 'w');
    try {
      const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...env, ...extra }, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      return { code: result.status, stdout: readFileSync(file, 'utf8'), stderr: result.stderr };
    } finally {
      closeSync(fd);
    }
  };

  it('writes the same report to a file as to a pipe, colour only when FORCE_COLOR asks', () => {
    for (const extra of [{}, { FORCE_COLOR: '1' }]) {
      const args = ['check', '--no-data', big];
      const piped = runCli(args, { env: { SYNTHLINT_CACHE_DIR: env.SYNTHLINT_CACHE_DIR, ...extra } });
      const filed = toFile(args, extra);
      assert.equal(piped.code, 1);
      assert.ok(piped.stdout.length > 300_000);
      assert.deepEqual(filed, piped);
      assert.equal(piped.stdout.includes('\u001b['), extra.FORCE_COLOR === '1');
    }
  });

  it('loads neither node:stream nor node:v8 writing to a pipe, a file or /dev/null', () => {
    // Recorded at exit by a preload: the builtins the run loaded beyond what Node loads before any script.
    const preload = path.join(dir, 'modules.cjs');
    const loaded = path.join(dir, 'modules.txt');
    writeFileSync(preload, `const before = new Set(process.moduleLoadList);\nprocess.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, process.moduleLoadList.filter((m) => !before.has(m)).join('\\n')));\n`);
    const file = openSync(path.join(dir, 'report.txt'), 'w');
    const devNull = openSync('/dev/null', 'w');
    try {
      for (const stdout of ['pipe', file, devNull] as const) {
        const result = spawnSync(process.execPath, ['-r', preload, CLI, 'check', '--no-data', 'examples/broken'], { cwd: ROOT, env, stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8' });
        assert.equal(result.status, 1, result.stderr);
        const modules = readFileSync(loaded, 'utf8').split('\n');
        assert.ok(modules.includes('NativeModule vm'), modules.join(' '));
        for (const module of ['NativeModule stream', 'NativeModule v8', 'NativeModule net', 'NativeModule tty']) assert.ok(!modules.includes(module), `${String(stdout)}: ${module}`);
      }
    } finally {
      closeSync(file);
      closeSync(devNull);
    }
  });

  it('warns of no deprecation setting the V8 flags, even when Node is asked to warn of pending ones or throw', () => {
    const args = ['check', '--no-data', 'examples/broken'];
    const plain = runCli(args, { env: { SYNTHLINT_CACHE_DIR: env.SYNTHLINT_CACHE_DIR } });
    for (const options of ['--pending-deprecation', '--pending-deprecation --throw-deprecation --trace-deprecation']) {
      assert.deepEqual(runCli(args, { env: { SYNTHLINT_CACHE_DIR: env.SYNTHLINT_CACHE_DIR, NODE_OPTIONS: options } }), plain, options);
    }
    assert.deepEqual([plain.code, plain.stderr], [1, '']);
  });

  it("ends quietly with the check's exit code when the reader stops early (| head -1)", async () => {
    // The manifest's missing files are errors, so the check fails (1) whether or not its reader read to the end:
    // under `set -o pipefail` a failing check must not pass because its report outgrew the pipe. Each format five
    // times (a socket's writer hears EPIPE or ECONNRESET, depending on when the reader closes), in the check
    // bundle (--no-data, descriptorIO) and in the full bundle (processIO).
    for (const noData of [['--no-data'], []]) {
      for (const format of ['stylish', 'json', 'stylish', 'json', 'stylish', 'json', 'stylish', 'json', 'stylish', 'json']) {
        const child = spawn(process.execPath, [CLI, 'check', ...noData, '-f', format, big], { cwd: ROOT, env });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        assert.deepEqual({ code, stderr }, { code: 1, stderr: '' }, `${format} ${noData.join(' ')}`);
      }
    }
  });

  it('loses nothing when a non-blocking pipe fills (a pipe shared with a Node process that wrote to it)', async () => {
    // The wrapper's process.stdout makes the shared pipe non-blocking, then runs the CLI in the same process; the
    // test reads nothing for a while, so the pipe fills and a write of the report meets EAGAIN.
    const wrapper = `process.stdout; process.argv.splice(1, 0, ${JSON.stringify(CLI)}); require(${JSON.stringify(CLI)});`;
    const expected = runCli(['check', '--no-data', '-f', 'json', big], { env: { SYNTHLINT_CACHE_DIR: env.SYNTHLINT_CACHE_DIR } });
    const child = spawn(process.execPath, ['-e', wrapper, 'check', '--no-data', '-f', 'json', big], { cwd: ROOT, env });
    child.stdout.pause();
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await closed;
    assert.deepEqual({ code, stderr }, { code: expected.code, stderr: expected.stderr });
    const stdout = Buffer.concat(chunks).toString('utf8');
    assert.equal(stdout.length, expected.stdout.length);
    assert.ok(stdout === expected.stdout);
  });

  it('ends with an error, not a spin, when -o or the code cache is a folder that cannot be made (procfs)', function () {
    if (!existsSync('/proc/self')) this.skip();
    // Node's recursive mkdir retries for ever there (src/analyzer/folders.ts): a time limit turns a regression into a failure.
    const run = (args: string[], extra: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...env, ...extra }, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    const output = run(['check', '--no-data', '-o', '/proc/synthlint-nope/report.json', 'examples/broken'], {});
    assert.deepEqual([output.signal, output.status], [null, 2]);
    assert.match(output.stderr, /^synthlint check: Cannot write '\/proc\/synthlint-nope\/report\.json': ENOENT/);
    const cache = run(['check', '--no-data', 'examples/broken'], { SYNTHLINT_CACHE_DIR: '/proc/synthlint-nope/cache' });
    assert.deepEqual([cache.signal, cache.status, cache.stderr], [null, 1, '']);
  });

  it('says in one line, with no stack, that the report could not be written (a full device), and exits 2', function () {
    if (!existsSync('/dev/full')) this.skip();
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['check', '--no-data', 'examples/broken'], ['check', 'examples/broken']]) {
        const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        assert.deepEqual([result.status, result.stderr], [2, 'synthlint: cannot write the output: ENOSPC: no space left on device, write\n'], args.join(' '));
      }
    } finally {
      closeSync(full);
    }
  });

  it('writes a usage error to stderr and the help to stdout', () => {
    const help = toFile(['check', '--no-data', '--help']);
    assert.deepEqual([help.code, help.stdout.split('\n')[0], help.stderr], [0, 'Usage: synthlint check [options] [paths|globs...]', '']);
    const usage = toFile(['check', '--no-data', path.join(dir, 'nothing-here')]);
    assert.deepEqual(usage, { code: 2, stdout: '', stderr: `synthlint check: No such file or folder: '${path.join(dir, 'nothing-here')}'.\nRun 'synthlint check --help' for usage.\n` });
  });
});
