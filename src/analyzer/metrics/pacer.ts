/**
 * Long work on a thread that also hears the abort: the pool's thread at a source's end (the near-duplicate join's
 * plan and index, its search below the split, the units' figures) and the caller's thread with `workers: 0`. An
 * abort comes as an event (a timer, the language server's next message, SIGINT), and an event runs only when the
 * thread returns to its event loop: a loop of 0.6 s held the abort that long. Such work is written as a sequence of
 * spans over items (`Work`): `runNow` runs it in one go, `runPaced` in pieces of about SPAN_MS, returning to the
 * event loop every SLICE_MS and throwing the signal's reason once aborted. Both run the same items in the same
 * order, so every figure is the same to the last bit.
 */
import { performance } from 'node:perf_hooks';

/** Most time between two returns to the event loop: the abort's wait, plus at most one piece. */
const SLICE_MS = 10;
/** About how long one piece of a span runs: short enough to stay well within SLICE_MS, long enough that its call and clock reads cost nothing. */
const SPAN_MS = 1;

/** Returns to the event loop once a slice is spent, and ends the work there when the signal has been aborted. */
export class Pacer {
  private since = performance.now();

  constructor(private readonly signal?: AbortSignal) {}

  /** Whether the slice is spent: a loop too hot for an `await` on every turn asks this first. */
  due(): boolean {
    return performance.now() - this.since >= SLICE_MS;
  }

  /** Call between pieces of work: yields when the slice is spent, then throws if aborted. */
  async pause(): Promise<void> {
    if (!this.due()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.signal?.throwIfAborted();
    this.since = performance.now();
  }

  /** `work`, or the signal's reason as soon as it is aborted: for a wait on work elsewhere that an abort does not end by itself. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (!signal) return work;
    signal.throwIfAborted();
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
  }
}

/** `run(from, to)` over the items [0, count), in order: any cut into pieces does the same work. */
export interface Span {
  count: number;
  run: (from: number, to: number) => void;
}

/** Work as spans, one after another (each made once the previous one ran), ending with a value. */
export type Work<T> = Generator<Span, T, void>;

/** Runs every span whole, in this turn of the event loop. */
export function runNow<T>(work: Work<T>): T {
  for (let step = work.next(); ; step = work.next()) {
    if (step.done) return step.value;
    step.value.run(0, step.value.count);
  }
}

/**
 * Runs every span in pieces sized to about SPAN_MS (they double or halve as the items' cost varies), pausing between
 * them. Stopped by an abort (or a failure), the work is closed: its `finally` blocks run (open files, temporary runs).
 */
export async function runPaced<T>(work: Work<T>, pacer: Pacer): Promise<T> {
  try {
    for (let step = work.next(); ; step = work.next()) {
      if (step.done) return step.value;
      const { count, run } = step.value;
      let piece = 1;
      for (let from = 0; from < count; ) {
        const to = Math.min(count, from + piece);
        const start = performance.now();
        run(from, to);
        const took = performance.now() - start;
        if (took < SPAN_MS / 2) piece *= 2;
        else if (took > SPAN_MS * 2) piece = Math.max(1, Math.floor(piece / 2));
        from = to;
        await pacer.pause();
      }
    }
  } catch (err) {
    work.return(undefined as T);
    throw err;
  }
}
