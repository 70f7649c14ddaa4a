// `npm run test:vscode`: runs test/integration in a real VS Code extension host, offline.
// VS Code's server (from the cached code-server npm package, scripts/vscode/env.mjs) runs the extension host on
// Node 24; headless Debian Chromium (test/vscode/driver.mjs) loads the workbench, which runs the suite with the
// repo as the development extension. One window per suite (scripts/vscode/suites.mjs: `main` on examples/, `empty`
// on a workspace without manifests, `training` on real recipes; activation is decided once per window). With --vsix the suites run against the packaged extension
// instead: `npm run package` builds the VSIX, the server's CLI installs it (--install-extension) and the window
// loads it as an installed extension, with no development folder. How it works, the cache and timings:
// docs/testing.md.
//
// Usage: node scripts/test-vscode.mjs [--suite main|empty|training] [--vsix] [--grep <text>] [--verbose] [--keep]
// Env:   SYNTHLINT_VSCODE_TIMEOUT_MS (per suite, default 300000), CHROMIUM (default /usr/bin/chromium),
//        SYNTHLINT_EXTENSION_DIR (test another build of the extension instead of the repo root),
//        SYNTHLINT_VSIX (with --vsix: install this VSIX instead of building one).
// Exit:  0 all passed; 1 a test failed; 124 a suite timed out; 2 the environment could not be set up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSuiteInBrowser } from '../test/vscode/driver.mjs';
import { defaultVsixPath } from './package.mjs';
import { ensureSystemPackages } from './system-packages.mjs';
import { buildIntegrationTests } from './vscode/build-tests.mjs';
import { cacheRoot, ensureVSCodeEnv, repoRoot } from './vscode/env.mjs';
import { installExtension, startVSCodeServer } from './vscode/server.mjs';
import { SUITES } from './vscode/suites.mjs';
import { folderChanges, snapshotFolder } from './vscode/workspace-guard.mjs';

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string', multiple: true },
    grep: { type: 'string' },
    vsix: { type: 'boolean', default: false }, // test the installed VSIX, not the development folder
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false }, // keep the run folders (server logs, user data) even on success
  },
});
const say = (line) => console.log(`[test:vscode] ${line}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main() {
  const t0 = Date.now();
  const suites = args.suite ?? Object.keys(SUITES);
  const unknown = suites.filter((s) => !(s in SUITES));
  if (unknown.length) throw new SetupError(`unknown suite ${unknown.join(', ')} (known: ${Object.keys(SUITES).join(', ')})`);

  const extensionPath = path.resolve(process.env.SYNTHLINT_EXTENSION_DIR ?? repoRoot);
  if (!args.vsix && !existsSync(path.join(extensionPath, 'dist', 'extension.js'))) {
    throw new SetupError(`${path.join(extensionPath, 'dist', 'extension.js')} is missing: run \`npm run build\` first (npm test does)`);
  }
  // Before anything is downloaded: install what is missing, or stop at once with the command to run.
  try {
    ensureSystemPackages({ log: (l) => say(l) });
  } catch (e) {
    throw new SetupError(e.message);
  }
  const testsPath = await buildIntegrationTests();
  const env = await ensureVSCodeEnv({ log: (l) => say(l) });
  const vsix = args.vsix ? packageVsix() : undefined;
  say(`setup ${seconds(t0)}`);

  // A --vsix run keeps its artefacts apart, so it does not wipe those of the development run before it.
  const resultsDir = path.join(repoRoot, 'test-results', ...(vsix ? ['vsix'] : []));
  rmSync(resultsDir, { recursive: true, force: true }); // artefacts always belong to the latest run
  mkdirSync(resultsDir, { recursive: true });

  const results = [];
  for (const suite of suites) results.push(await runSuite(suite, { env, extensionPath, vsix, testsPath, resultsDir }));

  console.log('');
  for (const r of results) say(`${r.suite.padEnd(6)} ${r.code === 0 ? 'passed' : r.timedOut ? 'TIMED OUT' : r.changed ? 'CHANGED ITS WORKSPACE' : 'FAILED'} in ${r.time}`);
  say(`total ${seconds(t0)}; screenshots and logs in ${path.relative(process.cwd(), resultsDir) || '.'}/`);
  const failed = results.find((r) => r.code !== 0);
  return failed ? failed.code : 0;
}

/** The VSIX to install: SYNTHLINT_VSIX, or one built now by scripts/package.mjs (production bundles). */
function packageVsix() {
  if (process.env.SYNTHLINT_VSIX) return path.resolve(process.env.SYNTHLINT_VSIX);
  const t = Date.now();
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new SetupError(`npm run package failed (exit ${r.status}); its output is above`);
  say(`packaged ${path.relative(repoRoot, defaultVsixPath())} in ${seconds(t)}`);
  return defaultVsixPath();
}

/** A development extension that contributes nothing (no `main`), so that the test runner starts. */
function emptyDevelopmentExtension(runDir) {
  const dir = path.join(runDir, 'test-runner-extension');
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'test-runner', publisher: 'synthlint-tests', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

async function runSuite(suite, { env, extensionPath, vsix, testsPath, resultsDir }) {
  const t = Date.now();
  const runDir = path.join(cacheRoot, 'runs', `${suite}-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  const workspaceBefore = snapshotFolder(SUITES[suite]);
  console.log('');
  // With --vsix the extension under test is the VSIX installed here. The workbench runs extensionTestsPath only
  // in extension-development mode, so the window gets an empty development extension of another id beside it.
  const installedPath = vsix ? installExtension({ env, runDir, vsix }) : undefined;
  const developmentPath = installedPath ? emptyDevelopmentExtension(runDir) : extensionPath;
  const under = installedPath ? `${path.relative(repoRoot, vsix)} installed in ${path.relative(repoRoot, installedPath)}` : path.relative(repoRoot, extensionPath) || '(repo root)';
  say(`${suite}: VS Code on ${path.relative(repoRoot, SUITES[suite])}/, extension ${under}`);
  const server = await startVSCodeServer({
    env,
    runDir,
    smokeTestDriver: true,
    // No suite tests workspace-trust behaviour yet; trust prompts would only block the window.
    disableWorkspaceTrust: true,
    extraEnv: {
      SYNTHLINT_SUITE: suite,
      SYNTHLINT_SCREENSHOTS: '1',
      SYNTHLINT_TEST_RESULTS: resultsDir,
      // The extension test checks it runs from here (the development folder, or the installed VSIX).
      SYNTHLINT_EXPECTED_EXTENSION_PATH: installedPath ?? extensionPath,
      ...(installedPath ? { SYNTHLINT_FROM_VSIX: '1' } : {}),
      ...(args.grep ? { SYNTHLINT_GREP: args.grep } : {}),
    },
  });
  stopOnSignal = server.stop;
  let passed = false;
  let result;
  try {
    const r = await runSuiteInBrowser({
      port: server.port,
      folder: SUITES[suite],
      extensionPath: developmentPath,
      testsPath,
      outDir: resultsDir,
      label: suite,
      timeoutMs: Number(process.env.SYNTHLINT_VSCODE_TIMEOUT_MS ?? 300_000),
      verbose: args.verbose,
    });
    passed = r.code === 0;
    if (!passed) {
      say(`${suite}: failed (exit ${r.code}). Artefacts:`);
      if (r.failureShot) say(`  workbench at the end: ${path.relative(process.cwd(), r.failureShot)}`);
      say(`  workbench log:        ${path.relative(process.cwd(), r.fullLog)}`);
      say(`  server log and data:  ${path.relative(process.cwd(), runDir)}/ (kept)`);
    }
    result = { suite, code: r.code, timedOut: r.timedOut, changed: false, time: seconds(t) };
  } finally {
    await server.stop();
    stopOnSignal = undefined;
    // Keep a failed run's server data for its logs; a passed run's folder is only disk use.
    if (passed && !args.keep) rmSync(runDir, { recursive: true, force: true });
  }
  // After the server is gone, so a write on shutdown is caught too. Tests edit buffers only and revert them.
  const changes = folderChanges(workspaceBefore, snapshotFolder(SUITES[suite]));
  if (changes.length > 0) {
    say(`${suite}: the suite changed files of its workspace ${path.relative(repoRoot, SUITES[suite])}/ (tests must revert their edits; restore with git):`);
    for (const line of changes) say(`  ${line}`);
    return { ...result, code: result.code || 1, changed: true };
  }
  return result;
}

class SetupError extends Error {}
let stopOnSignal;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    say(`${sig}: stopping VS Code`);
    await stopOnSignal?.();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    await stopOnSignal?.();
    console.error(`[test:vscode] ${e instanceof SetupError ? '' : 'setup failed: '}${e.message}`);
    process.exit(2);
  },
);
