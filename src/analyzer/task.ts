import type { DataIssue } from '../core/profile';
import type { Chunk } from './chunking';
import { TextExtractor, type TextPlan } from './extract';
import { ProfileAccumulator, type AccumulatorOptions, type AccumulatorState } from './metrics/accumulator';
import { Pacer, runPaced } from './metrics/pacer';
import { IssueLog, readRecords, type TextMode } from './readers';

/** One unit of work for a worker: chunks (one, or many for a sample group) summed into one accumulator. */
export interface Task {
  id: number;
  chunks: Chunk[];
  plan: TextPlan;
  textMode: TextMode;
  maxRecordBytes: number;
  /** The accumulator's budgets for this source (accumulatorOptionsFor): the same in every task, so the parts merge. */
  accumulator: Partial<AccumulatorOptions>;
}

export interface FileTally {
  file: string;
  /** Records read (with or without text). */
  records: number;
  malformed: number;
  /** Records that held no text in the planned fields. */
  noText: number;
  issues: DataIssue[];
}

export interface TaskResult {
  id: number;
  state: AccumulatorState;
  files: FileTally[];
}

/** What a failed task or job reports: the error's stack (its first line is its message). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Top-level field names the plan reads, so columnar readers decode only those. */
export function topLevelColumns(plan: TextPlan): string[] | undefined {
  if (plan.fields.length === 0) return undefined;
  return [...new Set(plan.fields.map((f) => f.split(/[.[]/)[0] ?? f))];
}

/**
 * Reads a task's chunks and feeds every record's text to one ProfileAccumulator. Runs inside a worker
 * (worker.ts), which the pool ends to cancel it, or with `signal` in the calling thread (workers: 0): the readers
 * check it between read blocks, and the thread returns to its event loop between records once a pacer's slice is
 * spent (pacer.ts): the blocks read ahead reach the records without it, and a batch took up to 0.2 s (cold).
 */
export async function runTask(task: Task, signal?: AbortSignal, onBytes?: (bytes: number) => void): Promise<TaskResult> {
  const pacer = signal ? new Pacer(signal) : undefined;
  const acc = new ProfileAccumulator(task.accumulator);
  const extractor = new TextExtractor(task.plan);
  const columns = topLevelColumns(task.plan);
  const tallies = new Map<string, { log: IssueLog; records: number; noText: number }>();
  try {
    for (const chunk of task.chunks) {
      let tally = tallies.get(chunk.file);
      if (!tally) tallies.set(chunk.file, (tally = { log: new IssueLog(chunk.file), records: 0, noText: 0 }));
      const opts = {
        maxRecordBytes: task.maxRecordBytes,
        textMode: task.textMode,
        ...(chunk.range ? { range: chunk.range } : {}),
        ...(signal ? { signal } : {}),
        ...(onBytes ? { onBytes } : {}),
        ...(columns ? { columns } : {}),
      };
      for await (const batch of readRecords(chunk.file, chunk.format, opts, tally.log)) {
        for (const { value, row } of batch) {
          tally.records++;
          const extracted = extractor.text(value);
          if (extracted === undefined) {
            tally.noText++;
            continue;
          }
          acc.add(extracted.text, row, extracted.responseStart);
          if (pacer?.due()) await pacer.pause();
        }
      }
    }
    const files = [...tallies.entries()].map(([file, t]) => ({
      file,
      records: t.records,
      malformed: t.log.malformed,
      noText: t.noText,
      issues: t.log.issues,
    }));
    return { id: task.id, state: pacer ? await runPaced(acc.stating(), pacer) : acc.toState(), files };
  } catch (err) {
    // A cancelled or failed task's accumulator goes now, with the runs its tables wrote to temporary files.
    acc.release();
    throw err;
  }
}
