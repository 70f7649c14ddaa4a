import { didYouMeanSuffix } from '../../core/did-you-mean';
import { stdioConnection } from '../../server/framing';
import { startServer } from '../../server/server';
import { writeAll, type CliIO } from '../io';

const HELP = `Usage: synthlint --stdio
       synthlint server --stdio

Runs the synthlint language server (LSP) over stdin/stdout, for editors other than VS Code
(Neovim, Helix, Emacs, Zed...). The VS Code extension starts the same server itself.
See docs/editor.md for editor configuration.
`;

/** `synthlint server --stdio` (and the `synthlint --stdio` shorthand): the language server on this process's stdio. */
export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    await writeAll(io.stdout, HELP);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--stdio');
  if (!args.includes('--stdio') || unknown.length > 0) {
    const first = unknown[0];
    const what = first !== undefined ? `unknown option '${first}'.${didYouMeanSuffix(first, ['--stdio', '--help'])}` : 'the server only speaks over stdio: pass --stdio.';
    await writeAll(io.stderr, `synthlint server: ${what}\n${HELP}`);
    return 2;
  }
  // stdout is the protocol channel from here on: nothing else may write to it (vscode-languageserver routes
  // console.log to the client's log instead).
  const connection = stdioConnection();
  const closed = new Promise<number>((resolve) => connection.onExit(() => resolve(0)));
  startServer(connection);
  return closed;
}
