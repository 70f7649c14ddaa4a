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

/** What callers ask of a compiled glob: `match` answers as `minimatch(path, pattern, options)` does. */
export interface CompiledGlob {
  match(path: string, partial?: boolean): boolean;
}

/**
 * The options under which a plain pattern (PLAIN_PATTERN) matches as its text: `dot` changes nothing for a pattern
 * whose first character is not a dot, `nonegate` and `nocomment` nothing for one without `!` or `#`. Any other option
 * (`matchBase`, `partial`, `flipNegate`, ...) leaves every pattern to minimatch.
 */
const PLAIN_OPTIONS: ReadonlySet<string> = new Set(['nocase', 'dot', 'nonegate', 'nocomment']);

/** A name with at most one `*`, not first: ASCII letters, digits, `_`, `-` and dots after the first character. */
const PLAIN_PATTERN = /^[A-Za-z0-9_-][\w.-]*(?:\*[\w.-]*)?$/;

/**
 * The one character outside ASCII that lowercases to an ASCII letter alone (U+212A KELVIN SIGN, to `k`): minimatch's
 * case-insensitive regex (flag `i` without `u`) does not match it to `k`, so a name holding it goes to minimatch.
 */
const KELVIN = '\u212A';

/** What follows a name's first slash in a path that a one-segment pattern can match. */
const ONLY_SLASHES = /^\/+$/;

/**
 * A literal, `prefix*` or `prefix*suffix` pattern matched without minimatch: on the bench's 1,000-source manifest
 * `generator-terms` made 1,583 of the run's 2,609 matches on the first two, each splitting the name into an array
 * and running a regex, and the `files` entries' `part-*.jsonl` most of the rest (expanding them, then source-missing).
 * A name with a backslash (a Windows separator, by platform) or a partial match of a path with a slash is left to
 * minimatch, which is compiled only then; any other path with a slash matches only as a name and trailing slashes:
 * `generator-terms` matches hub ids (`meta-llama/Llama-2-7b`) whole against each pattern, which compiled all of
 * them. test/unit/core/glob-cache.test.ts compares the two on random names.
 */
class PlainGlob implements CompiledGlob {
  /** The pattern before its `*` (all of it without one) and after it, lowercased under `nocase`. */
  private readonly head: string;
  private readonly tail: string;
  private readonly star: boolean;
  private readonly nocase: boolean;
  private compiled: Minimatch | undefined;

  constructor(
    private readonly pattern: string,
    private readonly options: MinimatchOptions,
  ) {
    const star = pattern.indexOf('*');
    this.star = star >= 0;
    this.nocase = options.nocase === true;
    const head = this.star ? pattern.slice(0, star) : pattern;
    const tail = this.star ? pattern.slice(star + 1) : '';
    this.head = this.nocase ? head.toLowerCase() : head;
    this.tail = this.nocase ? tail.toLowerCase() : tail;
  }

  match(path: string, partial?: boolean): boolean {
    if (path.includes('\\')) return this.minimatch().match(path, partial);
    const slash = path.indexOf('/');
    if (slash < 0) return this.matchName(path, path, partial);
    // A pattern of one segment matches a path of more only as a name followed by slashes alone (`gpt-4/`), as minimatch
    // does; whether a folder could hold a match (partial) is minimatch's to say.
    if (partial === true) return this.minimatch().match(path, partial);
    return slash > 0 && ONLY_SLASHES.test(path.slice(slash)) && this.matchName(path.slice(0, slash), path);
  }

  /** Whether `name`, a path's one segment, matches; `path` goes to minimatch in the one case it answers (KELVIN). */
  private matchName(name: string, path: string, partial?: boolean): boolean {
    const { head, tail } = this;
    if (this.star ? name.length < head.length + tail.length : name.length !== head.length) return false;
    if (!this.nocase) return name.startsWith(head) && name.endsWith(tail);
    const start = this.star ? name.slice(0, head.length) : name;
    const end = name.slice(name.length - tail.length);
    if (start.toLowerCase() !== head || end.toLowerCase() !== tail) return false;
    return start.includes(KELVIN) || end.includes(KELVIN) ? this.minimatch().match(path, partial) : true;
  }

  private minimatch(): Minimatch {
    this.compiled ??= new QuietMinimatch(this.pattern, this.options);
    return this.compiled;
  }
}

/** Whether every pattern under these options that PLAIN_PATTERN accepts can be matched as text (PlainGlob). */
function plainOptions(options: MinimatchOptions): boolean {
  return Object.keys(options).every((key) => PLAIN_OPTIONS.has(key));
}

/** Beyond this many patterns the cache starts over, so a long-running server does not keep every glob ever typed. */
const MAX_PATTERNS = 10_000;

/**
 * Compiled globs, each pattern compiled once. Compiling costs far more than matching, and the on-type lint
 * matches the same few patterns against every source of a manifest on every keystroke. `match` answers as
 * `minimatch(path, pattern, options)` does; keep one cache per set of options, at module level.
 */
export function globCache(options: MinimatchOptions): (pattern: string) => CompiledGlob {
  const compiled = new Map<string, CompiledGlob>();
  const plain = plainOptions(options);
  return (pattern) => {
    let matcher = compiled.get(pattern);
    if (matcher === undefined) {
      if (compiled.size >= MAX_PATTERNS) compiled.clear();
      // A pattern too costly to compile matches nothing; whoever reads it from a file reports why (globProblem).
      if (globProblem(pattern) !== undefined) matcher = new QuietMinimatch(NEVER, options);
      else matcher = plain && PLAIN_PATTERN.test(pattern) ? new PlainGlob(pattern, options) : new QuietMinimatch(pattern, options);
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
