// Runs (SYNTHLINT_SUITE=empty) on test/fixtures/workspaces/no-manifests: data files and notes but no dataset
// manifest and no synthlint config. synthlint must stay inactive there: an extension that starts a language
// server in every window costs every VS Code user memory and start-up time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { synthlintExtension, workspaceRoot } from './helpers';

describe('activation on a workspace without manifests', () => {
  it('is installed in this window (so "inactive" below is not vacuous)', () => {
    assert.equal(synthlintExtension().id, 'synthlint.synthlint');
  });

  it('finds no file its workspaceContains: events match (the fixture is what it claims)', async () => {
    const globs = (synthlintExtension().packageJSON.activationEvents as string[])
      .filter((e) => e.startsWith('workspaceContains:'))
      .map((e) => e.slice('workspaceContains:'.length));
    assert.deepEqual(await vscode.workspace.findFiles(`{${globs.join(',')}}`), [], `in ${workspaceRoot()}`);
  });

  it('stays inactive after the workbench has settled, also with a non-manifest file open', async () => {
    // Tests start after VS Code has evaluated the eager (workspaceContains) activation events; the extra
    // seconds cover onStartupFinished and anything triggered by opening an ordinary file.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(`${workspaceRoot()}/notes.yaml`));
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(synthlintExtension().isActive, false, 'synthlint activated in a workspace without manifests');
  });
});
