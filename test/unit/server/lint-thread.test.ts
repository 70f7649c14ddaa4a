/**
 * The server's lint thread (src/server/lint-thread.ts) over the real lint-thread bundle: it stays warm from one
 * job to the next and answers as the server's own thread would; an abort, a busy thread and an idle spell each
 * behave as the server relies on.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LintJob } from '../../../src/server/lint-job';
import { runLintJob } from '../../../src/server/lint-job';
import { LintThread } from '../../../src/server/lint-thread';
import { withPlainRanges } from '../../../src/server/lint-wire';

const LIMITS = { maxOldGenerationSizeMb: 256 };
const SOURCE = (i: number): string => `  - id: s${i}\n    files: [data.jsonl]\n    origin: ${i % 2 ? 'human' : 'bogus'}\n`;
const manifest = (sources: number): string => `name: m\nsources:\n${Array.from({ length: sources }, (_, i) => SOURCE(i)).join('')}`;

describe('server: the warm lint thread', function () {
  this.timeout(120_000);
  let dir: string;
  let script: string;
  let job: LintJob;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'synthlint-lint-thread-'));
    script = join(dir, 'lint-worker.js');
    await build({ platform: 'node', target: 'node20', format: 'cjs', bundle: true, logLevel: 'error', entryPoints: ['src/server/lint-worker.ts'], outfile: script });
    writeFileSync(join(dir, 'data.jsonl'), '{"text": "a human sentence"}\n');
    job = { file: join(dir, 'm.dataset.yaml'), text: manifest(20), kept: new Map(), readRoots: [dir], root: dir };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const never = (): AbortSignal => new AbortController().signal;

  it('runs job after job in one thread, with the findings and report of a lint in the calling thread', async () => {
    const thread = new LintThread(script, LIMITS);
    // As the server's thread reads it: the ranges resolved (the lint thread's come back plain).
    const expected = withPlainRanges(await runLintJob(job, { report: true }));
    for (let i = 0; i < 3; i++) {
      const answer = await thread.run(job, never());
      assert.deepEqual(answer.result.findings, expected.result.findings);
      assert.deepEqual(answer.report, expected.report);
    }
    assert.equal(thread.threadsStarted, 1);
    assert.ok(expected.result.findings.some((f) => f.message.includes('bogus')), 'the manifest has findings to compare');
  });

  it('rejects an aborted job with the abort reason and answers the next one in a new thread', async () => {
    const thread = new LintThread(script, LIMITS);
    await thread.run(job, never());
    const controller = new AbortController();
    const running = thread.run({ ...job, text: manifest(5000) }, controller.signal);
    controller.abort(new Error('a newer edit'));
    await assert.rejects(running, /a newer edit/);
    const answer = await thread.run(job, never());
    assert.ok(answer.result.manifest);
    assert.equal(thread.threadsStarted, 2);
  });

  it('answers a job that comes while the warm thread is busy in a thread of its own', async () => {
    const thread = new LintThread(script, LIMITS);
    const [big, small] = await Promise.all([thread.run({ ...job, text: manifest(2000) }, never()), thread.run(job, never())]);
    assert.equal(big.result.manifest?.sources.length, 2000);
    assert.equal(small.result.manifest?.sources.length, 20);
    assert.equal(thread.threadsStarted, 1, 'the spare is not the warm thread');
  });

  it('lets its thread go after an idle spell and starts another for the next job', async () => {
    const thread = new LintThread(script, LIMITS, 50);
    await thread.run(job, never());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await thread.run(job, never());
    assert.equal(thread.threadsStarted, 2);
  });
});
