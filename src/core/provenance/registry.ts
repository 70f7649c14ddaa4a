import type { MachineKind, RegistryEntry } from './entry';

/** How a name reached its entry: by the entry's own id, or by one of its `aliases`. */
export type MatchKind = 'id' | 'alias';

export interface RegistryMatch {
  /** The entry with what its `variantOf` chain lends it filled in (origin, generators, machines, licence, terms). */
  entry: RegistryEntry;
  matched: MatchKind;
}

/**
 * A name already in key form once lower-cased: `owner/name` segments of letters, digits, `.`, `_` and `-`, without
 * a prefix or tail that registryKey removes. Every id of the committed registry is one, and so is almost every name
 * a manifest looks up: one test instead of four replacements (the registry's 772 keys took ~1.6 ms of a cold
 * `check --no-data`, whose code is never optimised; now ~1 ms).
 */
const KEY_FORM = /^(?!www\.|huggingface\.co\/|hf\.co\/)(?!.*\/(?:viewer|tree|blob|resolve)\/)[a-z0-9._-]+(?:\/[a-z0-9._-]+)*$/;

/**
 * The hub id a dataset reference names, in the registry's key form: lower case (hub ids are case-insensitive),
 * without the `https://huggingface.co/datasets/` or `hf://datasets/` prefix, a `/viewer/…`, `/tree/…` or
 * `/blob/…` tail, or a trailing slash. Only these exact spellings of the same id are folded together; nothing
 * else is guessed, so a name that is not in the registry stays unknown.
 */
export function registryKey(name: string): string {
  const lower = name.toLowerCase();
  if (KEY_FORM.test(lower)) return lower;
  let key = lower.trim();
  key = key.replace(/^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\//, '').replace(/^hf:\/\/datasets\//, '');
  key = key.replace(/\/(?:viewer|tree|blob|resolve)\/.*$/, '').replace(/\/+$/, '');
  return key;
}

/** What a variant inherits from the dataset it is a copy of, unless it states its own. */
const INHERITED = ['origin', 'generators', 'machines', 'license', 'terms'] as const;

/** An entry as a key reaches it (before its variant chain is applied). */
export interface KeyedEntry {
  entry: RegistryEntry;
  matched: MatchKind;
}

/** A registry layer's entries by key (registryKey): a Map, or an index that reads each entry when first asked for. */
export interface RegistryKeys {
  get(key: string): KeyedEntry | undefined;
  readonly size: number;
}

/** Entries by the key of their id and of each alias; an entry's own id wins over another entry's alias of the same name. */
export function keyedEntries(entries: readonly RegistryEntry[]): Map<string, KeyedEntry> {
  const byKey = new Map<string, KeyedEntry>();
  for (const entry of entries) for (const alias of entry.aliases ?? []) byKey.set(registryKey(alias), { entry, matched: 'alias' });
  for (const entry of entries) byKey.set(registryKey(entry.id), { entry, matched: 'id' });
  return byKey;
}

/**
 * The provenance registry: entries by hub id and alias, with later layers (a team's `datasets:`, its
 * registry file) overriding earlier ones (the committed registry) id by id. Lookups are two map reads.
 */
export class DatasetRegistry {
  private readonly resolved = new Map<string, RegistryMatch | null>();
  private readonly depths = new Map<string, number | null>();

  private constructor(
    private readonly byKey: RegistryKeys,
    private readonly base?: DatasetRegistry,
  ) {}

  static of(entries: readonly RegistryEntry[]): DatasetRegistry {
    return new DatasetRegistry(keyedEntries(entries));
  }

  /** A registry over entries already keyed (the check bundle's index of the committed registry, src/cli/check-registry.ts). */
  static indexed(keys: RegistryKeys): DatasetRegistry {
    return new DatasetRegistry(keys);
  }

  /** This registry with `entries` laid over it: an entry with the same id or alias replaces the one below. */
  with(entries: readonly RegistryEntry[]): DatasetRegistry {
    return entries.length === 0 ? this : new DatasetRegistry(keyedEntries(entries), this);
  }

  get size(): number {
    return this.byKey.size + (this.base?.size ?? 0);
  }

  private raw(key: string): KeyedEntry | undefined {
    return this.byKey.get(key) ?? this.base?.raw(key);
  }

  /** The entry a dataset name resolves to, with its variant chain applied; undefined when the registry has none. */
  lookup(name: string): RegistryMatch | undefined {
    const key = registryKey(name);
    const cached = this.resolved.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.raw(key);
    const result = found === undefined ? null : { entry: this.inherit(found.entry, new Set([key])), matched: found.matched };
    this.resolved.set(key, result);
    return result ?? undefined;
  }

  private inherit(entry: RegistryEntry, seen: Set<string>): RegistryEntry {
    if (entry.variantOf === undefined) return entry;
    const parentKey = registryKey(entry.variantOf);
    const parent = seen.has(parentKey) ? undefined : this.raw(parentKey);
    if (parent === undefined) return entry;
    seen.add(parentKey);
    const from = this.inherit(parent.entry, seen);
    const merged: RegistryEntry = { ...entry };
    for (const field of INHERITED) {
      const own = entry[field];
      const inheritedValue = from[field];
      const stated = own !== undefined && !(field === 'origin' && own === 'unknown');
      if (!stated && inheritedValue !== undefined) (merged as unknown as Record<string, unknown>)[field] = inheritedValue;
    }
    return merged;
  }

  /**
   * Generation depth of a dataset (0 human, 1 generated from human data, and so on), by the rules src/core/lineage.ts
   * applies to sources; a variant sits at its parent's depth. Undefined for a dataset the registry does not know.
   */
  depth(name: string): number | undefined {
    const key = registryKey(name);
    // Answered from the cache before a walk's Set is made: lineage asks this for every outside parent on every keystroke.
    const cached = this.depths.get(key);
    if (cached !== undefined) return cached ?? undefined;
    return this.depthOf(key, new Set());
  }

  private depthOf(key: string, seen: Set<string>): number | undefined {
    const cached = this.depths.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (seen.has(key)) return undefined;
    const found = this.raw(key);
    if (found === undefined) {
      this.depths.set(key, null);
      return undefined;
    }
    seen.add(key);
    const entry = this.lookup(key)?.entry ?? found.entry;
    let depth: number;
    if (entry.variantOf !== undefined && this.raw(registryKey(entry.variantOf)) !== undefined) {
      depth = this.depthOf(registryKey(entry.variantOf), seen) ?? 0;
    } else if (!generatedByLlm(entry)) depth = 0;
    else depth = 1 + Math.max(0, ...(entry.derivedFrom ?? []).map((p) => this.depthOf(registryKey(p), seen) ?? 0));
    seen.delete(key);
    this.depths.set(key, depth);
    return depth;
  }
}

/** True when the entry's text is (partly) model output that counts for collapse: synthetic or mixed, written by an LLM. */
export function generatedByLlm(entry: RegistryEntry, counted: readonly MachineKind[] = ['llm']): boolean {
  if (entry.origin !== 'synthetic' && entry.origin !== 'mixed') return false;
  const machines = entry.machines ?? ['llm'];
  return machines.some((m) => counted.includes(m));
}
