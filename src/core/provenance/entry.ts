import type { MachineKind, Origin } from '../manifest';

export { MACHINE_KINDS, type MachineKind } from '../manifest';


/**
 * One dataset of the provenance registry: the same shape in the committed registry, in the curated source
 * file (registry/curated.yaml), in a `.synthlint.yaml` `datasets:` section and in a team's registry file.
 */
export interface RegistryEntry {
  /** Hugging Face hub id (`owner/name`, or a legacy bare name such as `gsm8k`), matched case-insensitively. */
  id: string;
  /** Other ids of the very same data: hub redirects and re-hosts without changes. */
  aliases?: string[];
  origin: Origin;
  /** Models that wrote the text, as the source names them; every one is checked by `generator-terms`. */
  generators?: string[];
  /** Kinds of machine among `generators` (or named without a model); `llm` when generators are given alone. */
  machines?: MachineKind[];
  /** Datasets the text was generated from (lineage: one more generation than the deepest of them). */
  derivedFrom?: string[];
  /**
   * The dataset this one is a reformatted, filtered, binarized or cut-down copy of: it inherits that
   * dataset's origin, generators, machines and licence unless it states its own, and sits at the same depth.
   */
  variantOf?: string;
  license?: string;
  /** Terms of use beyond the licence that the data is under, e.g. `OpenAI` for text taken from ChatGPT. */
  terms?: string[];
  /** One line on what the data is, for hovers and reports. */
  note?: string;
  /** What the entry rests on: the dataset card or paper (a URL). Required in the curated file. */
  citation?: string;
  /** Where the entry comes from, for the evidence line: the Data Provenance Collection, the curated file, a config. */
  from?: 'dpi' | 'curated' | 'config';
}

/** The committed registry file (src/core/provenance/datasets.json), written by `npm run registry`. */
export interface RegistryFile {
  /** What the file was generated from, for the docs and the evidence shown to users. */
  generatedFrom: string[];
  entries: RegistryEntry[];
}
