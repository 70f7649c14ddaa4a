/** The shape of a parsed `.synthlint.yaml`, shared by the parser, the presets and effectiveRules. */
import type { DataRequest } from './data-settings';
import type { RemoteRequest } from './remote-request';
import type { SeveritySetting } from './finding';
import type { PresetId } from './preset-ids';
import type { MachineKind, RegistryEntry } from './provenance/entry';
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
  /** Provenance registry entries the team adds or overrides: those of `registry`'s file, then the inline ones. */
  datasets?: RegistryEntry[];
  /** A registry file (same schema as `datasets:`), relative to the config file; the project layer reads it. */
  registry?: string;
  /** Machine kinds whose output counts as synthetic; LLM output only when absent. */
  syntheticMachines?: MachineKind[];
  /** How much data the analyzer reads and how exactly (`data: { exact, full, sampleAbove }`); flags and editor settings win. */
  data?: DataRequest;
  /** Remote sources (`remote: { enabled, budgetMB, ... }`); the CLI flags and the editor's setting win (docs/remote-data.md). */
  remote?: RemoteRequest;
}

/** What a rule runs with for one manifest. */
export interface RuleConfig {
  severity: SeveritySetting;
  options: RuleOptions;
}

export type EffectiveRules = Map<string, RuleConfig>;
