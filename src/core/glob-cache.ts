import { Minimatch, type MinimatchOptions } from 'minimatch';
import { globProblem } from './glob-limits';

/** No path holds a NUL character, so this pattern matches nothing. */
const NEVER = '\u0000';

/**
 * Minimatch without its debug calls' garbage. Minimatch calls `this.debug(...)` a few times per compile and per path
 * segment it matches, and its no-op `debug(..._)` takes its arguments as a rest array, which unoptimised code (all
 * of a cold `check --no-data`, whose launcher turns the optimising compiler off) allocates on every call: 1.1 MB of
 * the 19 MB that run allocates, on the bench's 1,000-source manifest. A method without parameters allocates nothing;
 * minimatch's own `debug: true` option replaces the method the same way (as an own property).
 */
class QuietMinimatch extends Minimatch {
  override debug(): void {}
}

/** Beyond this many patterns the cache starts over, so a long-running server does not keep every glob ever typed. */
const MAX_PATTERNS = 10_000;

/**
 * Compiled globs, each pattern compiled once. Compiling costs far more than matching, and the on-type lint
 * matches the same few patterns against every source of a manifest on every keystroke. `match` answers as
 * `minimatch(path, pattern, options)` does; keep one cache per set of options, at module level.
 */
export function globCache(options: MinimatchOptions): (pattern: string) => Minimatch {
  const compiled = new Map<string, Minimatch>();
  return (pattern) => {
    let matcher = compiled.get(pattern);
    if (matcher === undefined) {
      if (compiled.size >= MAX_PATTERNS) compiled.clear();
      // A pattern too costly to compile matches nothing; whoever reads it from a file reports why (globProblem).
      matcher = new QuietMinimatch(globProblem(pattern) === undefined ? pattern : NEVER, options);
      compiled.set(pattern, matcher);
    }
    return matcher;
  };
}

/**
 * Globs of paths, as the part of a pattern after its plain folders (globBase): dot files count (`.cache/x.jsonl` is
 * still data) and a leading `!` or `#` is part of a name or an extglob, as it is in the middle of the whole pattern,
 * never minimatch's negation or comment. Shared by the expansion of a manifest's `files` entries (project/glob.ts)
 * and the rules that check them (file-patterns.ts), which compile the same entries: one compile each.
 */
export const pathGlob = globCache({ dot: true, nonegate: true, nocomment: true });
