// Preloaded into each child the corpus runs: writes the process's peak RSS (kB) where the test asked, at exit.
const file = process.env.SYNTHLINT_TEST_RSS_FILE;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
