import { dirname, resolve } from 'node:path';
import type { Config } from '../core/config-types';
import type { Finding } from '../core/finding';
import { parseJson } from '../core/json-source';
import { defaultRegistry } from '../core/provenance/default-registry';
import type { RegistryEntry } from '../core/provenance/entry';
import { readRegistryEntries } from '../core/provenance/read-entries';
import type { DatasetRegistry } from '../core/provenance/registry';
import { LineIndex } from '../core/range';
import { parseYaml } from '../core/yaml-source';
import { readTextFile } from '../analyzer/open-file';
import { readFailure } from './read-failure';

/**
 * Reads the registry file a config names (`registry: team-datasets.yaml`, relative to the config). Problems are
 * findings in that file; its valid entries come before the config's inline `datasets:`, which therefore win.
 */
export function readTeamRegistry(configFile: string, config: Config): { entries: RegistryEntry[]; findings: Finding[] } {
  if (config.registry === undefined) return { entries: [], findings: [] };
  const file = resolve(dirname(configFile), config.registry);
  const opened = readTextFile(file, 'registry file');
  if (opened.problem) return { entries: [], findings: [readFailure(file, 'config-invalid', opened.problem)] };
  const text = opened.text;
  const tree = /\.json$/i.test(file) ? parseJson(text) : parseYaml(text);
  const lines = new LineIndex(text);
  const problem = (at: { start: number; end: number }, message: string): Finding => ({
    ruleId: 'config-invalid',
    severity: 'error',
    message,
    file,
    range: lines.rangeOf(at.start, at.end),
  });
  const findings = tree.errors.map((e) => problem(e, `Registry file cannot be read: ${e.message}`));
  if (tree.errors.length > 0 || tree.root === undefined) return { entries: [], findings };
  const read = readRegistryEntries(tree.root, 'config');
  findings.push(...read.problems.map((p) => problem(p.node, p.message)));
  return { entries: read.entries, findings };
}

const layered = new WeakMap<Config, DatasetRegistry>();

/** The committed registry with a config's datasets laid over it, built once per config object. */
export function registryFor(config: Config | undefined): DatasetRegistry | undefined {
  if (config?.datasets === undefined || config.datasets.length === 0) return undefined;
  let registry = layered.get(config);
  if (registry === undefined) {
    registry = defaultRegistry().with(config.datasets);
    layered.set(config, registry);
  }
  return registry;
}
