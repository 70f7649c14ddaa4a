/**
 * Lint-thread entry (bundled to dist/lint-worker.js): lints the one file its workerData names (a LintJob) and
 * posts the result back. The server runs big files here (lint-document.ts) so that parsing them never keeps it
 * from answering the editor.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobReply } from '../analyzer/pool';
import { runLintJob, type LintJob, type LintJobResult } from './lint-job';

const port = parentPort;
if (port) {
  runLintJob(workerData as LintJob, { report: true }).then(
    (value) => port.postMessage({ type: 'done', value } satisfies JobReply<LintJobResult>),
    (error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies JobReply<LintJobResult>),
  );
}
