import { DEFAULT_LIMITS, limitHint, type Limits } from './limits';

/**
 * Why a glob is refused before minimatch compiles it, or undefined. Compiling expands every brace alternative
 * (`{a,b}` sixteen times over is 65,536 patterns and took 11 s), so the expansion count, the nesting of groups,
 * the `**` segments and the length are all bounded; no real `files:` entry comes near any of them.
 */
export function globProblem(pattern: string, limits: Readonly<Limits> = DEFAULT_LIMITS): string | undefined {
  if (pattern.length > limits.globLength) return `the pattern is ${pattern.length} characters long (${limitHint('globLength', limits)})`;
  const starStars = pattern.split('/').filter((segment) => segment === '**').length;
  if (starStars > limits.globStarStars) return `the pattern has ${starStars} '**' segments (${limitHint('globStarStars', limits)})`;
  let depth = 0;
  for (const c of pattern) {
    if (c === '{' || c === '(') depth++;
    else if ((c === '}' || c === ')') && depth > 0) depth--;
    if (depth > limits.globGroupDepth) return `the pattern nests groups deeper than ${limits.globGroupDepth} levels (${limitHint('globGroupDepth', limits)})`;
  }
  const expansions = braceExpansions(pattern, limits.globExpansions);
  if (expansions > limits.globExpansions) return `the pattern's braces expand to more than ${limits.globExpansions} patterns (${limitHint('globExpansions', limits)})`;
  return undefined;
}

/**
 * How many patterns the braces of `pattern` expand to, as brace-expansion counts them: alternatives add up,
 * groups side by side multiply. Stops counting above `cap`. Unbalanced braces count as literal text.
 */
function braceExpansions(pattern: string, cap: number): number {
  let pos = 0;
  // A sequence of text and groups, up to `,` or `}` at this level: the product of its groups.
  const sequence = (): number => {
    let product = 1;
    while (pos < pattern.length) {
      const c = pattern[pos];
      if (c === '\\') pos += 2;
      else if (c === ',' || c === '}') return product;
      else if (c === '{') {
        pos++;
        product = Math.min(cap + 1, product * group());
      } else pos++;
    }
    return product;
  };
  // Alternatives after an opening `{`, through its `}`: their sum.
  const group = (): number => {
    let sum = 0;
    for (;;) {
      sum = Math.min(cap + 1, sum + sequence());
      if (pos >= pattern.length) return sum;
      if (pattern[pos++] === '}') return sum;
    }
  };
  let total = 1;
  while (pos < pattern.length) {
    total = Math.min(cap + 1, total * sequence());
    pos++;
  }
  return total;
}
