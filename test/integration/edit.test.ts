// Live linting: an edit to the buffer (not saved) is linted as typed; reverting brings the old state back.
import * as vscode from 'vscode';
import { codeOf, openInEditor, recordFigure, revertEdits, synthlintApi, waitForDiagnostics } from './helpers';

describe('editing a manifest', () => {
  let doc: vscode.TextDocument | undefined;
  after(async () => {
    if (doc) await revertEdits(doc);
  });

  it('a new problem appears as soon as the text has it, and goes when the text is restored', async () => {
    const api = await synthlintApi();
    doc = await openInEditor('clean/support.dataset.yaml');
    await api.whenIdle();
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'provenance-missing'));
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === 'origin: human');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, doc.lineAt(line).rangeIncludingLineBreak);
    const editedAt = performance.now();
    await vscode.workspace.applyEdit(edit);
    const after = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'provenance-missing'));
    // Keystroke to Problems panel, debounce included: quoted by `npm run bench`, never asserted on.
    recordFigure('editToDiagnosticsMs', performance.now() - editedAt);
    const problem = after.find((x) => codeOf(x) === 'provenance-missing')!;
    // It points at the source that lost its origin: `tickets`, the first source.
    if (!doc.lineAt(problem.range.start.line).text.includes('tickets')) throw new Error(`unexpected range ${JSON.stringify(problem.range)}`);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'provenance-missing'));
  });
});
