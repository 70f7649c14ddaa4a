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

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;

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
