// Diagnostics in a real editor: the server's findings for an example manifest reach the Problems panel with
// the rule id as the code (linked to its docs page), the severity and the exact range.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openInEditor, synthlintApi, waitForDiagnostics } from './helpers';

describe('diagnostics', () => {
  it('shows every finding of broken/typo.dataset.yaml with its rule code, docs link and exact range', async () => {
    await synthlintApi();
    const doc = await openInEditor('broken/typo.dataset.yaml');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.length >= 5);
    assert.deepEqual(diagnostics.map(codeOf).sort(), ['generator-missing', 'manifest-invalid', 'manifest-invalid', 'provenance-missing', 'source-missing']);
    const typo = diagnostics.find((d) => d.message.includes("'orign'"));
    assert.ok(typo);
    assert.equal(doc.getText(typo.range), 'orign');
    assert.deepEqual([typo.range.start.line, typo.range.start.character, typo.range.end.character], [5, 4, 9]);
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(typeof typo.code === 'object' ? typo.code.target.toString() : '', 'https://github.com/synthlint/synthlint/blob/main/docs/rules/manifest-invalid.md');
    const missing = diagnostics.find((d) => codeOf(d) === 'source-missing');
    assert.equal(doc.getText(missing?.range), 'data/summaries/*.jsonl');
    assert.equal(missing?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('leaves files the config ignores alone (archive/** in examples/.synthlint.yaml)', async () => {
    const api = await synthlintApi();
    await api.whenIdle();
    const doc = await openInEditor('archive/chat-v1.dataset.yaml');
    await api.whenIdle();
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'synthlint'), []);
  });
});
