/**
 * Ends the process with a run's exit code once the run is done: 0 clean, 1 findings that fail the run, 2 usage
 * errors. A run that throws is a bug, not bad input (bad input becomes findings): it is said plainly, with the
 * stack for the issue report, and exits 2. Both CLI bundles end this way (main.ts, manifests-only.ts). An output that
 * refuses the report (a full disk, /dev/full) is no bug either: one line, its reason, and exit 2.
 */
export function exitWhenDone(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = isWriteError(error) ? `cannot write the output: ${error.message}` : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      process.stderr.write(`synthlint: ${message}\n`);
      process.exit(2);
    },
  );
}

/** An error of the system's write call (ENOSPC, EIO, EFBIG…): the output failed, not synthlint. */
function isWriteError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).syscall === 'write' && typeof (error as NodeJS.ErrnoException).code === 'string';
}
