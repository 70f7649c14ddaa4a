import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../cli/built-cli';

export const PROBE = path.join(__dirname, 'rss-probe.cjs');
/**
 * 10 s on an idle machine (the bound for a hang), scaled by the load when the machine is shared (the
 * development box runs several test suites on two cores), so a busy machine does not fail a case that is merely slow.
 */
export const LOAD_FACTOR = Math.max(1, (os.loadavg()[0] ?? 0) / os.cpus().length);
export const MAX_MS = 10_000 * LOAD_FACTOR;
/**
 * The same bound with the load as it is now: read after the corpus has run, the one-minute load average counts the
 * corpus's own parallel cases too (four at a time on a two-core box is twice oversubscribed on its own).
 */
export function maxMsNow(): number {
  return 10_000 * Math.max(LOAD_FACTOR, (os.loadavg()[0] ?? 0) / os.cpus().length);
}
export const MAX_RSS_KB = 500 * 1024;

export interface CaseRun {
  code: number | null;
  out: string;
  ms: number;
  rssKb: number;
}

/** A digest of every regular file under `dir` (pipes and devices are not read), to show that nothing was written. */
export function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const st = lstatSync(full);
      hash.update(full);
      if (st.isDirectory()) visit(full);
      else if (st.isFile()) hash.update(readFileSync(full));
      else hash.update(String(st.mode));
    }
  };
  visit(dir);
  return hash.digest('hex');
}

/** Runs the built CLI on a case folder, bounded: killed after MAX_MS * 1.5, so a hang fails the case, not the run. */
export function runCase(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, closeStdoutAfter?: number): Promise<CaseRun> {
  const rssFile = path.join(path.dirname(cwd), `${path.basename(cwd)}.rss`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', PROBE, CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', SYNTHLINT_TEST_RSS_FILE: rssFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (closeStdoutAfter !== undefined && out.length >= closeStdoutAfter) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(MAX_MS, 20_000) * 1.5);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
      resolve({ code, out, ms: Date.now() - started, rssKb });
    });
  });
}
