import type { Source } from '../manifest';

/**
 * Naming helpers shared by the training-mixture dialects, which list hub datasets and local paths rather than
 * sources with ids of their own.
 */

/**
 * Ids for mixture entries that may name the same dataset more than once (alignment-handbook lists a dataset
 * once per split; an llm-foundry config has a train and an eval loader on one dataset): a name used once is
 * its own id; a repeated name gets its split, `name[train_sft]`, and a suffix `#2` if even that repeats.
 * Every entry keeps its own source, so no weight is lost.
 */
export function distinctIds(entries: readonly { name: string; split?: string }[]): string[] {
  const count = new Map<string, number>();
  for (const { name } of entries) count.set(name, (count.get(name) ?? 0) + 1);
  const taken = new Set<string>();
  return entries.map(({ name, split }) => {
    const base = (count.get(name) ?? 0) > 1 && split ? `${name}[${split}]` : name;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
    taken.add(id);
    return id;
  });
}

/** A mixture entry read, its source made once every entry's id is known (the same dataset may be named twice). */
export interface PendingSource {
  name: string;
  split?: string;
  build(id: string): Source;
}

/** The sources of entries read in file order, each made by `make` under the id distinctIds gives it. */
export function sourcesWithIds<Entry extends { name: string; split?: string }>(entries: readonly Entry[], make: (entry: Entry, id: string) => Source): Source[] {
  const ids = distinctIds(entries);
  return entries.map((entry, i) => make(entry, ids[i] ?? entry.name));
}

/** The sources of pending entries read in file order. */
export function buildSources(pending: readonly PendingSource[]): Source[] {
  return sourcesWithIds(pending, (p, id) => p.build(id));
}

/**
 * A hub dataset name as a files entry. `org/name` already reads as remote; a canonical name without an
 * organisation (`wikitext`, `wiki_qa`) would read as a local path, so it is written as the hub's own URL.
 */
export function hubEntry(name: string): string {
  return name.includes('/') ? name : `hf://datasets/${name}`;
}

/**
 * The split a hub split expression samples from: `train[:2000]`, `train[10%:]` and `train+test` are the
 * `datasets` library's slicing and concatenation syntax, which trainers pass through to `load_dataset`; the
 * split's files are those of its name (`train`), the first one named when several are joined.
 */
export function hubSplit(expression: string): string {
  return expression.split('+')[0]?.replace(/\[[^\]]*\]\s*$/, '').trim() || expression;
}

/**
 * A dataset path as trainers take it: local when it starts like a path or names a data file, otherwise a hub id.
 * (Axolotl and NeMo-RL check the disk first; a file can only be told from an id by its shape here.)
 */
export function isLocalPath(path: string): boolean {
  return /^(?:\.{1,2}[\\/]|[\\/]|~|[A-Za-z]:[\\/])/.test(path) || hasFileExtension(path);
}

export function hasFileExtension(path: string): boolean {
  return /\.(?:jsonl?|csv|tsv|parquet|arrow|txt)(?:\.gz)?$/i.test(path);
}
