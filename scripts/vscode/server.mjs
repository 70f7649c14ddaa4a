// Starts VS Code's own server (lib/vscode/out/server-main.js inside the cached code-server package) on a free
// loopback port. We use it rather than the code-server wrapper: it is the same VS Code server and workbench
// minus code-server's auth/proxy layer, starts faster (a 4-test sample suite: 7.4 s against 10-11 s), and
// `--port 0` lets the OS pick a free port and tells us which, so no port is guessed and no race is possible.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { killTree } from './process-tree.mjs';

// Settings that keep the workbench offline, quiet and from writing files. The web workbench keeps *user* settings in the browser,
// so these go in the server's machine settings (<user-data-dir>/Machine/settings.json), which apply to every
// window the server serves (settings of 'application' scope are ignored there, hence no telemetry key: the
// --telemetry-level flag covers it).
const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true, // no Chat view, no Copilot sign-in attempts against github.com
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'git.autofetch': false,
  // The web workbench defaults to auto-saving a second after an edit (the desktop one does not): tests edit
  // buffers of examples/ and revert them, and a save in between would change the committed files.
  'files.autoSave': 'off',
};

/** The data folders of a run, as flags of VS Code's server (and of its CLI). */
function dataDirArgs(runDir) {
  return [
    '--server-data-dir', path.join(runDir, 'server-data'),
    '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions'),
  ];
}

/**
 * Installs a VSIX into a run's extensions folder with the server's own CLI (`--install-extension`), the way a
 * user installs one into a remote VS Code; a server started on `runDir` afterwards loads it like any installed
 * extension. Returns the folder it was unpacked to.
 * @param {{ env: ReturnType<typeof import('./env.mjs').vscodeEnvPaths>, runDir: string, vsix: string }} o
 */
export function installExtension(o) {
  const extensions = path.join(o.runDir, 'extensions');
  mkdirSync(extensions, { recursive: true });
  const r = spawnSync(o.env.nodeBin, [o.env.serverMain, '--install-extension', o.vsix, '--accept-server-license-terms', ...dataDirArgs(o.runDir)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  const installed = readdirSync(extensions).filter((d) => !d.startsWith('.') && d !== 'extensions.json');
  if (r.status !== 0 || installed.length !== 1) {
    throw new Error(`installing ${o.vsix} failed (exit ${r.status ?? r.error?.message}; installed: ${installed.join(', ') || 'nothing'}):\n${output}`);
  }
  return path.join(extensions, installed[0]);
}

/**
 * @param {{
 *   env: ReturnType<typeof import('./env.mjs').vscodeEnvPaths>,
 *   runDir: string,              // fresh per run: server data, user data, extensions, server.log
 *   smokeTestDriver: boolean,    // honour extensionDevelopmentPath/extensionTestsPath from the page URL
 *   disableWorkspaceTrust: boolean,
 *   extraEnv?: Record<string, string>, // inherited by the extension host (and so by the tests)
 *   startTimeoutMs?: number,
 * }} opts
 * @returns {Promise<{ port: number, pid: number, log: string, stop: () => Promise<number[]> }>}
 */
export async function startVSCodeServer(opts) {
  const { env, runDir } = opts;
  for (const d of ['server-data', 'user-data/Machine', 'extensions']) mkdirSync(path.join(runDir, d), { recursive: true });
  writeFileSync(path.join(runDir, 'user-data', 'Machine', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2) + '\n');
  const args = [
    env.serverMain,
    '--host', '127.0.0.1',
    '--port', '0',
    // Loopback only, and every run uses a fresh data dir; a connection token would only have to be threaded
    // through the URL.
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    ...dataDirArgs(runDir),
    // A closed page should free the extension host quickly rather than wait for a reconnect (default 3 h).
    '--reconnection-grace-time', '10',
  ];
  // The key flag: without it a built web workbench silently ignores the test paths in its ?payload= parameter.
  if (opts.smokeTestDriver) args.push('--enable-smoke-test-driver');
  if (opts.disableWorkspaceTrust) args.push('--disable-workspace-trust');

  const log = path.join(runDir, 'server.log');
  const logStream = createWriteStream(log);
  const child = spawn(env.nodeBin, args, {
    cwd: runDir,
    env: { ...process.env, ...opts.extraEnv, PATH: `${path.dirname(env.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${env.nodeBin}`);
  child.stderr.pipe(logStream);

  let stopped;
  const stop = () => (stopped ??= killTree(pid).finally(() => logStream.end()));
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(`VS Code server did not report its port within ${(opts.startTimeoutMs ?? 60000) / 1000} s`), opts.startTimeoutMs ?? 60000);
    const fail = (msg) => {
      clearTimeout(timer);
      stop().then(() => reject(new Error(`${msg}; server output:\n${seen.split('\n').slice(-30).join('\n')}\n(full log: ${log})`)));
    };
    child.stdout.on('data', (d) => {
      logStream.write(d);
      seen += d.toString('utf8');
      const m = /Extension host agent listening on (\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('error', (e) => fail(`VS Code server failed to start: ${e.message}`));
    child.on('exit', (code, signal) => fail(`VS Code server exited early (${signal ?? code})`));
  });
  return { port, pid, log, stop };
}
