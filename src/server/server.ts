import { dirname, isAbsolute, join, relative } from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeLens,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clearCache } from '../analyzer/cache';
import { userCacheDir } from '../analyzer/cache-dir';
import { innermostRoot } from '../core/paths';
import { ruleDocsUrl } from '../core/rules/docs-url';
import { findConfig, readTextFile } from '../project';
import { codeActions, type CodeActionInput } from './code-actions';
import { toDiagnostic } from './diagnostics';
import { pathToUri, uriToPath } from './paths';
import {
  AnalyzeRequest,
  ClearCacheRequest,
  DidChangeStatusNotification,
  DidRemoveStatusNotification,
  IdleRequest,
  ReportRequest,
  StatusRequest,
  type AnalyzeParams,
  type InitializationOptions,
  type UriParams,
} from '../protocol';
import { analysisSettingsChanged, readSettings } from './settings';
import { sourceAt } from './source-at';
import { manifestLensTitle, sourceHoverMarkdown, sourceLensTitle } from './source-text';
import { Watchers } from './watchers';
import { Workspace, type Progress } from './workspace';

/** The command a CodeLens runs: the extension registers it; other editors may ignore it. */
const OPEN_REPORT_COMMAND = 'synthlint.openReport';
/** Results arrive in bursts (every manifest at start-up); ask the editor for CodeLenses again once per burst. */
const LENS_REFRESH_DELAY_MS = 100;

/**
 * Wires the LSP connection to the workspace model. Transport-agnostic: main.ts hands in a connection over IPC
 * (started by the VS Code client) or stdio (`synthlint --stdio`, for Neovim and other editors).
 */
export function startServer(connection: Connection): void {
  // A bug in one handler must not end the server for every open document: it is logged, the rest goes on.
  // (Request handlers' exceptions already become JSON-RPC errors, and lint failures become findings.)
  const logInternal = (error: unknown): void => connection.console.error(`synthlint: internal error, the server keeps running: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.on('uncaughtException', logInternal);
  process.on('unhandledRejection', logInternal);
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace | undefined;
  let watchers: Watchers | undefined;
  let pullConfiguration = false;
  let progressSupported = false;
  let foldersSupported = false;
  let lensRefreshSupported = false;
  let lensRefresh: ReturnType<typeof setTimeout> | undefined;

  const openDocument = (file: string): { uri: string; text: string; version: number } | undefined => {
    const doc = documents.get(pathToUri(file)) ?? documents.all().find((d) => uriToPath(d.uri) === file);
    return doc ? { uri: doc.uri, text: doc.getText(), version: doc.version } : undefined;
  };

  const progress = async (title: string, onCancel: () => void): Promise<Progress> => {
    if (!progressSupported) return { report: () => undefined, done: () => undefined };
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.token.onCancellationRequested(onCancel);
    reporter.begin(title, 0, undefined, true);
    return {
      report: (percentage, message) => (message === undefined ? reporter.report(percentage) : reporter.report(percentage, message)),
      done: () => reporter.done(),
    };
  };

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    const roots = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    progressSupported = params.capabilities.window?.workDoneProgress === true;
    foldersSupported = params.capabilities.workspace?.workspaceFolders === true;
    lensRefreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const watching = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    if (watching) watchers = new Watchers(connection, params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true);
    workspace = new Workspace(
      {
        publish: (file, findings) => {
          const uri = openDocument(file)?.uri ?? pathToUri(file);
          connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, ruleDocsUrl)) });
        },
        status: (status) => void connection.sendNotification(DidChangeStatusNotification, status),
        removeStatus: (uri) => void connection.sendNotification(DidRemoveStatusNotification, { uri }),
        openDocument,
        progress,
        // An editor asks for CodeLenses when a document opens or changes, not when the data analysis or a
        // config change gives a manifest new figures later: without a refresh its lenses would show stale shares.
        resultChanged: () => {
          if (!lensRefreshSupported || lensRefresh) return;
          lensRefresh = setTimeout(() => {
            lensRefresh = undefined;
            void connection.sendRequest(CodeLensRefreshRequest.type);
          }, LENS_REFRESH_DELAY_MS);
        },
        watchData: (manifest, globs) => watchers?.watchData(manifest, dirname(manifest), globs.map((g) => (isAbsolute(g) ? relative(dirname(manifest), g) : g))),
        log: (message) => connection.console.error(message),
      },
      {
        roots,
        settings: readSettings(options.settings),
        trusted: options.trusted !== false,
        // The profile cache the command line uses too, unless the client names another.
        cacheDir: options.cacheDir ?? userCacheDir(),
      },
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'synthlint' },
    };
  });

  const refreshSettings = async (): Promise<void> => {
    if (!workspace || !pullConfiguration) return;
    workspace.settings = readSettings(await connection.workspace.getConfiguration('synthlint'));
  };

  connection.onInitialized(async () => {
    const ws = workspace;
    if (!ws) return;
    await ws.idle.track(async () => {
      await refreshSettings();
      if (watchers) await watchers.watchWorkspace(ws.settings.manifests);
      if (foldersSupported) connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        ws.roots = [...ws.roots.filter((r) => !removed.has(r)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)];
        void ws.lintAll();
      });
      await ws.lintAll();
      for (const doc of documents.all()) {
        const file = uriToPath(doc.uri);
        if (file) ws.opened(file);
      }
    });
  });

  connection.onDidChangeConfiguration(async (change) => {
    const ws = workspace;
    if (!ws) return;
    const before = ws.settings;
    if (pullConfiguration) await refreshSettings();
    else ws.settings = readSettings((change.settings as { synthlint?: unknown } | undefined)?.synthlint);
    if (!ws.settings.enable) for (const file of [...ws.states.keys()]) ws.forget(file);
    // Profiles read under other limits (a folder now allowed, a full read asked for) would go on being shown as current.
    else if (analysisSettingsChanged(before, ws.settings)) ws.forgetAllProfiles();
    await ws.lintAll();
  });

  const onDocument = (uri: string, act: (ws: Workspace, file: string) => void): void => {
    const file = uriToPath(uri);
    if (workspace && file) act(workspace, file);
  };
  documents.onDidOpen((e) => onDocument(e.document.uri, (ws, f) => ws.opened(f)));
  documents.onDidChangeContent((e) => onDocument(e.document.uri, (ws, f) => (ws.states.has(f) ? ws.changed(f) : ws.opened(f))));
  documents.onDidSave((e) => onDocument(e.document.uri, (ws, f) => ws.saved(f)));
  documents.onDidClose((e) => onDocument(e.document.uri, (ws, f) => ws.closed(f)));

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      onDocument(change.uri, (ws, f) => ws.fileChangedOnDisk(f, kind));
    }
  });

  connection.onCodeAction(async (params) => {
    const file = uriToPath(params.textDocument.uri);
    const state = file ? await workspace?.current(file) : undefined;
    const doc = documents.get(params.textDocument.uri);
    if (!file || !state?.result || !doc || isStale(state.result.text, doc)) return [];
    return codeActions({
      file,
      uri: params.textDocument.uri,
      text: doc.getText(),
      range: params.range,
      findings: state.result.findings,
      config: configFor(file, workspace?.roots ?? [], (f) => openDocument(f)?.text),
    });
  });

  connection.onHover((params) => {
    const file = uriToPath(params.textDocument.uri);
    const model = file ? workspace?.states.get(file)?.reportModel() : undefined;
    const row = model ? sourceAt(model, params.position) : undefined;
    if (!model || !row) return null;
    return { contents: { kind: 'markdown', value: sourceHoverMarkdown(row, model, workspace?.trusted !== false) }, range: row.range };
  });

  connection.onCodeLens((params) => {
    const file = uriToPath(params.textDocument.uri);
    const model = file ? workspace?.states.get(file)?.reportModel() : undefined;
    if (!model) return [];
    const command = (title: string): CodeLens['command'] => ({ title, command: OPEN_REPORT_COMMAND, arguments: [params.textDocument.uri] });
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const trusted = workspace?.trusted !== false;
    return [
      { range: top, command: command(`${manifestLensTitle(model, trusted)} — Open report`) },
      ...model.sources.map((row) => ({ range: { start: row.range.start, end: row.range.start }, command: command(sourceLensTitle(row, model, trusted)) })),
    ];
  });

  connection.onRequest(ReportRequest, (params: UriParams) => {
    const file = uriToPath(params.uri);
    return (file ? workspace?.states.get(file)?.reportModel() : undefined) ?? null;
  });
  connection.onRequest(StatusRequest, (params: UriParams) => {
    const file = uriToPath(params.uri);
    const state = file ? workspace?.states.get(file) : undefined;
    return state?.manifest ? state.status(workspace?.trusted !== false) : null;
  });
  connection.onRequest(AnalyzeRequest, async (params: AnalyzeParams) => {
    const file = params.uri ? uriToPath(params.uri) : undefined;
    await workspace?.analyzeNow(file);
    return null;
  });
  connection.onRequest(ClearCacheRequest, async () => {
    workspace?.forgetAllProfiles();
    const dir = workspace?.cacheDir;
    return { removed: dir ? await clearCache(dir) : 0 };
  });
  connection.onRequest(IdleRequest, async () => {
    await workspace?.idle.whenIdle();
    return null;
  });

  documents.listen(connection);
  connection.listen();
}

/** A result linted from other text than the buffer holds: its ranges would point at the wrong places. */
function isStale(lintedText: string, doc: TextDocument): boolean {
  return lintedText !== doc.getText();
}

/** The config the "disable in config" fix edits: the one governing the file (its unsaved text if open), else a new one at the workspace folder's top. */
function configFor(file: string, roots: readonly string[], openText: (file: string) => string | undefined): CodeActionInput['config'] {
  const lookup = findConfig(file);
  if (lookup.file) {
    const text = openText(lookup.file) ?? readTextFile(lookup.file, 'config file').text;
    // A config exists but cannot be read: creating another would shadow nothing; lint reports the read failure.
    return text === undefined ? undefined : { file: lookup.file, text };
  }
  const root = innermostRoot(roots, file);
  return { createAt: join(root ?? dirname(file), '.synthlint.yaml') };
}
