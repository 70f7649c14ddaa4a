// Hover in a real editor: a source of a manifest shows what the provenance model reads in its data (the
// "Reads as" line), next to its declared origin, once the server has profiled the data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openInEditor, synthlintApi, waitFor, waitForDiagnostics } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('hover', () => {
  it("shows the provenance line of a source's data: chat-v2's answers read as too few records to tell", async () => {
    await synthlintApi();
    const doc = await openInEditor('chat-v2/chat.dataset.yaml');
    // The data rules' findings on answers mean its data has been profiled.
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'template-collapse'), 60_000);
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === '- id: answers');
    assert.ok(line >= 0, 'no answers source in chat-v2/chat.dataset.yaml');
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('answers') + 2);
    const text = await waitFor(
      'a hover with the Reads as line on the answers source',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
        const t = hoverText(hovers ?? []);
        return t.includes('Reads as') ? t : undefined;
      },
      30_000,
    );
    assert.match(text, /\*\*answers\*\* — synthetic/);
    // 36 prose records: under the model's 50-record minimum, so no verdict, and the hover says so rather than guess.
    assert.match(text, /^Reads as too few prose records to tell: 36 prose records \(provenance score\)$/m);
  });

  it('shows a verdict with its score and interval on a source big enough: croissant drafts', async () => {
    await synthlintApi();
    const doc = await openInEditor('croissant/croissant.json');
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'template-collapse'), 60_000);
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === '"@id": "drafts",');
    assert.ok(line >= 0, 'no drafts record set in croissant/croissant.json');
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('drafts') + 2);
    const text = await waitFor(
      'a hover with the Reads as line on the drafts source',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
        const t = hoverText(hovers ?? []);
        return t.includes('Reads as') ? t : undefined;
      },
      30_000,
    );
    assert.match(text, /^Reads as (machine-written|uncertain|human-written) \d\.\d\d \[\d\.\d\d–\d\.\d\d\] \(provenance score of 50 prose records, 95% interval\)$/m);
  });
});
