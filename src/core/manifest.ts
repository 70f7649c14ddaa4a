import type { Finding } from './finding';
import type { Range } from './range';

export type Origin = 'human' | 'synthetic' | 'mixed' | 'unknown';
export const ORIGINS: readonly Origin[] = ['human', 'synthetic', 'mixed', 'unknown'];

export type DialectId =
  | 'synthlint'
  | 'hf-card'
  | 'croissant'
  | 'open-instruct'
  | 'trl-mixture'
  | 'axolotl'
  | 'llama-factory'
  | 'llama-factory-info'
  | 'mosaicml'
  | 'nemo'
  | 'nemo-rl'
  | 'torchtune';

/**
 * Where a source's origin came from, so every view can say how far to trust it: the manifest's own statement
 * (`declared`), an entry of the provenance registry (`registry`, with the entry's citation), a comment beside the
 * entry in a training config (`comment`), a generator named in the dataset's name (`name`: weak evidence, never
 * shown as a registry fact), or nothing at all (`none`, origin `unknown`).
 */
export type EvidenceKind = 'declared' | 'registry' | 'comment' | 'name' | 'none';

/**
 * What kind of machine wrote a dataset's machine-made text. Only `llm` output is what model-collapse work
 * (Shumailov et al. 2024) is about; machine translation, OCR, speech recognition and template filling turn
 * human text into other human-derived text, so by default they do not make a source synthetic.
 * `other` is a model the record does not name or a classifier used to pick or perturb text.
 */
export type MachineKind = 'llm' | 'mt' | 'ocr' | 'asr' | 'template' | 'other';
export const MACHINE_KINDS: readonly MachineKind[] = ['llm', 'mt', 'ocr', 'asr', 'template', 'other'];

export interface OriginEvidence {
  kind: EvidenceKind;
  /** One line for hovers and reports: what was read, e.g. the registry entry's note or the comment's text. */
  detail?: string;
  /** What the statement rests on: a dataset card or paper URL for registry entries. */
  citation?: string;
  /** For a file that says its text is machine-made, the kind of machine (a card's OCR, ASR or translation). */
  machine?: MachineKind;
}

export interface Generator {
  model: string;
  provider?: string;
  /** 1 = generated from human data; 2 = generated from generation-1 output; ... */
  generation?: number;
}

/** Fields of a source whose position in the manifest is kept, for diagnostics and fixes. */
export type SourceField =
  | 'self'
  | 'id'
  | 'files'
  | 'origin'
  | 'generator'
  | 'generator.model'
  | 'generator.provider'
  | 'generator.generation'
  | 'derivedFrom'
  | 'rows'
  | 'tokens'
  | 'weight'
  | 'license'
  | 'text';

/**
 * What a mixture weight holds. Formats write one number per source, but they mean different things by it, and
 * the share of the mix a source makes follows from the kind (core/ratios.ts):
 * - `proportion`: the source's part of the mix, relative to the other sources' proportions (Megatron/NeMo blend
 *   weights, which Megatron normalises; llm-foundry `proportion`). The sources' sizes do not change it.
 * - `fraction-of-source`: the part of the source's own rows drawn (TRL / alignment-handbook `weight`, open-instruct
 *   and alignment-handbook `dataset_mixer` fractions; llm-foundry `repeat`, where above 1 it repeats the source).
 *   Rows drawn = value × the source's rows, so without the source's size it says nothing about the mix.
 * - `rows`: a number of rows drawn from the source (open-instruct counts above 1, llm-foundry `choose`).
 * - `sampling-weight`: synthlint's own manifest, as its schema defines it: multiplied by the source's size when
 *   every source has one, else the weights alone are the mix's proportions.
 */
export type WeightKind = 'proportion' | 'fraction-of-source' | 'rows' | 'sampling-weight';

export interface MixtureWeight {
  value: number;
  kind: WeightKind;
}

export interface Source {
  id: string;
  /** Globs or paths relative to the manifest's folder (or dataset names, for mixtures that name hub datasets). */
  files: string[];
  origin: Origin;
  /** Where `origin` came from; absent means the dialect has not said (treated as `declared` when origin is known). */
  originEvidence?: OriginEvidence;
  generator?: Generator;
  /** Ids of sources in this manifest, or names of external datasets, this source was generated from. */
  derivedFrom: string[];
  rows?: number;
  tokens?: number;
  /** How much of the source the mixture draws, in the terms of the format that wrote it (see MixtureWeight). */
  weight?: MixtureWeight;
  license?: string;
  /** Terms of use beyond the licence the data is under (e.g. `OpenAI` for text taken from ChatGPT), from the registry. */
  terms?: string[];
  /**
   * The public dataset (hub id) this source names instead of describing, in training configs; its provenance
   * comes from the registry (src/core/provenance) unless the file states it.
   */
  dataset?: string;
  /**
   * The split of the hub dataset `files` names that the config trains on (`train_sft`), when it says: remote
   * sampling reads that split's files. Absent: `train`, as the `datasets` library defaults.
   */
  split?: string;
  /** Field paths to analyse, e.g. `messages[].content`; auto-detected when absent. */
  text?: string[];
  /**
   * `eval` for data a training config evaluates on (Axolotl `test_datasets`, an `eval_loader`): linted and
   * analysed like any source, but not part of the training mixture, so left out of its shares. Absent: training data.
   */
  role?: 'eval';
  /** Where each field sits in the manifest text. `self` covers the whole source entry; `id` always exists. */
  ranges: Partial<Record<SourceField, Range>> & { self: Range; id: Range };
  /** Positions of individual entries of `files` and `derivedFrom`, in order. */
  itemRanges: { files: Range[]; derivedFrom: Range[] };
}

export type ManifestField = 'self' | 'name' | 'previous' | 'sources';

export interface Manifest {
  /** Absolute path of the manifest file. */
  file: string;
  dialect: DialectId;
  name?: string;
  /** Path (relative to the manifest) of the previous version of this manifest, for replace-vs-accumulate checks. */
  previous?: string;
  sources: Source[];
  ranges: Partial<Record<ManifestField, Range>> & { self: Range };
  /**
   * Where a new source entry or a new top-level key can be inserted, for fixes; dialect-specific.
   * Indentation is the indentation a source's own keys use.
   */
  layout?: { sourceKeyIndent: string };
}

/** What parsing a manifest gives: a model when the file could be understood, and findings with positions either way. */
export interface ParseResult {
  manifest?: Manifest;
  findings: Finding[];
}
