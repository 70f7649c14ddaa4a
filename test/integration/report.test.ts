// The report panel: "synthlint: Open Report" opens a webview beside the manifest, and its script draws the report.
// The webview posts `rendered` with what it counted in its own DOM once it is done (media/report.ts), so this
// checks the page a user sees, not only the HTML the extension handed over.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, screenshot, synthlintApi, synthlintDiagnostics, waitFor } from './helpers';

describe('report panel', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens beside chat-v2 and its script renders the sources, findings, charts and lineage', async () => {
    const api = await synthlintApi();
    const doc = await openInEditor('chat-v2/chat.dataset.yaml');
    await api.whenIdle();
    await vscode.commands.executeCommand('synthlint.openReport', doc.uri);
    const panel = await waitFor('the report webview to post that it rendered', () => {
      const p = api.reportPanel();
      return p?.rendered ? { ...p, rendered: p.rendered } : undefined;
    }, 30_000);
    assert.equal(panel.title, 'Report: support-chat');
    const { rendered } = panel;
    assert.equal(rendered.title, 'support-chat');
    // tickets, drafts, answers, legacy
    assert.equal(rendered.sourceRows, 4);
    // Every problem the Problems panel lists for the manifest has its link in the report.
    assert.equal(rendered.findingLinks, synthlintDiagnostics(doc.uri).length);
    assert.ok(rendered.findingLinks > 0, 'chat-v2 has findings; the report lists none');
    assert.ok(rendered.charts >= 1, `no chart was drawn: ${JSON.stringify(rendered)}`);
    // The four sources, the two generator models.
    assert.ok(rendered.lineageNodes >= 6, `lineage graph: ${JSON.stringify(rendered)}`);
    await screenshot('report-chat-v2', 1500);
  });
});
