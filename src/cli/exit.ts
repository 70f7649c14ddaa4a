/**
 * Ends the process with a run's exit code once the run is done: 0 clean, 1 findings that fail the run, 2 usage
 * errors. A run that throws is a bug, not bad input (bad input becomes findings): it is said plainly, with the
 * stack for the issue report, and exits 2. Both CLI bundles end this way (main.ts, manifests-only.ts).
 */
export function exitWhenDone(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`synthlint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
