import type { EffectiveRules } from '../../core/config-types';
import type { Finding, Severity } from '../../core/finding';
import type { Manifest } from '../../core/manifest';
import type { SourceProfile } from '../../core/profile';
import type { Rule } from '../../core/rule';

/** The findings of one file, with what was learned about it when it is a manifest. */
export interface FileResult {
  /** Absolute path. */
  file: string;
  findings: Finding[];
  /** The file's text, when it was read (for fixes given as offsets). */
  text?: string;
  manifest?: Manifest;
  profiles?: ReadonlyMap<string, SourceProfile>;
  /** The manifest's rules and options from its config (how the views count mixed sources). */
  rules?: EffectiveRules;
}

export interface FormatContext {
  /** Paths are shown relative to this folder (SARIF: the `%SRCROOT%` base). */
  cwd: string;
  color: boolean;
  version: string;
  /** Every rule known, for SARIF's rule table. */
  rules: readonly Rule[];
}

/**
 * A report's text, whole or in pieces that are written one after another. The stylish report is pieces: as one string,
 * the `✖` of its summary made the whole text two-byte, 0.5 MB on the bench's 1,000 sources, copied in the join and
 * again in the write, with a fresh page touched per 4 kB (~130 page faults a cold `check --no-data`).
 */
export type FormattedReport = string | readonly string[];

/** A report's pieces in order: one for a report that is one string. */
export function reportPieces(report: FormattedReport): readonly string[] {
  return typeof report === 'string' ? [report] : report;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => FormattedReport;

/** A formatter whose report is one string (all but stylish). */
export type TextFormatter = (results: readonly FileResult[], context: FormatContext) => string;

export interface SeverityCounts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return { errorCount: counts.error, warningCount: counts.warning, infoCount: counts.info };
}
