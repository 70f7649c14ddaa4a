/**
 * Drives the real language server bundle over stdio, the way an editor does: it builds src/server/main.ts
 * (and the analyzer worker beside it) into a temp folder, spawns `node server.js --stdio` and speaks LSP
 * through vscode-jsonrpc. Tests see what an editor would: published diagnostics, code actions, hovers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver/node';
import type { ReportModel } from '../../../src/report/types';
import type { Diagnostic, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DidChangeStatusNotification, type InitializationOptions, type ManifestStatus } from '../../../src/protocol';
import { pathToUri } from '../../../src/server/paths';

let bundle: Promise<string> | undefined;

/** Builds the server once per test run (as scripts/build.mjs does, into a private folder so parallel builds cannot clash). */
export function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'synthlint-server-'));
    const common = { platform: 'node', target: 'node20', format: 'cjs', bundle: true, logLevel: 'error' } as const;
    await build({ ...common, entryPoints: ['src/server/main.ts'], outfile: join(out, 'server.js') });
    await build({ ...common, entryPoints: ['src/analyzer/worker.ts'], outfile: join(out, 'worker.js') });
    await build({ ...common, entryPoints: ['src/server/lint-worker.ts'], outfile: join(out, 'lint-worker.js') });
    return join(out, 'server.js');
  })();
  return bundle;
}

export interface ServerOptions {
  roots: string[];
  init?: InitializationOptions;
  /** Advertise workDoneProgress support (the server then asks to create progress tokens). */
  progress?: boolean;
  /** Advertise `workspace/codeLens/refresh` support (the server then asks for lenses again when figures change). */
  lensRefresh?: boolean;
  /** Run the built CLI (`node dist/cli.js --stdio`, as users start it) instead of the server bundled from sources. */
  builtCli?: string;
  /** What the server reads as the `synthlint` section of the workspace configuration (default: nothing, so the defaults). */
  settings?: Record<string, unknown>;
}

export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses = new Map<string, ManifestStatus>();
  readonly progressTokens: (string | number)[] = [];
  /** How many times the server asked the editor to pull CodeLenses again. */
  lensRefreshes = 0;
  private listeners: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    private settings?: Record<string, unknown>,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.notify();
    });
    connection.onNotification(DidChangeStatusNotification, (s: ManifestStatus) => {
      this.statuses.set(s.uri, s);
      this.notify();
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      this.notify();
      return null;
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings ?? null));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('$/progress', () => undefined);
  }

  static async start(options: ServerOptions): Promise<LspSession> {
    const child = spawn(process.execPath, [options.builtCli ?? (await serverBundle()), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(connection, child, options.settings);
    connection.listen();
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: options.roots[0] ? pathToUri(options.roots[0]) : null,
      workspaceFolders: options.roots.map((r) => ({ uri: pathToUri(r), name: r })),
      capabilities: {
        workspace: { configuration: true, codeLens: { refreshSupport: options.lensRefresh === true }, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        window: { workDoneProgress: options.progress === true },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
      },
      initializationOptions: options.init ?? {},
    };
    await connection.sendRequest('initialize', params);
    await connection.sendNotification('initialized', {});
    return session;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  /** Resolves when `check` holds, re-checked on every diagnostics or status message; fails after `ms`. */
  until<T>(what: string, check: () => T | undefined | false, ms = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const listener = (): void => void attempt();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      this.listeners.push(listener);
      attempt();
    });
  }

  /** The user changes the `synthlint` settings: what the server reads from now on, and the notification VS Code sends. */
  async configure(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { synthlint: settings } });
  }

  idle(): Promise<unknown> {
    return this.connection.sendRequest('synthlint/idle');
  }

  /** The report model of a linted manifest, as the webview gets it (`synthlint/report`). */
  report(uri: string): Promise<ReportModel | null> {
    return this.connection.sendRequest('synthlint/report', { uri });
  }

  open(file: string, text: string, languageId = 'yaml'): string {
    const uri = pathToUri(file);
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The server process ended: resolves with its exit code (null when killed by a signal). */
  exited(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** The server process's peak resident set so far, in kB (Linux: VmHWM; undefined elsewhere). */
  peakRssKb(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Closes the server's stdin, as an editor that dies does. */
  closeInput(): void {
    this.child.stdin?.end();
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone (a test that kills it): nothing to shut down.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
