/** Suggestions for misspelt names (rule ids, config keys, options, severities), as in "did you mean 'x'?". */

/** Levenshtein distance with a cut-off: anything above `max` is reported as `max + 1`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo: at most a third of the word's
 * length in edits (at least 1), compared case-insensitively; or else a candidate the word abbreviates
 * (`warn` → `warning`).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = max + 1;
  const list = [...candidates];
  for (const candidate of list) {
    const distance = editDistance(lower, candidate.toLowerCase(), max);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined && lower.length >= 3) best = list.find((c) => c.toLowerCase().startsWith(lower));
  return best;
}

/** " Did you mean 'x'?" or an empty string, to append to a message. */
export function didYouMeanSuffix(word: string, candidates: Iterable<string>): string {
  const suggestion = didYouMean(word, candidates);
  return suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
}
