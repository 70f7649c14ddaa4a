/**
 * How much of the data the analyzer reads and how exact its figures are: one type for every way a user says
 * it (the `--exact`, `--sample-above SIZE` and `--full` flags of `profile`, `check` and `report`; `data:` in
 * `.synthlint.yaml`; the `synthlint.exact`, `synthlint.sampleAbove` and `synthlint.full` editor settings). Each
 * of those is a DataRequest; resolveDataSettings layers them (a later one wins) into the DataSettings the
 * analyzer runs with, which reach every worker task and the profile cache's key.
 */

/** What the analyzer runs with. */
export interface DataSettings {
  /** Every figure exact: every record read and no sketch, with the memory that takes. */
  exact: boolean;
  /** Sources larger than this are profiled on a uniform sample of about this many bytes; Infinity reads every record. */
  sampleAboveBytes: number;
}

/** What one layer asks for; absent fields leave the layer below in force. */
export interface DataRequest {
  /** Every figure exact; implies a full read. */
  exact?: boolean;
  /** Read every record (no sampling); figures past the memory budgets are sketches unless `exact`. */
  full?: boolean;
  /** Sample sources larger than this many bytes. */
  sampleAboveBytes?: number;
}

/** Sources above 256 MB are sampled by default. */
export const DEFAULT_SAMPLE_ABOVE_BYTES = 256 * 1024 * 1024;

export const DEFAULT_DATA_SETTINGS: DataSettings = { exact: false, sampleAboveBytes: DEFAULT_SAMPLE_ABOVE_BYTES };

/**
 * Why a request contradicts itself, or undefined: a sample is neither a full read nor exact. `names` spells the
 * three fields as the layer's user writes them (`--full` on the command line, `full` in the config).
 */
export function dataRequestProblem(request: DataRequest, names: { exact: string; full: string; sampleAbove: string }): string | undefined {
  if (request.sampleAboveBytes === undefined) return undefined;
  if (request.exact) return `${names.exact} reads every record and computes every figure exactly; leave out ${names.sampleAbove}`;
  if (request.full) return `${names.full} reads every record; leave out ${names.sampleAbove}`;
  return undefined;
}

/**
 * The settings from layers given lowest first (defaults, then the config file, then flags or editor settings).
 * `exact` and `full` lift sampling; a sample size asked for in a higher layer turns a lower layer's `exact` off,
 * since sampled figures cannot be exact.
 */
export function resolveDataSettings(...layers: readonly (DataRequest | undefined)[]): DataSettings {
  let settings = DEFAULT_DATA_SETTINGS;
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer.sampleAboveBytes !== undefined) settings = { exact: false, sampleAboveBytes: layer.sampleAboveBytes };
    if (layer.full) settings = { ...settings, sampleAboveBytes: Infinity };
    if (layer.exact !== undefined) settings = { ...settings, exact: layer.exact };
    if (layer.exact) settings = { ...settings, sampleAboveBytes: Infinity };
  }
  return settings;
}
