// Drives VS Code's web workbench in headless Chromium (Debian's, through playwright-core) so that the workbench
// runs our mocha suite (extensionTestsPath) in the real extension host of a running VS Code server.
// The workbench reports back through two functions it looks for on `window` in smoke-test mode:
// codeAutomationLog(type, args) (the extension host's console, so mocha's output) and
// codeAutomationExit(code, logs) (the suite's exit code, plus the workbench's log files).
// A test asks for a screenshot by logging `__SCREENSHOT__ <absolute .png path>` (see
// test/integration/helpers.ts); we write it atomically so the test can wait for the file to appear.
import { mkdirSync, renameSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { DEFAULT_CHROMIUM } from '../../scripts/system-packages.mjs';

// Workbench chatter that is expected offline (gallery, telemetry and AI hosts do not resolve) or that is about
// the remote connection rather than the suite. It still goes to the full log.
const NOISE = /\[AgentHost|\[ChatModelSelection\]|\[AccountPolicyGate\]|Creating a socket|Resolv(ing|ed) connection token|\[Service Worker\]|reconnection-grace-time|open-vsx\.org|marketplace|ENOTFOUND|getaddrinfo|Updating additional builtin|^Canceled|Extension host .* started|\[Extension Host\] (Debugger|Extension host \(Remote\))/;

/**
 * Runs one suite to completion.
 * @param {{
 *   port: number, folder: string, extensionPath: string, testsPath: string,
 *   outDir: string,      // screenshots and logs (test-results/)
 *   label: string,       // names this run's artefacts, e.g. 'main'
 *   timeoutMs: number,
 *   verbose?: boolean,   // print every workbench log line
 *   print?: (line: string) => void,
 * }} o
 * @returns {Promise<{ code: number, timedOut: boolean, failureShot?: string, fullLog: string }>}
 */
export async function runSuiteInBrowser(o) {
  const print = o.print ?? ((line) => console.log(line));
  mkdirSync(o.outDir, { recursive: true });
  const fullLog = path.join(o.outDir, `${o.label}-workbench.log`);
  const full = createWriteStream(fullLog);
  const t0 = Date.now();
  const ts = () => `${((Date.now() - t0) / 1000).toFixed(2)}s`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || DEFAULT_CHROMIUM,
    // Root in a container needs --no-sandbox; the rest keeps an offline headless browser from phoning home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=Translate'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let finish = (/** @type {number} */ _code) => {};
    const exited = new Promise((resolve) => (finish = resolve));
    let shots = Promise.resolve();
    let lastLine = '';

    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const msg = format(...(Array.isArray(args) ? args : [args])).replace(/%c/g, '');
      full.write(`${ts()} [${type}] ${msg}\n`);
      const shot = /__SCREENSHOT__ (\S+\.png)/.exec(msg);
      if (shot) {
        const file = shot[1];
        shots = shots.then(async () => {
          mkdirSync(path.dirname(file), { recursive: true });
          await page.screenshot({ path: `${file}.partial.png` });
          print(`    [screenshot] ${path.relative(process.cwd(), file)}`);
          renameSync(`${file}.partial.png`, file);
        }).catch((e) => print(`    [screenshot failed] ${file}: ${e.message}`));
        return;
      }
      if (o.verbose || (!NOISE.test(msg) && (type === 'info' || type === 'warn' || type === 'error'))) {
        for (const line of msg.replace(/\s+$/, '').split('\n')) print(type === 'info' ? line : `[${type}] ${line}`);
        lastLine = msg.trim() || lastLine;
      }
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (Array.isArray(logs)) {
        for (const l of logs) {
          const file = path.join(o.outDir, `${o.label}-logs`, l.relativePath);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, l.contents);
        }
      }
      finish(typeof code === 'number' ? code : 1);
    });
    page.on('pageerror', (e) => full.write(`${ts()} [pageerror] ${e.message}\n`));
    page.on('console', (m) => full.write(`${ts()} [console.${m.type()}] ${m.text()}\n`));

    const authority = `127.0.0.1:${o.port}`;
    const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(o.extensionPath)],
      ['extensionTestsPath', remote(o.testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://${authority}/?folder=${encodeURIComponent(path.resolve(o.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    full.write(`${ts()} [driver] ${url}\n`);
    // A loaded 2-core machine can take well over playwright's default 30 s to serve the workbench.
    await page.goto(url, { timeout: 120_000 });

    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), o.timeoutMs)));
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    await shots;
    const timedOut = result === 'timeout';
    const code = timedOut ? 124 : /** @type {number} */ (result);
    let failureShot;
    if (code !== 0) {
      failureShot = path.join(o.outDir, `${o.label}-final.png`);
      await page.screenshot({ path: failureShot }).catch(() => (failureShot = undefined));
    }
    if (timedOut) {
      print(`[driver] TIMEOUT: the ${o.label} suite did not finish within ${o.timeoutMs / 1000} s.`);
      print(`[driver] Last output: ${lastLine.split('\n')[0] || '(none: the extension host never started the tests)'}`);
    }
    return { code, timedOut, failureShot, fullLog };
  } finally {
    await browser.close().catch(() => {});
    await new Promise((r) => full.end(r));
  }
}
