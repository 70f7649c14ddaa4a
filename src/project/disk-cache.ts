import { type Dirent, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { activeLimits } from '../analyzer/open-file';
import { isInside } from '../core/paths';
import { WalkBudget } from './walk-budget';

/**
 * One lint run's view of the disk: each path is stat'ed, resolved and listed at most once. A large manifest
 * names the same folders and files from many sources (`data/*.jsonl` in one source, `data/a.jsonl` in the
 * next), and the editor re-resolves them on every keystroke; without this each source re-reads its folder.
 * Create one per run and drop it after: it never notices changes on disk.
 */
export class DiskCache {
  private readonly stats = new Map<string, Stats | undefined>();
  private readonly realPaths = new Map<string, string | undefined>();
  private readonly listings = new Map<string, readonly Dirent[] | undefined>();
  /** Shared by every walk of the run, so many globs together cannot walk without bound either. */
  readonly walkBudget = new WalkBudget(activeLimits());
  /** The folders the run may read (real paths), when it is confined to some. */
  readonly roots?: readonly string[];

  /**
   * `readRoots`: the folders this run may read (the workspace folders, or the CLI's working folder and its
   * `--allow-read` folders, with the manifest's own folder); absent, each walk stays under the folder it starts from.
   */
  constructor(readRoots?: readonly string[]) {
    if (readRoots) this.roots = [...new Set(readRoots.map((root) => this.realPath(root) ?? root))];
  }

  /** The folders a walk from `start` may enter: the run's read roots, else the start folder itself. */
  walkRoots(start: string): readonly string[] {
    return this.roots ?? [this.realPath(start) ?? start];
  }

  /** Whether `path`, links resolved, lies under one of `roots` (false when it does not exist). */
  allows(path: string, roots: readonly string[]): boolean {
    const real = this.realPath(path);
    return real !== undefined && roots.some((root) => isInside(root, real));
  }

  /** The path's stats (following links), or undefined when it does not exist or cannot be read. */
  stat(path: string): Stats | undefined {
    if (this.stats.has(path)) return this.stats.get(path);
    let stats: Stats | undefined;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      stats = undefined;
    }
    this.stats.set(path, stats);
    return stats;
  }

  realPath(path: string): string | undefined {
    if (this.realPaths.has(path)) return this.realPaths.get(path);
    let real: string | undefined;
    try {
      // One realpath(3) call; the JavaScript realpathSync makes one lstat per path segment.
      real = realpathSync.native(path);
    } catch {
      real = undefined;
    }
    this.realPaths.set(path, real);
    return real;
  }

  /** The folder's entries sorted by name, or undefined when it cannot be read. */
  list(dir: string): readonly Dirent[] | undefined {
    if (this.listings.has(dir)) return this.listings.get(dir);
    let entries: Dirent[] | undefined;
    try {
      entries = this.readFolder(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      entries = undefined;
    }
    this.listings.set(dir, entries);
    return entries;
  }

  /** The one place a folder is read; a test counts the reads through it. */
  protected readFolder(dir: string): Dirent[] {
    return readdirSync(dir, { withFileTypes: true });
  }
}
