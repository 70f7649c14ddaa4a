// The system packages the tests need beyond Node and npm, checked before anything is downloaded or built, and
// installed with apt when that can happen without a question (root, or passwordless sudo). Otherwise it stops
// at once with the exact command to run. `npm test` runs it first; scripts/test-vscode.mjs runs it before the
// VS Code cache is installed. Timings and the whole set-up: docs/testing.md.
//
// Usage: node scripts/system-packages.mjs [--check]
//   --check  never install: exit 2 with the command to run when something is missing.
// Env:   SYNTHLINT_SYSROOT  look for files and commands under this folder instead of / (tests use an empty one)
//        SYNTHLINT_NO_APT=1 never run apt (as --check)
//        CHROMIUM           the browser (default /usr/bin/chromium), as test/vscode/driver.mjs reads it
// Exit:  0 everything present (after installing, if needed); 2 missing and not installable here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Where python3-distributed puts the package (for /usr/bin/python3, which scripts/dask-profile.py runs with). */
const DEBIAN_DASK = '/usr/lib/python3/dist-packages/distributed/__init__.py';

/**
 * What the tests need, each as the Debian package that provides it and how to tell it is there. Headless Chromium
 * runs the report's browser test and VS Code's web workbench; the rest is what VS Code's native modules (kerberos,
 * node-pty, @vscode/spdlog, native-keymap …) compile against when scripts/vscode/env.mjs builds its cache.
 * @type {{ pkg: string, why: string, present: (probe: Probe) => boolean }[]}
 */
export const REQUIREMENTS = [
  { pkg: 'chromium', why: 'headless browser (report test, VS Code workbench)', present: (p) => p.file(p.chromium) },
  { pkg: 'libkrb5-dev', why: 'gssapi/gssapi.h for the kerberos module', present: (p) => p.file('/usr/include/gssapi/gssapi.h') && p.file('/usr/include/krb5.h') },
  { pkg: 'libsecret-1-dev', why: 'libsecret headers', present: (p) => p.file('/usr/include/libsecret-1') },
  { pkg: 'libx11-dev', why: 'X11/Xlib.h', present: (p) => p.file('/usr/include/X11/Xlib.h') },
  { pkg: 'libxkbfile-dev', why: 'X11/extensions/XKBfile.h for native-keymap', present: (p) => p.file('/usr/include/X11/extensions/XKBfile.h') },
  { pkg: 'build-essential', why: 'make and g++ for node-gyp', present: (p) => p.command('make') && p.command('g++') },
  { pkg: 'python3', why: 'node-gyp', present: (p) => p.command('python3') },
  // Debian's Dask (scheduler + workers) for the scale-out test, test/unit/cli/dask-profile.test.ts: 20 small
  // pure-Python packages, 3 MB to download, 16 MB installed, 1-2 min with unpacking on 2 loaded cores.
  { pkg: 'python3-distributed', why: 'Dask scheduler and workers (scale-out test)', present: (p) => p.file(DEBIAN_DASK) },
];

/**
 * @typedef {{ file: (p: string) => boolean, command: (name: string) => boolean, chromium: string }} Probe
 * @typedef {{ action: 'none' } | { action: 'install', packages: string[], sudo: boolean, commands: string[][] }
 *   | { action: 'stop', packages: string[], message: string }} Plan
 */

/** Looks on this machine, or under `sysroot` (files, and commands on PATH) when one is given. */
export function machineProbe(env = process.env) {
  const sysroot = env.SYNTHLINT_SYSROOT ?? '/';
  const file = (p) => existsSync(path.join(sysroot, p));
  const command = (name) => (env.PATH ?? '').split(path.delimiter).some((dir) => dir && file(path.join(dir, name)));
  return { file, command, chromium: env.CHROMIUM || DEFAULT_CHROMIUM };
}

/** The packages whose check fails. */
export function missingPackages(probe) {
  return REQUIREMENTS.filter((r) => !r.present(probe)).map((r) => r.pkg);
}

/** The apt commands that install `packages`, each an argv, prefixed with sudo when not root. */
export function aptCommands(packages, sudo) {
  const pre = sudo ? ['sudo'] : [];
  return [
    [...pre, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
    [...pre, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', ...packages],
  ];
}

/** The line a person types to install `packages` (no env prefix: an interactive apt is fine there). */
export function installLine(packages, sudo) {
  const pre = sudo ? 'sudo ' : '';
  return `${pre}apt-get update && ${pre}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * What to do about the missing packages.
 * @param {{ missing: string[], uid: number, sudoWithoutPassword: boolean, hasApt: boolean, allowInstall: boolean }} o
 * @returns {Plan}
 */
export function plan(o) {
  if (o.missing.length === 0) return { action: 'none' };
  const needs = REQUIREMENTS.filter((r) => o.missing.includes(r.pkg)).map((r) => `  ${r.pkg.padEnd(16)} ${r.why}`).join('\n');
  const head = `The tests need system packages that are missing:\n${needs}\n`;
  if (!o.hasApt) {
    return { action: 'stop', packages: o.missing, message: `${head}apt-get was not found: install the equivalents of these Debian packages with your system's package manager, then run the command again.` };
  }
  const canInstall = o.uid === 0 || o.sudoWithoutPassword;
  if (o.allowInstall && canInstall) return { action: 'install', packages: o.missing, sudo: o.uid !== 0, commands: aptCommands(o.missing, o.uid !== 0) };
  const why = !o.allowInstall ? 'Not installing them (--check or SYNTHLINT_NO_APT=1).' : 'Installing them needs root: this user is not root and sudo asks for a password.';
  return { action: 'stop', packages: o.missing, message: `${head}${why} Run:\n\n  ${installLine(o.missing, o.uid !== 0)}\n\nthen run the command again.` };
}

/**
 * Checks, installs when it can, and returns; throws an Error whose message says what to run when it cannot.
 * @param {{ log?: (line: string) => void, allowInstall?: boolean, env?: NodeJS.ProcessEnv }} [opts]
 */
export function ensureSystemPackages(opts = {}) {
  const log = opts.log ?? ((line) => console.log(`[system-packages] ${line}`));
  const env = opts.env ?? process.env;
  const t0 = Date.now();
  const probe = machineProbe(env);
  const missing = missingPackages(probe);
  const decided = plan({
    missing,
    uid: process.getuid?.() ?? -1,
    sudoWithoutPassword: missing.length > 0 && probe.command('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    hasApt: probe.command('apt-get'),
    allowInstall: (opts.allowInstall ?? true) && env.SYNTHLINT_NO_APT !== '1',
  });
  if (decided.action === 'none') {
    log(`all present (${REQUIREMENTS.map((r) => r.pkg).join(', ')}), checked in ${Date.now() - t0} ms`);
    return;
  }
  if (decided.action === 'stop') throw new Error(decided.message);
  log(`installing with apt${decided.sudo ? ' (sudo)' : ''}: ${decided.packages.join(' ')}`);
  for (const argv of decided.commands) {
    const t = Date.now();
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}). Run it yourself:\n\n  ${installLine(decided.packages, decided.sudo)}\n`);
    log(`${argv.slice(argv.indexOf('apt-get')).slice(0, 2).join(' ')} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const still = missingPackages(machineProbe(env));
  if (still.length > 0) throw new Error(`apt-get installed ${decided.packages.join(' ')} but these checks still fail: ${still.join(', ')} (see REQUIREMENTS in scripts/system-packages.mjs)`);
  log(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureSystemPackages({ allowInstall: !process.argv.includes('--check') });
  } catch (e) {
    console.error(`[system-packages] ${e.message}`);
    process.exit(2);
  }
}
