// `npm run test:electron`: the same extension-host suite (test/integration) under @vscode/test-electron, for
// machines that can run a desktop VS Code. It downloads VS Code into .vscode-test/ unless VSCODE_EXECUTABLE
// names a local one (e.g. /usr/share/code/code). Offline machines and CI use `npm run test:vscode` instead.
// No screenshots here: helpers.screenshot() needs the browser runner's page.
//
// Usage: node test/run-electron.mjs [--suite main|empty|training] [--grep <text>]
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIntegrationTests } from '../scripts/vscode/build-tests.mjs';
import { repoRoot } from '../scripts/vscode/env.mjs';
import { SUITES } from '../scripts/vscode/suites.mjs';
import { folderChanges, snapshotFolder } from '../scripts/vscode/workspace-guard.mjs';

const { values: args } = parseArgs({ options: { suite: { type: 'string', multiple: true }, grep: { type: 'string' } } });
const extensionTestsPath = await buildIntegrationTests();
let failed = 0;
for (const suite of args.suite ?? Object.keys(SUITES)) {
  const folder = SUITES[suite];
  if (!folder) throw new Error(`unknown suite ${suite} (known: ${Object.keys(SUITES).join(', ')})`);
  const userData = mkdtempSync(path.join(os.tmpdir(), `synthlint-electron-${suite}-`)); // fresh profile per window
  console.log(`[test:electron] ${suite}: VS Code on ${path.relative(repoRoot, folder)}/`);
  const workspaceBefore = snapshotFolder(folder);
  try {
    const code = await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { SYNTHLINT_SUITE: suite, ...(args.grep ? { SYNTHLINT_GREP: args.grep } : {}) },
      // --disable-extensions keeps the user's other extensions out; the development extension still loads.
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
    });
    if (code !== 0) failed = code;
  } catch (e) {
    console.error(`[test:electron] ${suite} failed: ${e instanceof Error ? e.message : String(e)}`);
    failed = 1;
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
  const changes = folderChanges(workspaceBefore, snapshotFolder(folder));
  if (changes.length > 0) {
    console.error(`[test:electron] ${suite} changed files of its workspace (tests must revert their edits; restore with git):\n  ${changes.join('\n  ')}`);
    failed ||= 1;
  }
}
process.exit(failed);
