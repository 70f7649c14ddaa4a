// A quick fix through the editor's own code-action machinery: the action comes back from
// vscode.executeCodeActionProvider, workspace.applyEdit applies it to the buffer, and its problem goes.
// Only the buffer changes; each test reverts it, so examples/ stays as committed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openInEditor, revertEdits, synthlintApi, waitForDiagnostics } from './helpers';

describe('quick fixes', () => {
  let doc: vscode.TextDocument | undefined;
  afterEach(async () => {
    if (doc) await revertEdits(doc);
    doc = undefined;
  });

  it('"Declare origin: human" removes provenance-missing', async () => {
    await synthlintApi();
    doc = await openInEditor('broken/typo.dataset.yaml');
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
    doc = await openInEditor('broken/typo.dataset.yaml');
    const before = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'generator-missing'));
    const problem = before.find((d) => codeOf(d) === 'generator-missing')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, problem.range);
    const disable = actions.find((a) => a.title === 'Disable generator-missing for this line');
    assert.ok(disable?.edit, `no "Disable generator-missing for this line" among ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.match(doc.getText(), /\n {4}# synthlint-disable-next-line generator-missing\n {4}origin: synthetic/);
    await waitForDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'generator-missing'));
  });

  it('are offered for the text as it is now, also right after an edit (before the debounced lint)', async () => {
    const api = await synthlintApi();
    doc = await openInEditor('broken/typo.dataset.yaml');
    await api.whenIdle();
    const before = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'generator-missing'));
    const problem = before.find((d) => codeOf(d) === 'generator-missing')!;
    // A comment line above every source moves the problem down one line; ask at once, as a user pressing Ctrl+. would.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(2, 0), '# moved\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = new vscode.Range(problem.range.start.translate(1), problem.range.end.translate(1));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, moved);
    const disable = actions.find((a) => a.title === 'Disable generator-missing for this line');
    assert.ok(disable?.edit, `no "Disable generator-missing for this line" right after an edit; got ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    const [change] = disable.edit.get(doc.uri);
    assert.equal(change?.range.start.line, moved.start.line, 'the directive goes above the line the problem is on now');
  });
});
