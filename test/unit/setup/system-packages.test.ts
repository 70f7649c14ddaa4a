/**
 * The set-up step `npm test` runs first (scripts/system-packages.mjs): what it finds missing, whether it installs
 * or stops, and the command it tells a person to run. The machine is never touched: the checks look under a
 * temporary SYNTHLINT_SYSROOT, and the script runs with --check, so no apt-get is ever started.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
// @ts-expect-error: a plain .mjs script without type declarations
import { machineProbe, missingPackages, plan, REQUIREMENTS } from '../../../scripts/system-packages.mjs';

const ROOT = path.resolve(__dirname, '../../..');
const ALL = (REQUIREMENTS as { pkg: string }[]).map((r) => r.pkg);

/** A fake root file system holding the given files (paths as on a real one). */
function sysroot(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'synthlint-sysroot-'));
  for (const f of files) {
    mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }
  return dir;
}

const EVERYTHING = [
  '/usr/bin/chromium',
  '/usr/include/gssapi/gssapi.h',
  '/usr/include/krb5.h',
  '/usr/include/libsecret-1/libsecret/secret.h',
  '/usr/include/X11/Xlib.h',
  '/usr/include/X11/extensions/XKBfile.h',
  '/usr/bin/make',
  '/usr/bin/g++',
  '/usr/bin/python3',
  '/usr/lib/python3/dist-packages/distributed/__init__.py',
  '/usr/bin/apt-get',
];

describe('system packages for the tests (scripts/system-packages.mjs)', () => {
  const made: string[] = [];
  const root = (files: string[]): string => {
    const dir = sysroot(files);
    made.push(dir);
    return dir;
  };
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  const probeOf = (dir: string) => machineProbe({ SYNTHLINT_SYSROOT: dir, PATH: '/usr/local/bin:/usr/bin:/bin' });

  it('finds nothing missing when every file is there, and every package missing on an empty system', () => {
    assert.deepEqual(missingPackages(probeOf(root(EVERYTHING))), []);
    assert.deepEqual(missingPackages(probeOf(root([]))), ALL);
  });

  it('names the package of each missing file: the gssapi header that broke node-gyp is libkrb5-dev', () => {
    const dir = root(EVERYTHING.filter((f) => f !== '/usr/include/gssapi/gssapi.h' && f !== '/usr/bin/g++'));
    assert.deepEqual(missingPackages(probeOf(dir)), ['libkrb5-dev', 'build-essential']);
  });

  it('looks for the browser where CHROMIUM points', () => {
    const dir = root(EVERYTHING.filter((f) => f !== '/usr/bin/chromium').concat('/opt/chrome/chrome'));
    assert.deepEqual(missingPackages(machineProbe({ SYNTHLINT_SYSROOT: dir, PATH: '/usr/bin', CHROMIUM: '/opt/chrome/chrome' })), []);
    assert.deepEqual(missingPackages(probeOf(dir)), ['chromium']);
  });

  describe('plan', () => {
    const missing = ['chromium', 'libkrb5-dev'];
    const base = { missing, uid: 1000, sudoWithoutPassword: false, hasApt: true, allowInstall: true };

    it('does nothing when nothing is missing', () => {
      assert.deepEqual(plan({ ...base, missing: [] }), { action: 'none' });
    });

    it('installs as root with apt-get, non-interactively and without sudo', () => {
      const p = plan({ ...base, uid: 0 });
      assert.equal(p.action, 'install');
      assert.ok(p.action === 'install');
      assert.deepEqual(p.commands, [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'libkrb5-dev'],
      ]);
    });

    it('installs through sudo when sudo needs no password', () => {
      const p = plan({ ...base, sudoWithoutPassword: true });
      assert.ok(p.action === 'install');
      assert.ok((p.commands as string[][]).every((c) => c[0] === 'sudo'));
    });

    it('stops with the exact command when it would need a password', () => {
      const p = plan(base);
      assert.ok(p.action === 'stop');
      assert.match(p.message, /needs root/);
      assert.ok(p.message.includes('\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium libkrb5-dev\n'), p.message);
      assert.match(p.message, /chromium +headless browser/);
    });

    it('stops when told not to install, and as root tells root to run apt-get itself', () => {
      const p = plan({ ...base, uid: 0, allowInstall: false });
      assert.ok(p.action === 'stop');
      assert.ok(p.message.includes('\n  apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev\n'), p.message);
    });

    it('stops without apt-get, naming the Debian packages to find equivalents of', () => {
      const p = plan({ ...base, uid: 0, hasApt: false });
      assert.ok(p.action === 'stop');
      assert.match(p.message, /apt-get was not found/);
      assert.match(p.message, /libkrb5-dev/);
    });
  });

  it('the script stops within seconds with exit 2 and the command, before anything else runs', async function () {
    this.timeout(20_000);
    const dir = root(['/usr/bin/apt-get', '/usr/bin/make', '/usr/bin/g++', '/usr/bin/python3', '/usr/lib/python3/dist-packages/distributed/__init__.py']);
    const started = Date.now();
    const run = promisify(execFile)(process.execPath, ['scripts/system-packages.mjs', '--check'], {
      cwd: ROOT,
      env: { ...process.env, SYNTHLINT_SYSROOT: dir, CHROMIUM: '' },
    });
    const error = await run.then(() => undefined, (e: { code: number; stderr: string }) => e);
    assert.ok(error, 'expected a non-zero exit');
    assert.equal(error.code, 2);
    assert.ok(Date.now() - started < 10_000);
    assert.match(error.stderr, /apt-get install -y --no-install-recommends chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev\n/);
    assert.doesNotMatch(error.stderr, /build-essential|python3/);
  });
});
