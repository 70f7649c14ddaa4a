import * as vscode from 'vscode';
import type { ManifestStatus } from '../protocol';

/** What would give the share a figure, by why it has none (core/ratios.ts ShareUnknownReason). */
const WHAT_WOULD_HELP: Record<NonNullable<NonNullable<ManifestStatus['syntheticShare']>['reason']>, string> = {
  'sizes-unknown': "Declare the sources' rows, or let the analyzer count local data.",
  'kinds-mixed': 'Write every weight in one kind: proportions of the mix, or fractions and counts of each dataset.',
  'origins-unknown': "State each source's origin (in the file, or a `datasets:` entry in .synthlint.yaml).",
};

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
    // The server words the share (core/ratios.ts), so the status bar says what the rule, CodeLens and report say.
    const share = status.syntheticShare;
    this.item.text = `${icon} ${share?.short ?? 'synthlint'}  $(error) ${status.errors} $(warning) ${status.warnings}`;
    this.item.tooltip = [
      share?.value !== undefined
        ? `Synthetic share: ${share.text}.`
        : share?.why !== undefined
          ? `Synthetic share unknown: ${share.why}.${share.reason === undefined ? '' : ` ${WHAT_WOULD_HELP[share.reason]}`}`
          : 'Synthetic share not measured: declare rows, tokens or weights, or let the analyzer measure the data.',
      status.analyzing ? 'Analyzing the data…' : '',
      'Click to open the report.',
    ]
      .filter((s) => s.length > 0)
      .join('\n');
    this.item.command = { title: 'Open report', command: 'synthlint.openReport', arguments: [doc.uri] };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
