/**
 * The bad-input corpus (issue #13): every case runs the built CLI (dist/cli.js) in its own folder as a child
 * process, several at a time, and asserts what the user would see — the exit code, a message naming the file, the
 * line and what is wrong, no stack trace — within 10 s and 500 MB of peak RSS, with no file changed. Big inputs
 * are generated here, at test time. The language-server cases are in lsp-bad-input.test.ts.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../cli/built-cli';
import { CASES } from './cases';
import { MAX_RSS_KB, maxMsNow, runCase, treeDigest, type CaseRun } from './run-case';

const PARALLEL = 4;

describe('bad-input corpus through the built CLI', function () {
  this.timeout(600_000);
  const results = new Map<string, CaseRun & { before: string; after: string }>();

  before(async () => {
    buildCli();
    const root = mkdtempSync(path.join(tmpdir(), 'synthlint-bad-'));
    // SYNTHLINT_CORPUS_ONLY=regex runs only the cases it matches (while working on a few; the rest then fail as not run).
    const only = process.env.SYNTHLINT_CORPUS_ONLY ? new RegExp(process.env.SYNTHLINT_CORPUS_ONLY) : undefined;
    const queue = CASES.map((c, i) => ({ c, dir: path.join(root, `case${i}`) })).filter(({ c }) => !only || only.test(c.name));
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { c, dir } = next;
        mkdirSync(dir);
        c.setup(dir);
        const before = treeDigest(dir);
        const run = await runCase(c.args ?? ['check', '--no-data', '.'], dir, c.env, c.closeStdoutAfter);
        results.set(c.name, { ...run, before, after: treeDigest(dir) });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const slowest = [...results.entries()].sort((a, b) => b[1].ms - a[1].ms)[0];
    const largest = [...results.entries()].sort((a, b) => b[1].rssKb - a[1].rssKb)[0];
    console.log(`    ${CASES.length} cases; slowest ${slowest?.[0]} ${slowest?.[1].ms} ms; largest RSS ${largest?.[0]} ${Math.round((largest?.[1].rssKb ?? 0) / 1024)} MB`);
  });

  it('has at least 80 cases', () => assert.ok(CASES.length >= 80, `${CASES.length} cases`));

  for (const c of CASES) {
    it(c.name, () => {
      const run = results.get(c.name);
      assert.ok(run, 'the case did not run');
      const shown = `exit ${run.code}, ${run.ms} ms, ${run.rssKb} kB:\n${run.out.slice(0, 2000)}`;
      assert.ok(run.ms < maxMsNow(), `took too long (bound ${Math.round(maxMsNow())} ms): ${shown}`);
      assert.ok(run.rssKb < MAX_RSS_KB, `peak RSS too high: ${shown}`);
      assert.ok(c.code.includes(run.code ?? -1), `exit code: ${shown}`);
      for (const re of c.expect) assert.match(run.out, re, shown);
      for (const re of c.never ?? []) assert.doesNotMatch(run.out, re, shown);
      assert.equal(run.after, run.before, 'a file changed');
    });
  }
});
