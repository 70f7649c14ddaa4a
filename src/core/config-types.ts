/** The shape of a parsed `.synthlint.yaml`, shared by the parser, the presets and effectiveRules. */
import type { SeveritySetting } from './finding';
import type { PresetId } from './preset-ids';
import type { RuleOptions } from './rule';

/** One rule's entry: a severity, options merged over the rule's defaults, or both. */
export interface RuleSetting {
  severity?: SeveritySetting;
  options?: RuleOptions;
}

export interface ConfigOverride {
  /** Globs relative to the config file's folder. */
  files: string[];
  rules: Map<string, RuleSetting>;
}

export interface Config {
  /** Absolute path of the file the config was read from. */
  file: string;
  /** Presets applied in order before `rules`; `recommended` when the file names none. */
  extends: PresetId[];
  rules: Map<string, RuleSetting>;
  /** Applied in order after `rules`, when their globs match the manifest; later overrides win. */
  overrides: ConfigOverride[];
  /** Globs of manifests to lint, replacing the default discovery globs. */
  manifests?: string[];
  /** Globs never linted. */
  ignore?: string[];
}

/** What a rule runs with for one manifest. */
export interface RuleConfig {
  severity: SeveritySetting;
  options: RuleOptions;
}

export type EffectiveRules = Map<string, RuleConfig>;
