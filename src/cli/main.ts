import { didYouMeanSuffix } from '../core/did-you-mean';
import { exitWhenDone } from './exit';
import { processIO, writeAll, type CliIO } from './io';
import { VERSION } from './version';

type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * Subcommands, each in src/cli/commands/<name>.ts, loaded only when run: a command's modules (the language
 * server, the report renderer, the analyzer) cost start-up time the others should not pay (`check --no-data`
 * on a large manifest is meant to start about as fast as Node itself). A require inside the function keeps a
 * module out of start-up (esbuild wraps it lazily), as src/core/provenance/default-registry.ts does; an
 * import() would too, but not under the tests' CommonJS loader.
 */
const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  check: {
    run: (args, io) =>
      (require('./commands/check') as typeof import('./commands/check')).run(args, io, (require('../project/analyzer-for') as typeof import('../project/analyzer-for')).analyzerFor),
    summary: 'Lint dataset manifests (the default job in CI).',
  },
  report: { run: (args, io) => (require('./commands/report') as typeof import('./commands/report')).run(args, io), summary: 'Write the HTML (or JSON) report of one manifest.' },
  profile: { run: (args, io) => (require('./commands/profile') as typeof import('./commands/profile')).run(args, io), summary: 'Profile one data file: schema, diversity figures, openings, issues.' },
  cache: { run: (args, io) => (require('./commands/cache') as typeof import('./commands/cache')).run(args, io), summary: 'Show or clear the profile cache (info | clear).' },
  merge: { run: (args, io) => (require('./commands/merge') as typeof import('./commands/merge')).run(args, io), summary: 'Merge the partial profiles of `profile --shard i/n` into one profile.' },
  server: { run: (args, io) => (require('./commands/server') as typeof import('./commands/server')).run(args, io), summary: 'Run the language server for editors (--stdio).' },
};

const TOP_LEVEL_FLAGS = ['--help', '--version', '--stdio'];

const HELP = () => `synthlint ${VERSION} — flags synthetic-data and model-collapse risk in ML dataset manifests.

Usage: synthlint <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)}  ${c.summary}`)
  .join('\n')}

Options:
  -h, --help     Show this help (\`synthlint <command> --help\` for a command's options).
  -v, --version  Print the version.
      --stdio    Run the language server on stdin/stdout (same as \`synthlint server --stdio\`).

Docs: https://github.com/synthlint/synthlint#readme
`;

/** Runs the CLI and returns its exit code: 0 clean, 1 findings that fail the run, 2 usage errors. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    await writeAll(first === undefined ? io.stderr : io.stdout, HELP());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    await writeAll(io.stdout, `${VERSION}\n`);
    return 0;
  }
  // Editors start language servers as `<command> --stdio`; accept it without the `server` word.
  if (first === '--stdio') return (require('./commands/server') as typeof import('./commands/server')).run(argv, io);
  const command = COMMANDS[first];
  if (!command) {
    const what = first.startsWith('-')
      ? `Unknown option '${first}'.${didYouMeanSuffix(first, TOP_LEVEL_FLAGS)}`
      : `Unknown command '${first}'.${didYouMeanSuffix(first, Object.keys(COMMANDS))}`;
    await writeAll(io.stderr, `synthlint: ${what} Run 'synthlint --help' for usage.\n`);
    return 2;
  }
  return command.run(rest, io);
}

/** Runs the CLI as the process, its exit code the process's: the `synthlint` launcher (src/cli/launcher.ts) calls it. */
export function runAsProcess(): void {
  exitWhenDone(main(process.argv.slice(2), processIO()));
}
