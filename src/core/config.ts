/**
 * `.synthlint.yaml` (or `.yml`, `.json`): reading it with a position for every key, so a bad config is
 * reported as findings in the config file rather than ignored or thrown, and resolving it into the rules
 * that apply to one manifest. The shape is ESLint's (extends, rules, overrides); docs/configuration.md.
 */
import { globCache } from './glob-cache';
import type { Config, ConfigOverride, EffectiveRules, RuleSetting } from './config-types';
import { dataRequestProblem, type DataRequest } from './data-settings';
import { REMOTE_KEYS, type RemoteRequest } from './remote-request';
import { didYouMeanSuffix } from './did-you-mean';
import type { Finding, Severity, SeveritySetting } from './finding';
import { parseJson } from './json-source';
import { relativeInside } from './paths';
import { PRESET_IDS, PRESETS, isPresetId, type PresetId } from './presets';
import { MACHINE_KINDS, type MachineKind, type RegistryEntry } from './provenance/entry';
import { readRegistryEntries } from './provenance/read-entries';
import { LineIndex, type Range } from './range';
import type { RuleOptionValue, RuleOptions } from './rule';
import { ruleById, rules } from './rules/index';
import { type MapNode, type SyntaxNode, describeNode } from './syntax-tree';
import { parseSize } from './size';
import { parseYaml } from './yaml-source';

export type { Config, ConfigOverride, EffectiveRules, RuleConfig, RuleSetting } from './config-types';

export const CONFIG_FILE_NAMES = ['.synthlint.yaml', '.synthlint.yml', '.synthlint.json'] as const;

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const TOP_LEVEL_KEYS = ['extends', 'rules', 'overrides', 'manifests', 'ignore', 'datasets', 'registry', 'syntheticMachines', 'data', 'remote'];
const OVERRIDE_KEYS = ['files', 'rules'];
const DATA_KEYS = ['exact', 'full', 'sampleAbove'];

/** Reads the config, keeping what is valid and reporting the rest; `config` is undefined only on syntax errors. */
class ConfigReader {
  readonly findings: Finding[] = [];
  private readonly lines: LineIndex;

  constructor(
    private readonly file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  problem(node: { start: number; end: number }, message: string, severity: Severity = 'error'): void {
    this.findings.push({ ruleId: 'config-invalid', severity, message, file: this.file, range: this.range(node) });
  }

  range(node: { start: number; end: number }): Range {
    return this.lines.rangeOf(node.start, node.end);
  }

  read(root: SyntaxNode | undefined): Config {
    const config: Config = { file: this.file, extends: [], rules: new Map(), overrides: [] };
    if (root === undefined) return config;
    if (root.kind !== 'map') {
      this.problem(root, `A synthlint config is a mapping of extends, rules, overrides, manifests, ignore, datasets, registry, syntheticMachines, data and remote, not ${describeNode(root)}.`);
      return config;
    }
    for (const { key, value } of root.entries) {
      const name = String(key.value);
      if (name === 'extends') config.extends = this.presets(value);
      else if (name === 'rules') config.rules = this.rules(value);
      else if (name === 'overrides') config.overrides = this.overrides(value);
      else if (name === 'manifests' || name === 'ignore') {
        const globs = this.strings(value, name);
        if (globs !== undefined) config[name] = globs;
      } else if (name === 'datasets') config.datasets = this.datasets(value);
      else if (name === 'registry') {
        if (value.kind === 'scalar' && typeof value.value === 'string' && value.value.trim() !== '') config.registry = value.value.trim();
        else this.problem(value, `'registry' is the path of a registry file (relative to this config), not ${describeNode(value)}.`);
      } else if (name === 'syntheticMachines') config.syntheticMachines = this.machines(value);
      else if (name === 'remote') {
        const remote = this.remote(value);
        if (remote !== undefined) config.remote = remote;
      } else if (name === 'data') {
        const data = this.data(value);
        if (data !== undefined) config.data = data;
      }
      else this.problem(key, `Unknown config key '${name}'.${didYouMeanSuffix(name, TOP_LEVEL_KEYS)}`, 'warning');
    }
    return config;
  }

  /** `remote: { enabled, budgetMB, timeoutSeconds, retries, hfEndpoint, s3Endpoint }`: as --remote and its flags. */
  remote(node: SyntaxNode): RemoteRequest | undefined {
    if (node.kind !== 'map') {
      this.problem(node, `'remote' is a mapping of ${REMOTE_KEYS.join(', ')}, not ${describeNode(node)}.`);
      return undefined;
    }
    const request: RemoteRequest = {};
    for (const { key, value } of node.entries) {
      const name = String(key.value);
      const scalar = value.kind === 'scalar' ? value.value : undefined;
      if (name === 'enabled') {
        if (typeof scalar === 'boolean') request.enabled = scalar;
        else this.problem(value, `'remote.enabled' is true or false, not ${describeNode(value)}.`);
      } else if (name === 'budgetMB' || name === 'timeoutSeconds' || name === 'retries') {
        const least = name === 'retries' ? 0 : 1;
        if (typeof scalar === 'number' && Number.isInteger(scalar) && scalar >= least) request[name] = scalar;
        else this.problem(value, `'remote.${name}' is a whole number of at least ${least}, not ${describeNode(value)}.`);
      } else if (name === 'hfEndpoint' || name === 's3Endpoint') {
        if (typeof scalar === 'string' && /^https?:\/\/[^\s]+$/i.test(scalar)) request[name] = scalar;
        else this.problem(value, `'remote.${name}' is an http(s) URL, not ${describeNode(value)}.`);
      } else this.problem(key, `Unknown remote setting '${name}' (one of ${REMOTE_KEYS.join(', ')}).${didYouMeanSuffix(name, REMOTE_KEYS)}`);
    }
    return request;
  }

  /** `data: { exact, full, sampleAbove }`: the same request as the CLI's --exact, --full and --sample-above. */
  data(node: SyntaxNode): DataRequest | undefined {
    if (node.kind !== 'map') {
      this.problem(node, `'data' is a mapping of exact, full and sampleAbove, not ${describeNode(node)}.`);
      return undefined;
    }
    const request: DataRequest = {};
    for (const { key, value } of node.entries) {
      const name = String(key.value);
      if (name === 'exact' || name === 'full') {
        if (value.kind === 'scalar' && typeof value.value === 'boolean') request[name] = value.value;
        else this.problem(value, `'data.${name}' is true or false, not ${describeNode(value)}.`);
      } else if (name === 'sampleAbove') {
        const size = value.kind === 'scalar' && (typeof value.value === 'string' || typeof value.value === 'number') ? parseSize(value.value) : undefined;
        if (size?.ok) request.sampleAboveBytes = size.bytes;
        else this.problem(value, `'data.sampleAbove' is a size such as 64MB: ${size ? size.message : `not ${describeNode(value)}`}.`);
      } else this.problem(key, `Unknown data setting '${name}' (one of ${DATA_KEYS.join(', ')}).${didYouMeanSuffix(name, DATA_KEYS)}`);
    }
    const contradiction = dataRequestProblem(request, { exact: "'exact: true'", full: "'full: true'", sampleAbove: "'sampleAbove'" });
    if (contradiction) {
      this.problem(node, `${contradiction}.`);
      return undefined;
    }
    return request;
  }

  /** Registry entries (docs/registry.md), reported where they are wrong and kept where they are right. */
  datasets(node: SyntaxNode): RegistryEntry[] {
    const read = readRegistryEntries(node, 'config');
    for (const problem of read.problems) this.problem(problem.node, problem.message);
    return read.entries;
  }

  machines(node: SyntaxNode): MachineKind[] {
    const names = this.strings(node, 'syntheticMachines') ?? [];
    const nodes = node.kind === 'seq' ? node.items : [node];
    return names.filter((name): name is MachineKind => {
      if ((MACHINE_KINDS as readonly string[]).includes(name)) return true;
      const at = nodes.find((n) => n.kind === 'scalar' && n.value === name) ?? node;
      this.problem(at, `Unknown machine kind '${name}' (one of ${MACHINE_KINDS.join(', ')}).${didYouMeanSuffix(name, MACHINE_KINDS)}`);
      return false;
    });
  }

  /** A string or a list of strings. */
  strings(node: SyntaxNode, what: string): string[] | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') return [node.value];
    if (node.kind !== 'seq') {
      this.problem(node, `'${what}' takes a string or a list of strings, not ${describeNode(node)}.`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (item.kind === 'scalar' && typeof item.value === 'string') out.push(item.value);
      else this.problem(item, `'${what}' entries are strings, not ${describeNode(item)}.`);
    }
    return out;
  }

  presets(node: SyntaxNode): PresetId[] {
    const names = this.strings(node, 'extends') ?? [];
    const nodes = node.kind === 'seq' ? node.items : [node];
    const out: PresetId[] = [];
    names.forEach((name) => {
      if (isPresetId(name)) out.push(name);
      else {
        const at = nodes.find((n) => n.kind === 'scalar' && n.value === name) ?? node;
        this.problem(at, `Unknown preset '${name}'; synthlint has ${PRESET_IDS.map((p) => `'${p}'`).join(' and ')}.${didYouMeanSuffix(name, PRESET_IDS)}`);
      }
    });
    return out;
  }

  rules(node: SyntaxNode): Map<string, RuleSetting> {
    const out = new Map<string, RuleSetting>();
    if (node.kind !== 'map') {
      this.problem(node, `'rules' is a mapping of rule ids to settings, not ${describeNode(node)}.`);
      return out;
    }
    for (const { key, value } of node.entries) {
      const id = String(key.value);
      if (ruleById(id) === undefined) {
        this.problem(key, `Unknown rule '${id}'.${didYouMeanSuffix(id, rules.map((r) => r.id))}`);
        continue;
      }
      const setting = this.ruleSetting(id, value);
      if (setting !== undefined) out.set(id, setting);
    }
    return out;
  }

  /** `severity` or `[severity]` or `[severity, {options}]`. */
  ruleSetting(id: string, node: SyntaxNode): RuleSetting | undefined {
    if (node.kind === 'scalar') {
      const severity = this.severity(node);
      return severity === undefined ? undefined : { severity };
    }
    if (node.kind !== 'seq' || node.items.length === 0 || node.items.length > 2) {
      this.problem(node, `Rule '${id}' takes a severity (off, info, warning, error) or [severity, {options}], not ${describeNode(node)}.`);
      return undefined;
    }
    const [first, second] = node.items;
    const severity = first === undefined ? undefined : this.severity(first);
    const options = second === undefined ? undefined : this.options(id, second);
    if (severity === undefined) return options === undefined ? undefined : { options };
    return options === undefined ? { severity } : { severity, options };
  }

  severity(node: SyntaxNode): SeveritySetting | undefined {
    const value = node.kind === 'scalar' ? node.value : undefined;
    if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as SeveritySetting;
    const shown = typeof value === 'string' ? `'${value}'` : describeNode(node);
    this.problem(node, `Severity must be one of off, info, warning, error, not ${shown}.${typeof value === 'string' ? didYouMeanSuffix(value, SEVERITIES) : ''}`);
    return undefined;
  }

  options(id: string, node: SyntaxNode): RuleOptions | undefined {
    const rule = ruleById(id);
    if (rule === undefined) return undefined;
    if (node.kind !== 'map') {
      this.problem(node, `Options of '${id}' are a mapping, not ${describeNode(node)}.`);
      return undefined;
    }
    const names = Object.keys(rule.defaultOptions);
    const out: RuleOptions = {};
    for (const { key, value } of node.entries) {
      const name = String(key.value);
      if (!Object.hasOwn(rule.defaultOptions, name)) {
        const known = names.length === 0 ? ` '${id}' has no options.` : ` Its options are ${names.join(', ')}.${didYouMeanSuffix(name, names)}`;
        this.problem(key, `Unknown option '${name}' for rule '${id}'.${known}`);
        continue;
      }
      const parsed = this.optionValue(id, name, rule.defaultOptions[name], rule.optionSpecs?.[name], value);
      if (parsed !== undefined) out[name] = parsed;
    }
    return out;
  }

  optionValue(
    id: string,
    name: string,
    example: RuleOptionValue | undefined,
    spec: { enum?: readonly string[]; minimum?: number; maximum?: number; integer?: boolean } | undefined,
    node: SyntaxNode,
  ): RuleOptionValue | undefined {
    const where = `Option '${name}' of '${id}'`;
    if (Array.isArray(example)) return this.strings(node, `${id}.${name}`);
    const value = node.kind === 'scalar' ? node.value : undefined;
    const expected = typeof example;
    if (typeof value !== expected || value === null) {
      this.problem(node, `${where} takes a ${expected}, not ${describeNode(node)}.`);
      return undefined;
    }
    if (typeof value === 'string' && spec?.enum !== undefined && !spec.enum.includes(value)) {
      this.problem(node, `${where} is one of ${spec.enum.join(', ')}, not '${value}'.${didYouMeanSuffix(value, spec.enum)}`);
      return undefined;
    }
    if (typeof value === 'number') {
      const bad =
        !Number.isFinite(value) ||
        (spec?.integer === true && !Number.isInteger(value)) ||
        (spec?.minimum !== undefined && value < spec.minimum) ||
        (spec?.maximum !== undefined && value > spec.maximum);
      if (bad) {
        const kind = spec?.integer === true ? 'a whole number' : 'a number';
        const { minimum: min, maximum: max } = spec ?? {};
        const bounds =
          min !== undefined && max !== undefined ? `${kind} from ${min} to ${max}` : min !== undefined ? `${kind} ≥ ${min}` : max !== undefined ? `${kind} ≤ ${max}` : kind;
        this.problem(node, `${where} must be ${bounds}, not ${value}.`);
        return undefined;
      }
    }
    return value;
  }

  overrides(node: SyntaxNode): ConfigOverride[] {
    if (node.kind !== 'seq') {
      this.problem(node, `'overrides' is a list of { files, rules }, not ${describeNode(node)}.`);
      return [];
    }
    const out: ConfigOverride[] = [];
    for (const item of node.items) {
      if (item.kind !== 'map') {
        this.problem(item, `An override is a mapping with 'files' and 'rules', not ${describeNode(item)}.`);
        continue;
      }
      const override = this.override(item);
      if (override !== undefined) out.push(override);
    }
    return out;
  }

  override(node: MapNode): ConfigOverride | undefined {
    let files: string[] | undefined;
    let settings = new Map<string, RuleSetting>();
    for (const { key, value } of node.entries) {
      const name = String(key.value);
      if (name === 'files') files = this.strings(value, 'files');
      else if (name === 'rules') settings = this.rules(value);
      else this.problem(key, `Unknown override key '${name}'.${didYouMeanSuffix(name, OVERRIDE_KEYS)}`, 'warning');
    }
    if (files === undefined || files.length === 0) {
      this.problem(node.entries[0]?.key ?? node, "An override needs 'files': the globs of the manifests it applies to.");
      return undefined;
    }
    return { files, rules: settings };
  }
}

export function parseConfig(file: string, text: string): { config?: Config; findings: Finding[] } {
  const reader = new ConfigReader(file, text);
  const tree = /\.json$/i.test(file) ? parseJson(text) : parseYaml(text);
  for (const error of tree.errors) reader.problem(error, `Config file cannot be read: ${error.message}`);
  if (tree.errors.length > 0) return { findings: reader.findings };
  for (const warning of tree.warnings ?? []) reader.problem(warning, warning.message, 'warning');
  const config = reader.read(tree.root);
  return { config, findings: reader.findings };
}

const nameGlobs = globCache({ dot: true, matchBase: true });
const pathGlobs = globCache({ dot: true });

/**
 * A glob without a slash matches a file name in any folder (`*.mixture.yaml`), as in .gitignore. Compiled once
 * per pattern, and a pattern too costly to compile (glob-limits.ts) matches nothing.
 */
export function globMatches(relativePath: string, glob: string): boolean {
  return (glob.includes('/') ? pathGlobs : nameGlobs)(glob).match(relativePath);
}

function applySettings(target: EffectiveRules, settings: ReadonlyMap<string, RuleSetting>): void {
  for (const [id, setting] of settings) {
    const current = target.get(id);
    if (current === undefined) continue;
    target.set(id, { severity: setting.severity ?? current.severity, options: { ...current.options, ...setting.options } });
  }
}

/**
 * The severity and options of every rule for one manifest: each rule's defaults, then the presets the config
 * extends (in order), its `rules`, and the overrides whose globs match the manifest's path relative to
 * `configDir` (in order, so later overrides win). Without a config, the `recommended` preset.
 */
export function effectiveRules(config: Config | undefined, manifestPath: string, configDir: string): EffectiveRules {
  const result: EffectiveRules = new Map(rules.map((r) => [r.id, { severity: r.defaultSeverity, options: { ...r.defaultOptions } }]));
  const presets: readonly PresetId[] = config === undefined || config.extends.length === 0 ? ['recommended'] : config.extends;
  for (const preset of presets) applySettings(result, PRESETS[preset]);
  if (config === undefined) return result;
  applySettings(result, config.rules);
  const relative = relativeInside(configDir, manifestPath);
  if (relative === undefined) return result;
  for (const override of config.overrides) {
    if (override.files.some((glob) => globMatches(relative, glob))) applySettings(result, override.rules);
  }
  return result;
}
