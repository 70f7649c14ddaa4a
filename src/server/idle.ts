/**
 * Counts the server's pending work (debounce timers, lints, analyses) so tests and the `synthlint/idle`
 * request can wait for "nothing left to do" instead of sleeping for a guessed time.
 */
export class IdleTracker {
  private pending = 0;
  private waiters: (() => void)[] = [];

  begin(): void {
    this.pending++;
  }

  end(): void {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) {
      // Let work started in the same turn (a lint scheduling an analysis) register before declaring idle.
      setImmediate(() => {
        if (this.pending !== 0) return;
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      });
    }
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.begin();
    try {
      return await work();
    } finally {
      this.end();
    }
  }

  whenIdle(): Promise<void> {
    if (this.pending === 0) return new Promise((resolve) => setImmediate(resolve)).then(() => (this.pending === 0 ? undefined : this.whenIdle()));
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** One timer per key: a new call for the same key replaces the previous one (typing restarts the wait). */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly idle: IdleTracker) {}

  run(key: string, delayMs: number, action: () => void): void {
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous);
    else this.idle.begin();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        try {
          action();
        } finally {
          this.idle.end();
        }
      }, delayMs),
    );
  }

  cancel(key: string): void {
    const previous = this.timers.get(key);
    if (!previous) return;
    clearTimeout(previous);
    this.timers.delete(key);
    this.idle.end();
  }
}
