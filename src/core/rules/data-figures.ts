/**
 * What the data rules share: reading the analyzer's estimates against a threshold and pointing at data rows.
 */
import { baseName } from '../dialects/context';
import type { RelatedLocation } from '../finding';
import type { Manifest, Origin, Source } from '../manifest';
import { isMeasured, type Estimate, type MeasuredProfile, type RowRef, type SourceProfile } from '../profile';
import type { Range } from '../range';

/**
 * A figure from a sample (one with `ci95`) counts as over a limit only when its whole 95% interval is:
 * a point estimate just above the limit is as likely to be under it, and a linter that fires on noise gets
 * switched off. Exact figures (no `ci95`) are compared as they are.
 */
export function clearlyAbove(estimate: Estimate, limit: number): boolean {
  return estimate.value > limit && (estimate.ci95 === undefined || estimate.ci95[0] > limit);
}

/** The mirror of clearlyAbove: the whole 95% interval, when there is one, is under the limit. */
export function clearlyBelow(estimate: Estimate, limit: number): boolean {
  return estimate.value < limit && (estimate.ci95 === undefined || estimate.ci95[1] < limit);
}

/**
 * A figure a rule holds to a limit, and the rule's verdict on it. `crossed` is the comparison the rule reports on
 * (clearlyAbove, clearlyBelow), so a view that marks a figure shows the rule's verdict, not a comparison of its own.
 */
export interface Verdict {
  estimate: Estimate;
  /** `max`: past the limit above it; `min`: below it. */
  bound: 'max' | 'min';
  limit: number;
  crossed: boolean;
}

/** A figure that may be at most `limit`. */
export function atMost(estimate: Estimate, limit: number): Verdict {
  return { estimate, bound: 'max', limit, crossed: clearlyAbove(estimate, limit) };
}

/** A figure that must be at least `limit`. */
export function atLeast(estimate: Estimate, limit: number): Verdict {
  return { estimate, bound: 'min', limit, crossed: clearlyBelow(estimate, limit) };
}

/** "3.20", or "3.20 (95% CI 3.05-3.34)" for a sampled figure, with `show` formatting each number. */
export function estimateText(estimate: Estimate, show: (x: number) => string): string {
  const ci = estimate.ci95;
  return ci === undefined ? show(estimate.value) : `${show(estimate.value)} (95% CI ${show(ci[0])}-${show(ci[1])})`;
}

export interface ProfiledSource {
  source: Source;
  profile: MeasuredProfile;
}

/**
 * Sources of the given origins that the analyzer profiled and found records in: a profile of no records has no
 * figures (`metrics` absent) and says nothing about the data (unreadable-data reports why it is empty).
 */
export function profiledSources(manifest: Manifest, profiles: ReadonlyMap<string, SourceProfile>, origins: readonly Origin[]): ProfiledSource[] {
  const out: ProfiledSource[] = [];
  for (const source of manifest.sources) {
    const profile = profiles.get(source.id);
    if (profile !== undefined && isMeasured(profile) && origins.includes(source.origin)) out.push({ source, profile });
  }
  return out;
}

/**
 * The smallest sample a rate over records is judged on: below it one record moves the rate by more than
 * three points (a pair of duplicates in 6 records is 33%, one refusal in 10 is 10%), so a rule would be
 * judging the sample, not the source. The data rules that have no comparison of their own to size them
 * (near-duplicates, template-collapse, assistant-artifacts, provenance-mismatch's phrase evidence) take it
 * as their `minRecords` default.
 */
export const MIN_RECORDS = 30;

export const MIN_RECORDS_OPTION = { description: 'Fewest records a source needs to be judged (a rate over fewer records says more about the sample than the source).', minimum: 1, integer: true } as const;

/** The origins whose data may be model-written, which the synthetic-data rules examine. */
export const GENERATED_ORIGINS: readonly Origin[] = ['synthetic', 'mixed'];

/**
 * Every view's name for a data row (rule messages, `synthlint profile`): "reddit.jsonl:12" for a line, as ESLint and
 * compilers write it, which terminals and editors open at the line; "alpaca.json[3]" for a record of a JSON array or
 * Parquet file, its 0-based index as jq and Python write it. A JSON array's record has both, and its index names it:
 * every record of a one-line array is on line 1. `name` is the file as the view shows it: its base name in a
 * finding, whose related location holds the path; the path from the working folder in a terminal page.
 */
export function rowLabel(row: RowRef, name = baseName(row.file)): string {
  if (row.index !== undefined) return `${name}[${row.index}]`;
  return row.line === undefined ? name : `${name}:${row.line}`;
}

/** The row's line in its data file (a JSON array or Parquet row has none: the file's start stands for it). */
export function rowRange(row: { line?: number }): Range {
  const line = row.line === undefined ? 0 : Math.max(0, row.line - 1);
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

export function rowLocation(row: RowRef, message: string): RelatedLocation {
  return { file: row.file, range: rowRange(row), message };
}
