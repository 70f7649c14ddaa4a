/**
 * The committed provenance registry as the check bundle (dist/cli-check.js) reads it, in place of
 * src/core/provenance/default-registry.ts (scripts/build.mjs swaps the module). A cold `check --no-data` that names
 * a few hub datasets used to parse the whole registry (760 entries, 195 kB of JSON) and key every id and alias, in
 * code that is never optimised, for the handful of entries it looks up. The bundle is built with an index of the
 * registry's keys (indexRegistry, CHECK_REGISTRY_INDEX); an entry is read from dist/datasets.json and parsed when a
 * lookup first reaches it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import type { RegistryEntry } from '../core/provenance/entry';
import { DatasetRegistry, type KeyedEntry, type RegistryKeys } from '../core/provenance/registry';
import { findInIndex, indexSize } from '../core/provenance/registry-index';

/** The index of dist/datasets.json (indexRegistry's), put in by scripts/build.mjs when it builds the check bundle. */
declare const CHECK_REGISTRY_INDEX: string;

/** A registry file's keys by its index, each entry read from the file and parsed when first asked for. */
export class RegistryFileKeys implements RegistryKeys {
  /** Parsed entries by where they start: an alias and its id give the same object. */
  private readonly parsed = new Map<number, RegistryEntry>();

  constructor(
    private readonly file: string,
    private readonly index: string,
  ) {}

  get size(): number {
    return indexSize(this.index);
  }

  get(key: string): KeyedEntry | undefined {
    const found = findInIndex(this.index, key);
    return found === undefined ? undefined : { entry: this.entryAt(found.start, found.end), matched: found.matched };
  }

  private entryAt(start: number, end: number): RegistryEntry {
    let entry = this.parsed.get(start);
    if (entry === undefined) {
      const bytes = Buffer.alloc(end - start);
      const fd = openSync(this.file, 'r');
      try {
        readSync(fd, bytes, 0, bytes.length, start);
      } finally {
        closeSync(fd);
      }
      // The file is ASCII (a character past it is written as a \u escape), so the index's offsets are byte offsets.
      entry = JSON.parse(bytes.toString('latin1')) as RegistryEntry;
      this.parsed.set(start, entry);
    }
    return entry;
  }
}

let loaded: DatasetRegistry | undefined;

/** The committed registry, from dist/datasets.json beside the bundle, as default-registry.ts's defaultRegistry gives it. */
export function defaultRegistry(): DatasetRegistry {
  loaded ??= DatasetRegistry.indexed(new RegistryFileKeys(path.join(__dirname, 'datasets.json'), CHECK_REGISTRY_INDEX));
  return loaded;
}
