import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { stdioConnection } from './framing';
import { startServer } from './server';

// The transport comes from the command line, as vscode-languageserver reads it: `--node-ipc` when the VS Code
// client forks this file, `--stdio` for `synthlint --stdio` and other editors, `--socket=N` / `--pipe=NAME`.
// Over stdio the frames are checked first (framing.ts); IPC messages arrive whole and parsed.
startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
