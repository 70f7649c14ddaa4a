// Entry point the extension host loads as `extensionTestsPath` (both runners: scripts/test-vscode.mjs and
// test/run-electron.mjs). It runs the test files built beside it for one workspace:
//   SYNTHLINT_SUITE=main  (default) every plain *.test.js, opened on examples/;
//   SYNTHLINT_SUITE=<x>   every *.<x>.test.js, opened on that suite's folder (scripts/vscode/suites.mjs): `empty`
//   has no manifests (activation must not happen), `training` only training configs with ordinary names.
// Each suite is its own VS Code run because activation is decided once per window.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { screenshot, slug } from './helpers';

/** The suite a built test file belongs to: `x` for *.x.test.js, `main` for a plain *.test.js. */
function suiteOf(file: string): string | undefined {
  const match = /^[^.]+\.(?:([\w-]+)\.)?test\.js$/.exec(file);
  return match ? (match[1] ?? 'main') : undefined;
}

export function run(): Promise<void> {
  // The test files are bundled with inline source maps: failures then point at the .ts lines.
  process.setSourceMapsEnabled(true);
  const suite = process.env.SYNTHLINT_SUITE ?? 'main';
  const mocha = new Mocha({
    ui: 'bdd',
    color: false, // the output travels through the workbench's log channel, where escapes are noise
    timeout: 60_000, // the first test pays for the language server's start on a 2-core CI machine
    reporter: 'spec',
    ...(process.env.SYNTHLINT_GREP ? { grep: process.env.SYNTHLINT_GREP } : {}),
  });
  // Tests edit manifests of examples/ in their buffers and revert them; with auto-save on, a save in between
  // would change the committed files (the browser runner's workspace check would then fail the run afterwards).
  mocha.suite.beforeAll(() => {
    const autoSave = vscode.workspace.getConfiguration('files').get<string>('autoSave');
    if (autoSave !== 'off') throw new Error(`files.autoSave is '${autoSave}' in the test window: turn it off (scripts/vscode/server.mjs QUIET_SETTINGS)`);
  });
  // On failure keep a picture of the workbench as the test left it (only under the browser runner).
  mocha.suite.afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed') await screenshot(`failed-${suite}-${slug(test.fullTitle())}`);
  });
  const files = readdirSync(__dirname)
    .filter((f) => suiteOf(f) === suite)
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no test files for suite '${suite}' in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed in the ${suite} suite`)) : resolve()));
  });
}
