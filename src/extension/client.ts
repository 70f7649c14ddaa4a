import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../protocol';

/** As vscode-languageclient's default: at most 4 restarts within 3 minutes, then the server stays down. */
const MAX_RESTARTS = 4;
const CONFIG_FILES = '**/.synthlint.{yaml,yml,json}';

function manifestGlobs(): string[] {
  return vscode.workspace.getConfiguration('synthlint').get<string[]>('manifests') ?? [];
}

/** Documents the server is told about: the dataset-yaml language, the manifest globs and config files, on disk only. */
export function documentSelector(): { scheme: string; language?: string; pattern?: string }[] {
  return [
    { scheme: 'file', language: 'dataset-yaml' },
    ...[...manifestGlobs(), CONFIG_FILES].map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

/**
 * The language client: forks dist/server.js over IPC. The server does all parsing, linting and analysis, so
 * the extension host never blocks on a big manifest or data file, and a crash takes down only that process.
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  let defaults: ErrorHandler | undefined;
  let crashes = 0;
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => (defaults as ErrorHandler).error(error, message, count),
    closed: async () => {
      const result = await (defaults as ErrorHandler).closed();
      crashes++;
      output.warn(
        result.action === CloseAction.Restart
          ? `The language server stopped unexpectedly (crash ${crashes}); restarting it (at most ${MAX_RESTARTS} restarts in 3 minutes).`
          : `The language server crashed ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. Run "synthlint: Restart Server" once the cause is fixed.`,
      );
      return result;
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    synchronize: { configurationSection: 'synthlint' },
    errorHandler,
    // A function, so each (re)start reads trust and settings afresh: granting trust restarts the server with data rules on.
    // No cacheDir: the server keeps profiles in the user cache folder, shared with `synthlint check` and `profile`.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
  };
  const client = new LanguageClient('synthlint', 'synthlint', serverOptions, clientOptions);
  defaults = client.createDefaultErrorHandler(MAX_RESTARTS);
  return client;
}
