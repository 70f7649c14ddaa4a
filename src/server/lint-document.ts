import { statSync } from 'node:fs';
import { workerScript } from '../analyzer/worker-script';
import { formatMB, limitHint, type Limits } from '../core/limits';
import { activeLimits, guardFile, isConfigFile, type ConfigCache } from '../project';
import { readFailure } from '../project/read-failure';
import { runLintJob, type LintJob, type LintJobResult } from './lint-job';
import { LintThread } from './lint-thread';

/**
 * Files above this size are linted in a thread of their own. Why: parsing is synchronous, about 1 ms per KB of
 * YAML on an idle machine (a 4 MB manifest of 70,000 sources took 4 s to parse, lint and lay out), and while the
 * server's thread parses it answers nothing, neither hovers nor edits of other files. Below it a lint takes a few
 * milliseconds, less than starting a thread would.
 */
export const THREAD_LINT_BYTES = 32 * 1024;
/** The lint thread's heap, in MB (as the analyzer's threads): a file within editorManifestBytes needs about 100. */
const LINT_THREAD_LIMITS = { maxOldGenerationSizeMb: 256 };

/** The server's lint thread (kept by its Workspace), or none when dist/lint-worker.js is missing (sources run by tests). */
export function newLintThread(): LintThread | undefined {
  const script = workerScript('lint-worker.js');
  return script ? new LintThread(script, LINT_THREAD_LIMITS) : undefined;
}

/**
 * Lints one file for the server: in its thread when small, else in the lint thread (`thread`), which
 * `signal` terminates (a newer edit supersedes the text being linted). A file larger than the editor lints
 * (editorManifestBytes) is not parsed: a finding says so and how to raise the limit. A lint thread that fails
 * (out of memory) gives a finding on the file, as any internal failure does. Rejects only when `signal` aborts.
 */
export async function lintDocument(job: LintJob, options: { configCache: ConfigCache; signal: AbortSignal; thread: LintThread | undefined }): Promise<LintJobResult> {
  const size = sizeOf(job);
  const limits = activeLimits();
  if (size > limits.editorManifestBytes) return { result: tooLarge(job, size, limits) };
  const thread = size > THREAD_LINT_BYTES ? options.thread : undefined;
  if (!thread) return runLintJob(job, { configCache: options.configCache });
  let answer: LintJobResult | undefined;
  const text = job.text === undefined ? {} : { text: job.text };
  const result = await guardFile(job.file, { ...text, signal: options.signal }, async () => {
    answer = await thread.run(job, options.signal);
    return answer.result;
  });
  return answer ?? { result };
}

function tooLarge(job: LintJob, bytes: number, limits: Limits): LintJobResult['result'] {
  const kind = isConfigFile(job.file) ? 'config file' : 'manifest';
  const message = `The ${kind} is ${formatMB(bytes)} MB, more than the editor lints as you type (${limitHint('editorManifestBytes', limits)}); run \`synthlint check\` on it instead.`;
  return { file: job.file, text: job.text ?? '', findings: [readFailure(job.file, kind === 'manifest' ? 'manifest-invalid' : 'config-invalid', { message })], profiles: new Map() };
}

/** The buffer's size in UTF-8, or the file's size on disk (0 when it cannot be read: the lint reports why). */
function sizeOf(job: LintJob): number {
  if (job.text !== undefined) return Buffer.byteLength(job.text);
  try {
    return statSync(job.file).size;
  } catch {
    return 0;
  }
}
