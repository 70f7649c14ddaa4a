import * as vscode from 'vscode';
import type { ManifestStatus } from '../protocol';
import { statusTooltip } from './status-text';

/**
 * The status bar item for the active editor's manifest: `$(beaker) 62% synthetic  $(error) 1 $(warning) 3`,
 * a spinner while its data is analyzed, hidden for anything that is not a manifest. The server pushes each
 * manifest's status (`synthlint/didChangeStatus`); this keeps the latest per file.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('synthlint.status', vscode.StatusBarAlignment.Left, 50);
  private readonly byFile = new Map<string, ManifestStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private visible = false;

  constructor() {
    this.item.name = 'synthlint';
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  update(status: ManifestStatus): void {
    this.byFile.set(vscode.Uri.parse(status.uri).fsPath, status);
    this.render();
  }

  remove(uri: string): void {
    this.byFile.delete(vscode.Uri.parse(uri).fsPath);
    this.render();
  }

  /** Forget everything (the server restarted and will report afresh). */
  clear(): void {
    this.byFile.clear();
    this.render();
  }

  get text(): string {
    return this.visible ? this.item.text : '';
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc && doc.uri.scheme === 'file' ? this.byFile.get(doc.uri.fsPath) : undefined;
    if (!doc || !status) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const icon = status.analyzing ? '$(sync~spin)' : '$(beaker)';
    this.item.text = `${icon} ${status.syntheticShare?.short ?? 'synthlint'}  $(error) ${status.errors} $(warning) ${status.warnings}`;
    this.item.tooltip = statusTooltip(status);
    this.item.command = { title: 'Open report', command: 'synthlint.openReport', arguments: [doc.uri] };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
