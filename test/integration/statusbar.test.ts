// The status bar item: the active manifest's synthetic share and problem counts; hidden for other files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, screenshot, synthlintApi, waitFor, waitForDiagnostics } from './helpers';

describe('status bar', () => {
  it('shows the synthetic share and the error/warning counts of the active manifest', async () => {
    const api = await synthlintApi();
    const doc = await openInEditor('chat-v2/chat.dataset.yaml');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.length >= 4);
    await api.whenIdle();
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const text = await waitFor('the status text', () => {
      const t = api.statusText();
      return t.includes(`$(error) ${errors} $(warning) ${warnings}`) && t.startsWith('$(beaker)') ? t : undefined;
    });
    assert.match(text, /^\$\(beaker\) \d+% synthetic {2}\$\(error\) \d+ \$\(warning\) \d+$/);
    await screenshot('statusbar-chat-v2');
  });

  it('is hidden when the active editor is not a manifest', async () => {
    const api = await synthlintApi();
    await openInEditor('README.md');
    await waitFor('the status item to hide', () => api.statusText() === '');
    await openInEditor('broken/typo.dataset.yaml');
    await waitFor('the status item to come back', () => /\$\(error\) 3 \$\(warning\) 2$/.test(api.statusText()) && api.statusText());
  });
});
