import { limitHint, type Limits } from '../core/limits';

/**
 * What the walks of one run may cost together: folder entries visited and time spent. Walks are synchronous,
 * so in the language server this bounds how long a huge tree (or a link farm) keeps it from answering.
 */
export class WalkBudget {
  private entries = 0;
  private readonly deadline: number;
  /** Why walking stopped, once it has. */
  stopped?: string;

  constructor(readonly limits: Readonly<Limits>) {
    this.deadline = Date.now() + limits.walkMs;
  }

  /** Counts a folder's entries; false once the budget is spent (and from then on). */
  spend(count: number): boolean {
    if (this.stopped) return false;
    this.entries += count;
    if (this.entries > this.limits.walkEntries) this.stopped = `after ${this.limits.walkEntries} entries (${limitHint('walkEntries', this.limits)})`;
    else if (Date.now() > this.deadline) this.stopped = `after ${this.limits.walkMs} ms (${limitHint('walkMs', this.limits)})`;
    return this.stopped === undefined;
  }
}

