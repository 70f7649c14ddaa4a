// The synthlint.allowRead user setting in a real editor: a source naming a data file outside the workspace is
// refused (a finding at its entry) until the user's setting names that folder; then the file is analysed.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { openInEditor, revertEdits, synthlintApi, waitFor, waitForDiagnostics } from './helpers';

const refused = (d: vscode.Diagnostic[]) => d.some((x) => x.message.includes('outside the allowed folders'));

describe('synthlint.allowRead', () => {
  let doc: vscode.TextDocument | undefined;
  let outside = '';
  after(async () => {
    await vscode.workspace.getConfiguration('synthlint').update('allowRead', undefined, vscode.ConfigurationTarget.Global);
    if (doc) await revertEdits(doc);
    if (outside) rmSync(outside, { recursive: true, force: true });
  });

  it('refuses a data file outside the workspace until the setting names its folder, then reads it', async () => {
    outside = mkdtempSync(path.join(tmpdir(), 'synthlint-outside-'));
    const rows = Array.from({ length: 60 }, (_, i) => JSON.stringify({ text: `Reply ${i}: the refund for order ${1000 + i * 7} was sent on day ${i % 28}.` }));
    writeFileSync(path.join(outside, 'far.jsonl'), rows.join('\n'));
    await synthlintApi();
    doc = await openInEditor('clean/support.dataset.yaml');
    const source = ['  - id: far', `    files: [${JSON.stringify(path.join(outside, 'far.jsonl'))}]`, '    origin: human', ''].join('\n');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), source);
    await vscode.workspace.applyEdit(edit);
    const before = await waitForDiagnostics(doc.uri, refused, 60_000);
    const at = before.find((x) => x.message.includes('outside the allowed folders'))!;
    assert.ok(doc.lineAt(at.range.start.line).text.includes('far.jsonl'), `the finding is at the files entry, not line ${at.range.start.line + 1}`);

    await vscode.workspace.getConfiguration('synthlint').update('allowRead', [outside], vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, (d) => !refused(d), 60_000);
    // Its 60 records were read: the hover gives what the provenance model reads in them (a verdict needs 50).
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === '- id: far');
    const at2 = new vscode.Position(line, doc.lineAt(line).text.indexOf('far') + 1);
    const hover = await waitFor('a hover on far that reads its data', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc!.uri, at2);
      const text = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      return /^Reads as /m.test(text) ? text : undefined;
    }, 60_000);
    assert.doesNotMatch(hover, /too few prose records/);
  });
});
