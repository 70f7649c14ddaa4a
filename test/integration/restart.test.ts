// "synthlint: Restart Server": the server process is replaced and the diagnostics come back from the new one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, synthlintApi, waitFor, waitForDiagnostics } from './helpers';

describe('restarting the server', () => {
  it('restarts on command and the open manifest is linted again', async () => {
    const api = await synthlintApi();
    const doc = await openInEditor('broken/typo.dataset.yaml');
    await waitForDiagnostics(doc.uri, (d) => d.length >= 5);
    const restarted = vscode.commands.executeCommand('synthlint.restartServer');
    // Stopping the old client clears its diagnostics; they must come back from the new server.
    await waitFor('the old diagnostics to be cleared', () => vscode.languages.getDiagnostics(doc.uri).every((d) => d.source !== 'synthlint'));
    await restarted;
    await waitFor('the server to run again', () => api.serverState() === 'running');
    const again = await waitForDiagnostics(doc.uri, (d) => d.length >= 5);
    assert.ok(again.some((d) => d.message.includes("'orign'")));
  });
});
