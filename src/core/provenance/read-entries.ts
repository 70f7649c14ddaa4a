/**
 * Reads registry entries from a YAML/JSON tree, the one schema of registry/curated.yaml, a `.synthlint.yaml`
 * `datasets:` section and a team's registry file. Problems come back with the node they are about, so each
 * caller reports them in its own file with its own rule id; what is valid is kept.
 */
import { didYouMeanSuffix } from '../did-you-mean';
import { ORIGINS } from '../manifest';
import { type SyntaxNode, describeNode } from '../syntax-tree';
import { MACHINE_KINDS, type MachineKind, type RegistryEntry } from './entry';

export const ENTRY_KEYS = ['id', 'aliases', 'origin', 'generators', 'machines', 'derivedFrom', 'variantOf', 'license', 'terms', 'note', 'citation'] as const;

export interface EntryProblem {
  node: SyntaxNode;
  message: string;
}

export interface ReadEntries {
  entries: RegistryEntry[];
  problems: EntryProblem[];
}

/**
 * `node` is a list of entries. `requireCitation` is set for the curated file, whose every entry must say
 * what it rests on; a team's own entries may rest on what the team knows.
 */
export function readRegistryEntries(node: SyntaxNode, from: RegistryEntry['from'], requireCitation = false): ReadEntries {
  const problems: EntryProblem[] = [];
  const entries: RegistryEntry[] = [];
  if (node.kind !== 'seq') {
    problems.push({ node, message: `Dataset entries are a list of { id, origin, … }, not ${describeNode(node)}.` });
    return { entries, problems };
  }
  const seen = new Set<string>();
  for (const item of node.items) {
    const entry = readEntry(item, problems, requireCitation);
    if (entry === undefined) continue;
    const key = entry.id.toLowerCase();
    if (seen.has(key)) {
      problems.push({ node: item, message: `Dataset '${entry.id}' is listed twice; keep one entry.` });
      continue;
    }
    seen.add(key);
    entries.push(from === undefined ? entry : { ...entry, from });
  }
  return { entries, problems };
}

function readEntry(node: SyntaxNode, problems: EntryProblem[], requireCitation: boolean): RegistryEntry | undefined {
  if (node.kind !== 'map') {
    problems.push({ node, message: `A dataset entry is a mapping with at least 'id' and 'origin', not ${describeNode(node)}.` });
    return undefined;
  }
  const fields = new Map<string, SyntaxNode>();
  for (const { key, value } of node.entries) {
    const name = String(key.value);
    if ((ENTRY_KEYS as readonly string[]).includes(name)) fields.set(name, value);
    else problems.push({ node: key, message: `Unknown dataset entry key '${name}'.${didYouMeanSuffix(name, ENTRY_KEYS)}` });
  }
  const id = text(fields.get('id'), 'id', problems);
  const originNode = fields.get('origin');
  if (id === undefined) {
    if (!fields.has('id')) problems.push({ node, message: "A dataset entry needs 'id': the hub id it describes." });
    return undefined;
  }
  const origin = originNode === undefined ? undefined : oneOf(originNode, ORIGINS, 'origin', problems);
  if (originNode === undefined && !fields.has('variantOf')) {
    problems.push({ node, message: `Dataset '${id}' needs 'origin' (${ORIGINS.join(', ')}) or 'variantOf'.` });
    return undefined;
  }
  const entry: RegistryEntry = { id, origin: origin ?? 'unknown' };
  const lists = ['aliases', 'generators', 'derivedFrom', 'terms'] as const;
  for (const field of lists) {
    const value = strings(fields.get(field), field, problems);
    if (value !== undefined) entry[field] = value;
  }
  const machinesNode = fields.get('machines');
  if (machinesNode !== undefined) {
    const names = strings(machinesNode, 'machines', problems) ?? [];
    const kinds = names.filter((m): m is MachineKind => (MACHINE_KINDS as readonly string[]).includes(m));
    for (const bad of names.filter((m) => !(MACHINE_KINDS as readonly string[]).includes(m))) {
      problems.push({ node: machinesNode, message: `Unknown machine kind '${bad}' (one of ${MACHINE_KINDS.join(', ')}).${didYouMeanSuffix(bad, MACHINE_KINDS)}` });
    }
    entry.machines = kinds;
  }
  for (const field of ['variantOf', 'license', 'note', 'citation'] as const) {
    const value = text(fields.get(field), field, problems);
    if (value !== undefined) entry[field] = value;
  }
  if (requireCitation && entry.citation === undefined) problems.push({ node, message: `Dataset '${id}' needs 'citation': the dataset card or paper it rests on.` });
  return entry;
}

function text(node: SyntaxNode | undefined, field: string, problems: EntryProblem[]): string | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
  problems.push({ node, message: `'${field}' takes a non-empty string, not ${describeNode(node)}.` });
  return undefined;
}

function strings(node: SyntaxNode | undefined, field: string, problems: EntryProblem[]): string[] | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') {
    const one = text(node, field, problems);
    return one === undefined ? undefined : [one];
  }
  if (node.kind !== 'seq') {
    problems.push({ node, message: `'${field}' takes a string or a list of strings, not ${describeNode(node)}.` });
    return undefined;
  }
  const out: string[] = [];
  for (const item of node.items) {
    const value = text(item, field, problems);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function oneOf<T extends string>(node: SyntaxNode, allowed: readonly T[], field: string, problems: EntryProblem[]): T | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const shown = typeof value === 'string' ? `'${value}'` : describeNode(node);
  problems.push({ node, message: `'${field}' is one of ${allowed.join(', ')}, not ${shown}.${typeof value === 'string' ? didYouMeanSuffix(value, allowed) : ''}` });
  return undefined;
}
