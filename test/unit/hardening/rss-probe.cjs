// Preloaded into each child the corpus runs: writes the process's peak RSS (kB) where the test asked, at exit.
// On Linux the peak is the kernel's VmHWM for this process: getrusage's maxRSS (`resourceUsage().maxRSS`) keeps the
// peak of the process it was forked from across exec, so a child of the test runner, grown to ~500 MB by the tests
// before, reported the runner's size (all 34 big-input cases failed their bound in the full suite, none alone).
const file = process.env.SYNTHLINT_TEST_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const fs = require('node:fs');
    let kb = process.resourceUsage().maxRSS;
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      if (hwm) kb = Number(hwm[1]);
    } catch {
      // No /proc (not Linux): getrusage's figure.
    }
    fs.writeFileSync(file, String(kb));
  });
}
