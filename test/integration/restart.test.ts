// "synthlint: Restart Server", and a crash: the server process is replaced and the diagnostics come back from the new one.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

  it('comes back by itself when the server process dies, and the manifest is linted again', async () => {
    const api = await synthlintApi();
    const doc = await openInEditor('broken/typo.dataset.yaml');
    await waitForDiagnostics(doc.uri, (d) => d.length >= 5);
    // The client forks dist/server.js from this extension host: kill it as a crash would.
    const serverPids = (): number[] =>
      execFileSync('pgrep', ['-P', String(process.pid), '-f', 'dist/server.js'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
    const [pid] = serverPids();
    assert.ok(pid, 'no language server process under the extension host');
    process.kill(pid, 'SIGKILL');
    await waitFor('a new server process', () => {
      try {
        return serverPids().some((p) => p !== pid);
      } catch {
        return false; // pgrep exits 1 while no server runs
      }
    }, 30_000);
    await waitFor('the server to run again', () => api.serverState() === 'running', 30_000);
    await api.whenIdle();
    const again = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.message.includes("'orign'")));
    assert.ok(again.length >= 5);
  });
});
