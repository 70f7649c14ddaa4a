import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolders } from '../analyzer/folders';

/**
 * What a command writes its text to: a stream of the process, or the check bundle's file descriptor
 * (descriptor-io.ts). `callback` runs once the text is taken, with the error when it could not be.
 */
export interface TextOutput {
  write(text: string, callback?: (error?: Error | null) => void): unknown;
}

/** Where a command writes and what it knows about its terminal; tests pass buffers instead of the process's streams. */
export interface CliIO {
  stdout: TextOutput;
  stderr: TextOutput;
  cwd: string;
  /** True when stdout is a terminal. */
  isTTY: boolean;
  /** Colour output; when absent, colour follows `isTTY`. */
  color?: boolean;
  /** True when stderr is a terminal: progress bars go there and only then. */
  stderrIsTTY?: boolean;
  /**
   * Records the exit code a run has decided before it writes its report: a reader that stops early ends the run
   * with it, so `synthlint check | head` under `set -o pipefail` fails as the check does, whatever the report's
   * size. Absent where no reader can stop early (tests' in-memory IO).
   */
  decide?(code: number): void;
}

/**
 * Colour as the conventions ask: FORCE_COLOR (any value but 0/false) turns it on, NO_COLOR (any non-empty
 * value, no-color.org) turns it off, otherwise it follows whether stdout is a terminal.
 */
export function colorFromEnv(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * A reader that stops early (`synthlint check -f json | head -1`, `| true`) closes the pipe; the next write then
 * fails with EPIPE. That is a normal end of the run, not an error worth a stack trace: exit at once, quietly, with
 * the code the run decided (`CliIO.decide`). Other write errors reject the pending `writeAll`, which reports them.
 */
export function endQuietlyOnBrokenPipe(stream: NodeJS.WritableStream, exit: () => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit();
  });
}

/** The exit code of a run whose reader stopped early: 0 until the run decides one. */
export class DecidedExit {
  private code = 0;

  readonly decide = (code: number): void => {
    this.code = code;
  };

  readonly exit = (): never => process.exit(this.code);
}

/** The IO of the running process. */
export function processIO(): CliIO {
  const decided = new DecidedExit();
  endQuietlyOnBrokenPipe(process.stdout, decided.exit);
  endQuietlyOnBrokenPipe(process.stderr, decided.exit);
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    isTTY,
    color: colorFromEnv(process.env, isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    decide: decided.decide,
  };
}

/** Writes text and resolves once the stream has taken it, so a process can exit without cutting output short. */
export function writeAll(stream: TextOutput, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes an `-o` file, creating its folder first (`-o reports/ci/synthlint.sarif` in a fresh checkout). */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  await makeFolders(dirname(file));
  await fsp.writeFile(file, text);
}

/** A usage error of `synthlint COMMAND`: the problem and where help is, on stderr; exit code 2. */
export async function usageError(io: CliIO, command: string, message: string): Promise<number> {
  await writeAll(io.stderr, `synthlint ${command}: ${message}\nRun 'synthlint ${command} --help' for usage.\n`);
  return 2;
}
