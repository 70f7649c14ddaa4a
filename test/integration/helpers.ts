// Shared helpers for the suites that run inside the extension host (test/integration/*.test.ts).
// Assert on state the user would see (diagnostics, status bar text, panels), waiting for it with a deadline:
// the language server answers asynchronously, and a fixed sleep is either flaky or slow.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SynthlintApi } from '../../src/extension/api';

export const EXTENSION_ID = 'synthlint.synthlint';

/** The workspace folder the suite was opened on (examples/ for the main suite). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder open');
  return folder.uri.fsPath;
}

/** A file of the workspace by its path relative to the workspace root, e.g. 'chat-v2/chat.dataset.yaml'. */
export function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

export function synthlintExtension(): vscode.Extension<SynthlintApi> {
  const ext = vscode.extensions.getExtension<SynthlintApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

/** The extension's automation API (activate() result), activating the extension if needed. */
export async function synthlintApi(): Promise<SynthlintApi> {
  const ext = synthlintExtension();
  return ext.isActive ? ext.exports : ext.activate();
}

/**
 * Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs` with a
 * message naming what was awaited and, when `seen` is given, what there was instead, so a timeout reads as a
 * finding rather than a hang.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  seen?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? `; seen instead: ${seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** synthlint's diagnostics for a document (other extensions', e.g. the YAML schema's, are left out). */
export function synthlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'synthlint');
}

/**
 * Waits until synthlint's diagnostics for `uri` satisfy `accept` (default: there is at least one) and returns
 * them. On timeout the message lists what was there, which is usually the whole story of the failure.
 */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(`synthlint diagnostics on ${vscode.workspace.asRelativePath(uri)}`, () => {
      const d = synthlintDiagnostics(uri);
      return accept(d) ? d : undefined;
    }, timeoutMs);
  } catch (e) {
    const seen = synthlintDiagnostics(uri).map(describeDiagnostic);
    throw new Error(`${(e as Error).message}; last seen: ${seen.length ? `\n  ${seen.join('\n  ')}` : 'none'}`);
  }
}

/** The rule id a diagnostic carries (its code; the code's target is the rule's docs page). */
export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** `code @line:col message` with 1-based positions, as the Problems panel shows them. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  return `${codeOf(d)} @${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;
}

/** Opens a workspace file in an editor and returns its document. */
export async function openInEditor(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/**
 * Throws away the unsaved edits a test made to `doc` and waits until the server has linted the restored text, so
 * the next test starts from the committed file and its findings. Tests edit buffers of examples/, never the files
 * (the runner also fails the run if a file of the workspace changed).
 */
export async function revertEdits(doc: vscode.TextDocument): Promise<void> {
  if (doc.isDirty) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  assert.equal(doc.isDirty, false, `${vscode.workspace.asRelativePath(doc.uri)} still has unsaved edits after the revert`);
  await (await synthlintApi()).whenIdle();
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/**
 * Adds a measured figure to test-results/editor-figures.json (where the runner put its artefacts), for
 * `npm run bench` to quote. Figures are reported, never asserted: a timed test would only be flaky.
 */
export function recordFigure(name: string, value: number): void {
  const dir = process.env.SYNTHLINT_TEST_RESULTS;
  if (!dir) return;
  const file = path.join(dir, 'editor-figures.json');
  const figures = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
  writeFileSync(file, `${JSON.stringify({ ...figures, [name]: Math.round(value * 10) / 10 }, null, 2)}\n`);
}

/**
 * Asks the browser runner for a screenshot of the whole workbench, saved as test-results/<name>.png, and
 * waits until it is written. The runner watches the extension host's console for the `__SCREENSHOT__` marker
 * (it exports SYNTHLINT_SCREENSHOTS=1 and SYNTHLINT_TEST_RESULTS to the host). Under @vscode/test-electron
 * there is no page to capture, so this returns undefined. Pictures only: never a substitute for asserting state.
 */
export async function screenshot(name: string, settleMs = 1000): Promise<string | undefined> {
  const dir = process.env.SYNTHLINT_TEST_RESULTS;
  if (process.env.SYNTHLINT_SCREENSHOTS !== '1' || !dir) return undefined;
  const file = path.join(dir, `${slug(name)}.png`);
  // State the extension host already has (diagnostics, a panel's HTML) reaches the renderer over a separate
  // channel, and views such as Problems repaint on a throttle: give the picture a moment to catch up.
  await new Promise((r) => setTimeout(r, settleMs));
  console.log(`__SCREENSHOT__ ${file}`);
  await waitFor(`screenshot ${file}`, () => existsSync(file), 15_000);
  return file;
}
