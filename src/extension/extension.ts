import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  AnalyzeRequest,
  ClearCacheRequest,
  DidChangeStatusNotification,
  DidRemoveStatusNotification,
  IdleRequest,
  type ManifestStatus,
  type UriParams,
} from '../protocol';
import type { SynthlintApi } from './api';
import { createClient } from './client';
import { ReportPanel } from './report-panel';
import { StatusBar } from './status-bar';
import { registerCheckTasks } from './tasks';

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;

/**
 * Activation does no work of its own: it creates the client, status bar and commands, and starts the server
 * without waiting for it (activation stays far under VS Code's budget; the server lints in the background).
 */
export function activate(context: vscode.ExtensionContext): SynthlintApi {
  const activationStart = performance.now();
  const output = vscode.window.createOutputChannel('synthlint', { log: true });
  const statusBar = new StatusBar();
  context.subscriptions.push(output, statusBar);

  const start = (): Promise<void> => {
    const c = createClient(context, output);
    client = c;
    // A crashed server restarted by the client reports every manifest afresh; drop what the old one said.
    c.onDidChangeState((e) => {
      if (e.newState === State.Starting) statusBar.clear();
    });
    c.onNotification(DidChangeStatusNotification, (status: ManifestStatus) => {
      statusBar.update(status);
      ReportPanel.refresh(status.uri);
    });
    c.onNotification(DidRemoveStatusNotification, (params: UriParams) => statusBar.remove(params.uri));
    starting = c.start().then(
      () => ReportPanel.refreshAll(),
      (error: unknown) => output.error(`The language server failed to start: ${error instanceof Error ? error.message : String(error)}`),
    );
    return starting;
  };
  const restart = async (): Promise<void> => {
    const old = client;
    client = undefined;
    statusBar.clear();
    if (old) await old.dispose().catch(() => undefined);
    output.info('Restarting the language server.');
    await start();
  };
  const running = async (): Promise<LanguageClient | undefined> => {
    await starting;
    return client?.state === State.Running ? client : undefined;
  };

  context.subscriptions.push(
    ReportPanel.register(context, running),
    registerCheckTasks(context),
    vscode.commands.registerCommand('synthlint.analyzeWorkspace', async () => {
      const c = await running();
      if (!c) return;
      await c.sendRequest(AnalyzeRequest, {});
    }),
    vscode.commands.registerCommand('synthlint.openReport', async (uri?: vscode.Uri | string) => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
      const c = await running();
      if (!c || !target) {
        void vscode.window.showInformationMessage('synthlint: open a dataset manifest to see its report.');
        return;
      }
      await ReportPanel.show(context, c, target);
    }),
    vscode.commands.registerCommand('synthlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('synthlint.restartServer', restart),
    vscode.commands.registerCommand('synthlint.clearCache', async () => {
      const c = await running();
      if (!c) return;
      const result = (await c.sendRequest(ClearCacheRequest)) as { removed: number };
      output.info(`Cleared the analyzer cache (${result.removed} cached profiles).`);
    }),
    // Trust granted: restart so the server may read data (initializationOptions are read again on start).
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
    // The document selector is fixed per client: new manifest globs need a new client.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('synthlint.manifests')) void restart();
    }),
    { dispose: () => void client?.dispose() },
  );

  void start();

  const activationMs = performance.now() - activationStart;
  output.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return {
    activationMs,
    statusText: () => statusBar.text,
    serverState: () => (client?.state === State.Running ? 'running' : client?.state === State.Starting ? 'starting' : 'stopped'),
    whenIdle: async () => {
      const c = await running();
      if (c) await c.sendRequest(IdleRequest);
    },
    reportPanel: () => ReportPanel.snapshot(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
