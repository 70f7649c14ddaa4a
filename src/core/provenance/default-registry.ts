import type { RegistryFile } from './entry';
import { DatasetRegistry } from './registry';

let loaded: DatasetRegistry | undefined;

/**
 * The committed registry (datasets.json, written by `npm run registry` from the Data Provenance Collection
 * and registry/curated.yaml). Loaded on the first lookup, not at import: the language server pays for it when
 * a manifest first names a dataset, and a bundle that never looks one up never evaluates it.
 */
export function defaultRegistry(): DatasetRegistry {
  if (loaded === undefined) {
    // A require inside the function keeps the data out of module initialisation (esbuild wraps it lazily).
    const file = require('./datasets.json') as RegistryFile;
    loaded = DatasetRegistry.of(file.entries);
  }
  return loaded;
}
