import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line, as vscode-languageserver reads it: `--node-ipc` when the VS Code
// client forks this file, `--stdio` for `synthlint --stdio` and other editors, `--socket=N` / `--pipe=NAME`.
startServer(createConnection(ProposedFeatures.all));
