/**
 * Loaded before the unit tests (.mocharc.json). Mocha, rightly run without `--exit`, waits for the event loop to
 * empty after the last test, so one leaked handle (a child process a test did not stop, a server left listening)
 * keeps the run alive until CI's 90-minute limit and the log shows no cause. Once every test has run, this gives
 * the process a grace period to end by itself; past it, it names what is still open and exits with 1.
 */
const GRACE_MS = 60_000;

export const mochaHooks = {
  afterAll(): void {
    const timer = setTimeout(() => {
      const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'Timeout');
      process.stderr.write(`\nexit-watchdog: the unit tests ended ${GRACE_MS / 1000} s ago and the process is still held open by: ${open.join(', ') || 'nothing named'}\n`);
      // Mocha sets the exit code to its failure count in an 'exit' listener of its own, which would turn this
      // exit into a pass; a listener added now runs after it.
      process.on('exit', () => {
        process.exitCode = 1;
      });
      process.exit(1);
    }, GRACE_MS);
    timer.unref(); // only a process something else holds open reaches the callback
  },
};
