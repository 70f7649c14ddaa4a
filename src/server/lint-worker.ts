/**
 * Lint-thread entry (bundled to dist/lint-worker.js): lints each file a message names (a LintJob), one at a time,
 * and posts each result back. The server runs big files here (lint-thread.ts) so that parsing them never keeps it
 * from answering the editor; the thread stays up between edits so that each lint runs warm.
 */
import { parentPort } from 'node:worker_threads';
import { runLintJob, type LintJob } from './lint-job';
import type { LintReply } from './lint-thread';
import { packResult } from './lint-wire';

const port = parentPort;
port?.on('message', (job: LintJob) => {
  runLintJob(job, { report: true }).then(
    (value) => port.postMessage({ type: 'done', value: packResult(value) } satisfies LintReply),
    (error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies LintReply),
  );
});
