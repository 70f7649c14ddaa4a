import type { Finding, Fix, RelatedLocation, Severity, SeveritySetting } from './finding';
import type { Manifest } from './manifest';
import type { SourceProfile } from './profile';
import type { DatasetRegistry } from './provenance/registry';
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
  /**
   * Only for rules whose options grade their findings (recursive-generation's `errorAt`): raises this finding
   * to the given severity. Absent, the severity configured for the rule applies.
   */
  severity?: Severity;
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
  /** The provenance registry in force for this manifest (the committed one with the config's datasets over it). */
  registry: DatasetRegistry;
  /** The manifest's text, for fixes that must read the lines they edit. */
  text?: string;
  report(descriptor: ReportDescriptor): void;
}

/** Type follows the option's default; these narrow it further. */
export interface OptionSpec {
  description: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  integer?: boolean;
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
  /** What each option means and which values it takes; the config validator and the JSON Schema read these. */
  optionSpecs?: { [K in keyof O]: OptionSpec };
  check(context: RuleContext<O>): void;
}

export type { Finding };
