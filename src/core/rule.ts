import type { Finding, Fix, RelatedLocation, SeveritySetting } from './finding';
import type { Manifest } from './manifest';
import type { SourceProfile } from './profile';
import type { Range } from './range';

/** What a rule looks at: the manifest alone (runs on every keystroke) or the analyzer's data profiles too. */
export type RuleNeed = 'manifest' | 'profiles';

export type RuleOptionValue = number | string | boolean | string[];
export type RuleOptions = Record<string, RuleOptionValue>;

export interface ReportDescriptor {
  message: string;
  range: Range;
  /** Defaults to the manifest file. */
  file?: string;
  sourceId?: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
}

export interface RuleContext<O extends RuleOptions = RuleOptions> {
  manifest: Manifest;
  options: O;
  /** Profiles by source id; empty unless the rule needs profiles and the analyzer ran. */
  profiles: ReadonlyMap<string, SourceProfile>;
  /** The manifest named by `previous`, when it could be loaded. */
  previous?: Manifest;
  /** Files each source's globs matched on disk, by source id; undefined when the caller did not resolve them. */
  resolvedFiles?: ReadonlyMap<string, readonly string[]>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<O extends RuleOptions = RuleOptions> {
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  needs: readonly RuleNeed[];
  /** Path of the rule's docs page, relative to the project root. */
  docs: string;
  /** Options with their defaults; a config's options are merged over these. */
  defaultOptions: O;
  check(context: RuleContext<O>): void;
}

export type { Finding };
