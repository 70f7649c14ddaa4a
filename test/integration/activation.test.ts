// Activation on the example workspace (examples/): synthlint starts because the workspace holds dataset
// manifests (its `workspaceContains:` activation events), before any manifest is opened, and then lints an
// opened manifest. activation.empty.test.ts is the other half: no manifests, no activation.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { openInEditor, recordFigure, screenshot, synthlintExtension, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

describe('activation on a workspace with manifests', () => {
  it('declares workspace-driven activation only (no "*" or onStartupFinished)', () => {
    const events: string[] = synthlintExtension().packageJSON.activationEvents ?? [];
    assert.ok(events.some((e) => e.startsWith('workspaceContains:')), `activationEvents: ${JSON.stringify(events)}`);
    assert.deepEqual(events.filter((e) => e === '*' || e === 'onStartupFinished'), []);
  });

  it('is activated by the manifests in the workspace before any editor is opened', async () => {
    assert.equal(vscode.window.visibleTextEditors.length, 0, 'a document is already open: activation would not prove anything');
    const globs = (synthlintExtension().packageJSON.activationEvents as string[])
      .filter((e) => e.startsWith('workspaceContains:'))
      .map((e) => e.slice('workspaceContains:'.length));
    const matches = await vscode.workspace.findFiles(`{${globs.join(',')}}`, undefined, 5);
    assert.ok(matches.length > 0, `no file in ${workspaceFile('.').fsPath} matches ${globs.join(', ')}`);
    await waitFor('synthlint to activate', () => synthlintExtension().isActive, 30_000);
  });

  it('returns the automation API and its language server runs', async () => {
    const api = synthlintExtension().exports;
    assert.equal(typeof api.statusText, 'function');
    // activate() only wires things up; the figure goes to test-results/ for `npm run bench` to quote.
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0, `activationMs: ${api.activationMs}`);
    recordFigure('activationMs', api.activationMs);
    await waitFor('the language server to be running', () => api.serverState() === 'running', 30_000);
  });

  it('lints an opened manifest and shows it in the Problems panel', async () => {
    const doc = await openInEditor('chat-v2/chat.dataset.yaml');
    const diagnostics = await waitForDiagnostics(doc.uri);
    assert.ok(diagnostics.every((d) => d.source === 'synthlint'));
    await synthlintExtension().exports.whenIdle();
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('activation-problems-panel');
  });

  it('runs the extension under test: the development folder, or the VSIX installed into the server', function () {
    const expected = process.env.SYNTHLINT_EXPECTED_EXTENSION_PATH;
    if (!expected) this.skip(); // test:electron does not say which
    assert.equal(path.resolve(synthlintExtension().extensionPath), path.resolve(expected));
  });

  it('installed from the VSIX, it holds minified bundles and no sources, source maps or dependencies', function () {
    if (process.env.SYNTHLINT_FROM_VSIX !== '1') this.skip(); // only a --vsix run loads the packaged extension
    const root = synthlintExtension().extensionPath;
    const files = (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((d) => d.isFile())
      .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
    assert.deepEqual(files.filter((f) => /\.(map|ts)$/.test(f) || /^(src|test|docs|node_modules|scripts)\//.test(f)), []);
    for (const bundle of ['extension.js', 'server.js', 'worker.js', 'lint-worker.js', 'cli.js']) {
      const text = readFileSync(path.join(root, 'dist', bundle), 'utf8');
      assert.ok(!text.includes('sourceMappingURL'), `${bundle} points at a source map`);
      // esbuild names each module in a comment (`// src/…`) only in a development bundle.
      assert.ok(!/^\/\/ src\//m.test(text), `${bundle} names its modules: not minified`);
      // A development bundle averages ~40 characters a line; a minified one thousands (template literals keep their
      // lines). A bundle of a few kilobytes (the CLI's launcher) is too short for an average to mean it.
      const perLine = text.length / text.split('\n').length;
      assert.ok(text.length < 10_000 || perLine > 500, `${bundle} averages ${perLine.toFixed(0)} characters a line: not minified`);
    }
  });
});
