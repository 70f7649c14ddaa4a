/** True when a pattern has glob syntax, i.e. is not a plain path. */
export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]|^!|[@+!]\(/.test(pattern);
}

/**
 * The leading segments of a glob that minimatch matches as plain text: the folder a walk must start from, and the
 * prefix a path must start with to match. They stop at the first segment with glob syntax or a backslash (an escape
 * to minimatch: `my\ data` names `my data`), and never take the last segment.
 * `data/**\/*.jsonl` → `data`; `*.csv` → ``.
 */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isGlob(segment) || segment.includes('\\')) break;
    fixed.push(segment);
  }
  return fixed.join('/');
}
