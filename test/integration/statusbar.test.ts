// The status bar item: the active manifest's synthetic share and problem counts; hidden for other files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, screenshot, synthlintApi, synthlintDiagnostics, waitFor, waitForDiagnostics } from './helpers';

/** The counts part of the status text for what the Problems panel lists for `uri` now. */
function countsOf(uri: vscode.Uri): string {
  const diagnostics = synthlintDiagnostics(uri);
  const count = (severity: vscode.DiagnosticSeverity): number => diagnostics.filter((d) => d.severity === severity).length;
  return `$(error) ${count(vscode.DiagnosticSeverity.Error)} $(warning) ${count(vscode.DiagnosticSeverity.Warning)}`;
}

describe('status bar', () => {
  it('shows the synthetic share and the error/warning counts of the active manifest', async () => {
    const api = await synthlintApi();
    const doc = await openInEditor('chat-v2/chat.dataset.yaml');
    await waitForDiagnostics(doc.uri, (d) => d.length >= 4);
    // The data analysis adds findings after the manifest rules: compare once both are in.
    await api.whenIdle();
    const text = await waitFor(
      'the status text to count what the Problems panel lists',
      () => {
        const t = api.statusText();
        return t.startsWith('$(beaker)') && t.endsWith(countsOf(doc.uri)) ? t : undefined;
      },
      20_000,
      () => `status '${api.statusText()}', Problems panel '${countsOf(doc.uri)}'`,
    );
    assert.match(text, /^\$\(beaker\) (≥ )?\d+(\.\d)?% synthetic {2}\$\(error\) \d+ \$\(warning\) \d+$/);
    await screenshot('statusbar-chat-v2');
  });

  it('is hidden when the active editor is not a manifest', async () => {
    const api = await synthlintApi();
    await openInEditor('README.md');
    await waitFor('the status item to hide', () => api.statusText() === '', 20_000, () => `'${api.statusText()}'`);
    await openInEditor('broken/typo.dataset.yaml');
    await waitFor('the status item to come back', () => /\$\(error\) 3 \$\(warning\) 2$/.test(api.statusText()) && api.statusText(), 20_000, () => `'${api.statusText()}'`);
  });
});
