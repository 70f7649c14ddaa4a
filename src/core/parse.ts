import { DialectContext, type RelatedReader } from './dialects/context';
import { DIALECTS, dialectById } from './dialects/registry';
import type { DialectId, ParseResult } from './manifest';
import { defaultRegistry } from './provenance/default-registry';
import type { MachineKind } from './provenance/entry';
import type { DatasetRegistry } from './provenance/registry';
import { DEFAULT_SYNTHETIC_MACHINES, resolveProvenance } from './provenance/resolve';

export interface ParseOptions {
  /** Force a dialect instead of detecting it. */
  dialect?: DialectId;
  /** The provenance registry (the committed one with a config's `datasets:` over it); the committed one by default. */
  registry?: DatasetRegistry;
  /** Machine kinds whose output counts as synthetic; LLM output only by default. */
  syntheticMachines?: readonly MachineKind[];
  /** Reads the other files a manifest refers to (see RelatedReader). */
  readRelated?: RelatedReader;
}

/**
 * Which dialect a file is in, from its name and a cheap look at its text (no parsing): `*.dataset.yaml|yml|json`
 * is native, a README.md with front matter is a Hugging Face card, a YAML/JSON file with a top-level
 * `dataset_mixer` is open-instruct and one with `datasets:` entries that have `path:` is Axolotl.
 */
export function detectDialect(file: string, text: string): DialectId | undefined {
  let best: DialectId | undefined;
  let bestScore = 0;
  for (const dialect of DIALECTS) {
    const score = dialect.detect(file, text);
    if (score > bestScore) {
      best = dialect.id;
      bestScore = score;
      if (score === 3) break;
    }
  }
  return best;
}

/**
 * Reads a manifest into the model. Every problem, from a YAML syntax error to a duplicate id, comes back as a
 * `manifest-invalid` finding with its exact range; `manifest` is absent only when the file cannot be
 * understood at all (syntax errors, not a mapping, an unknown dialect). `readRelated` reads the other files a
 * manifest refers to (see RelatedReader). Never throws.
 */
export function parseManifest(file: string, text: string, dialectOrOptions: DialectId | ParseOptions = {}, readRelated?: RelatedReader): ParseResult {
  const options = typeof dialectOrOptions === 'string' ? { dialect: dialectOrOptions } : dialectOrOptions;
  // The committed registry loads on first use only: a manifest that names no dataset never pays for it.
  const registry = (): DatasetRegistry => options.registry ?? defaultRegistry();
  const context = new DialectContext(file, text, options.readRelated ?? readRelated, registry);
  const id = options.dialect ?? detectDialect(file, text);
  const chosen = id === undefined ? undefined : dialectById(id);
  if (!chosen) {
    const known = DIALECTS.map((d) => d.label).join(', ');
    const what = id === undefined ? 'This file is not a dataset manifest synthlint recognises' : `The '${id}' dialect is not supported yet`;
    context.report({ start: 0, end: 0 }, `${what} (supported: ${known}).`);
    return { findings: context.findings };
  }
  try {
    const manifest = chosen.parse(context);
    if (!manifest) return { findings: context.findings };
    resolveProvenance(manifest, { registry, syntheticMachines: options.syntheticMachines ?? DEFAULT_SYNTHETIC_MACHINES });
    return { manifest, findings: context.findings };
  } catch (e) {
    // Only a bug gets here; the editor and CI should see it on the file rather than lose the server or the run.
    const detail = e instanceof Error ? e.message : String(e);
    context.report({ start: 0, end: 0 }, `synthlint failed to read this ${chosen.label} (internal error: ${detail}). Please report it.`);
    return { findings: context.findings };
  }
}
