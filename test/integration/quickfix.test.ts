// A quick fix through the editor's own code-action machinery: the action comes back from
// vscode.executeCodeActionProvider, workspace.applyEdit applies it to the buffer, and its problem goes.
// Only the buffer changes; the file is reverted at the end so examples/ stays as committed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, synthlintApi, waitForDiagnostics } from './helpers';

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('quick fixes', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('"Declare origin: human" removes provenance-missing', async () => {
    await synthlintApi();
    const doc = await openInEditor('broken/typo.dataset.yaml');
    const before = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'provenance-missing'));
    const problem = before.find((d) => codeOf(d) === 'provenance-missing')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, problem.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable provenance-missing for this line'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Declare origin: human');
    assert.ok(fix?.edit, `no "Declare origin: human" among ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /- id: notes\n\s+origin: human/);
    await waitForDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'provenance-missing'));
  });

  it('"Disable … for this line" adds the inline directive and the problem goes', async () => {
    await synthlintApi();
    const doc = await openInEditor('broken/typo.dataset.yaml');
    const before = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'generator-missing'));
    const problem = before.find((d) => codeOf(d) === 'generator-missing')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, problem.range);
    const disable = actions.find((a) => a.title === 'Disable generator-missing for this line');
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.match(doc.getText(), /\n {4}# synthlint-disable-next-line generator-missing\n {4}origin: synthetic/);
    await waitForDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'generator-missing'));
  });
});
