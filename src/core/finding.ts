import type { Range } from './range';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is a set of edits to one file (the manifest unless `file` says otherwise); never applied behind the user's back. */
export interface Fix {
  title: string;
  /** Absolute path of the file to edit; absent means the manifest the finding is in. */
  file?: string;
  edits: TextEdit[];
  /** True for the one fix an editor may offer as the preferred quick fix. */
  preferred?: boolean;
  /**
   * True when the fix writes only what synthlint measured or knows for certain (no choice, no placeholder), so
   * `synthlint check --fix` may apply it unattended. A fix that asks the user to choose or to fill in is not safe.
   */
  safe?: boolean;
}

/** A place elsewhere that explains a finding: a data row of a near-duplicate pair, the parent source of a chain. */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file the finding is in (a manifest, a config file or a data file). */
  file: string;
  range: Range;
  /** The source the finding is about, when it is about one. */
  sourceId?: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Rule-specific figures (shares, depths, metric values) for reports and machine output. */
  data?: Record<string, unknown>;
}

/**
 * A finding's object, with the fields every finding has, in the order they are written to JSON. Made by
 * `Object.create`, not as an object literal: V8 allocates a literal's objects in the old generation once it has seen
 * them outlive a young collection (the language server keeps each lint's findings a while), and dead old findings
 * then kept their messages, ranges and figures alive through every young collection of the lints after (see
 * docs/benchmarks.md, *Each lint's garbage dies young*). A plain object all the same: same prototype, same keys.
 */
export function newFinding(ruleId: string, severity: Severity, message: string, file: string, range: Range): Finding {
  const finding = Object.create(Object.prototype) as Finding;
  finding.ruleId = ruleId;
  finding.severity = severity;
  finding.message = message;
  finding.file = file;
  finding.range = range;
  return finding;
}
