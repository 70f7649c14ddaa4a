/**
 * The report as a VS Code webview panel beside its manifest. The model comes from the language server
 * (`synthlint/report`) and is rendered by the same renderReportHtml as the CLI's HTML export, in webview mode:
 * the script and stylesheet are loaded through asWebviewUri from dist/ and media/ only (which is also what
 * makes it work in remote and code-server windows), under a CSP with a fresh nonce per render.
 * The panel writes nothing except the file the user picks in the Export save dialog.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderMessageHtml, renderReportHtml, type RenderOptions } from '../report/html';
import type { RenderedReport, ReportState, WebviewMessage } from '../report/messages';
import type { ReportModel } from '../report/types';
import { ReportRequest } from '../protocol';

export const REPORT_VIEW_TYPE = 'synthlint.report';

type ClientSource = () => Promise<LanguageClient | undefined>;

/** What the webview keeps with getState/setState, plus the manifest it shows (for the serializer). */
type PersistedState = Partial<ReportState> & { manifest?: string };

/** A server status notification can arrive per keystroke; re-render at most this often. */
const REFRESH_DELAY_MS = 300;

export class ReportPanel {
  private static readonly panels = new Map<string, ReportPanel>();
  private static lastActive: ReportPanel | undefined;

  private model: ReportModel | undefined;
  private html = '';
  /** What the webview's script reported drawing for the current HTML; undefined until it has. */
  private rendered: RenderedReport | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly manifest: vscode.Uri,
    private readonly client: ClientSource,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'report-icon.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) ReportPanel.lastActive = this;
      }),
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message)),
    );
    ReportPanel.panels.set(manifest.toString(), this);
    ReportPanel.lastActive = this;
  }

  /** Opens (or reveals and refreshes) the report of `manifest` beside the editor. */
  static async show(context: vscode.ExtensionContext, client: LanguageClient, manifest: vscode.Uri): Promise<void> {
    const existing = ReportPanel.panels.get(manifest.toString());
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await existing.refreshNow();
      return;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'synthlint report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extensionUri));
    await new ReportPanel(panel, context.extensionUri, manifest, async () => client).refreshNow();
  }

  /** Restores report panels after a reload; `client` resolves once the language server runs. */
  static register(context: vscode.ExtensionContext, client: ClientSource): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const manifest = (state as PersistedState | undefined)?.manifest;
        if (typeof manifest !== 'string') {
          panel.dispose();
          return;
        }
        await new ReportPanel(panel, context.extensionUri, vscode.Uri.file(manifest), client).refreshNow();
      },
    });
  }

  /** The server published a new status for `uri`: re-render its panel, if one is open (debounced). */
  static refresh(uri: string): void {
    ReportPanel.panels.get(vscode.Uri.parse(uri).toString())?.scheduleRefresh();
  }

  /** Re-render every open panel: after a server restart. */
  static refreshAll(): void {
    for (const panel of ReportPanel.panels.values()) panel.scheduleRefresh();
  }

  /** The most recently active panel's title, HTML and what its script drew, for the extension API and integration tests. */
  static snapshot(): { title: string; html: string; rendered?: RenderedReport } | undefined {
    const p = ReportPanel.lastActive;
    return p ? { title: p.panel.title, html: p.html, ...(p.rendered ? { rendered: p.rendered } : {}) } : undefined;
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow();
    }, REFRESH_DELAY_MS);
  }

  private async refreshNow(): Promise<void> {
    const client = await this.client();
    const model = client ? ((await client.sendRequest(ReportRequest, { uri: this.manifest.toString() })) as ReportModel | null) : null;
    const webview = this.panel.webview;
    const options: RenderOptions = {
      mode: 'webview',
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      webviewScript: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styles: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'report.css')).toString(),
    };
    if (model) {
      this.model = model;
      this.panel.title = `Report: ${model.title}`;
      this.html = renderReportHtml(model, options);
    } else {
      this.model = undefined;
      this.panel.title = 'synthlint report';
      this.html = renderMessageHtml(
        'No report yet',
        client
          ? `${this.manifest.fsPath} is not a manifest the synthlint server has linted. Open it, or check the synthlint.manifests setting.`
          : 'The synthlint language server is not running. Run "synthlint: Restart Server" and try again.',
        options,
      );
    }
    // Equal HTML would reload the webview for nothing and lose its scroll position.
    if (webview.html !== this.html) {
      this.rendered = undefined;
      webview.html = this.html;
    }
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    if (message.type === 'reveal') await this.reveal(message.file, message.range);
    else if (message.type === 'export') await this.export();
    else if (message.type === 'rendered') this.rendered = message.rendered;
  }

  /** Shows a range of the manifest (or of a file a finding points into); other paths are refused. */
  private async reveal(file: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    const model = this.model;
    if (!model) return;
    const known = file === model.manifest.file || model.findings.some((f) => f.file === file);
    if (!known) return;
    const uri = file === model.manifest.file ? this.manifest : vscode.Uri.file(file);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Export: the user picks a .html (self-contained, inline assets) or .json (the model) file to write. */
  private async export(): Promise<void> {
    const model = this.model;
    if (!model) return;
    const folder = vscode.workspace.getWorkspaceFolder(this.manifest)?.uri ?? vscode.Uri.joinPath(this.manifest, '..');
    const base = model.title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'synthlint';
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, `${base}.report.html`),
      filters: { 'HTML report': ['html'], 'JSON model': ['json'] },
      saveLabel: 'Export report',
      title: 'Export synthlint report',
    });
    if (!target) return;
    let content: string;
    if (target.path.toLowerCase().endsWith('.json')) {
      content = `${JSON.stringify(model, null, 2)}\n`;
    } else {
      const read = async (...parts: string[]): Promise<string> =>
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...parts)));
      content = renderReportHtml(model, {
        mode: 'file',
        nonce: randomBytes(16).toString('base64'),
        webviewScript: await read('dist', 'webview.js'),
        styles: await read('media', 'report.css'),
      });
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    void vscode.window.showInformationMessage(`synthlint: report exported to ${target.fsPath}`);
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    ReportPanel.panels.delete(this.manifest.toString());
    if (ReportPanel.lastActive === this) ReportPanel.lastActive = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}
