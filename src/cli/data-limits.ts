/**
 * The command line's say in the analyzer's confinement, limits and exactness (project/analyzer-for.ts): by
 * default data is read only under the working folder and the manifest's own folder, up to DEFAULT_MAX_DATA_MB
 * per source, as the editor reads under its workspace folders; the flags widen that on purpose. `--exact`,
 * `--sample-above SIZE` and `--full` are the same three flags on `profile`, `check` and `report`.
 */
import { resolve } from 'node:path';
import { DEFAULT_SAMPLE_ABOVE_BYTES, dataRequestProblem, type DataRequest } from '../core/data-settings';
import { formatSize } from '../core/size';
import { DEFAULT_MAX_DATA_MB, type AnalyzerSettings } from '../project/analyzer-for';
import { widenRoots } from '../project/related-files';
import type { OptionSpecs, OptionValues } from './args';
import { REMOTE_OPTIONS, remoteRequest } from './remote-options';

/** How much to read and how exactly: `profile`, `check` and `report` alike. */
export const DATA_SETTING_OPTIONS: OptionSpecs = {
  exact: { type: 'boolean', description: 'Compute every figure exactly: read every record and use no sketch, with the memory that takes.' },
  'sample-above': {
    type: 'size',
    valueName: 'SIZE',
    description: `Profile a uniform sample of about SIZE of a larger source, e.g. 64MB or 2GB (default: ${formatSize(DEFAULT_SAMPLE_ABOVE_BYTES).replace(' ', '')}).`,
  },
  full: { type: 'boolean', description: 'Read every record, however large the source (no sampling); figures past the memory budgets are sketches unless --exact.' },
};

export const DATA_LIMIT_OPTIONS: OptionSpecs = {
  'allow-read': {
    type: 'string',
    repeatable: true,
    valueName: 'DIR',
    description: 'Also read data files under DIR (default: only under the working folder and the manifest’s folder; `/` reads anywhere).',
  },
  'max-data-mb': { type: 'number', min: 1, valueName: 'N', description: `Read at most N MB of data per source; larger sources are sampled (default: ${DEFAULT_MAX_DATA_MB}).` },
  ...DATA_SETTING_OPTIONS,
  ...REMOTE_OPTIONS,
};

/** The request the flags make, or a usage error when they contradict each other. */
export function dataRequest(options: OptionValues): { ok: true; request: DataRequest } | { ok: false; message: string } {
  const request: DataRequest = {
    ...(options.exact === true ? { exact: true } : {}),
    ...(options.full === true ? { full: true } : {}),
    ...(typeof options['sample-above'] === 'number' ? { sampleAboveBytes: options['sample-above'] } : {}),
  };
  const problem =
    dataRequestProblem(request, { exact: '--exact', full: '--full', sampleAbove: '--sample-above' }) ??
    ((request.exact || request.full) && options['max-data-mb'] !== undefined ? `${request.exact ? '--exact' : '--full'} reads every record; leave out --max-data-mb` : undefined);
  return problem ? { ok: false, message: `${problem}.` } : { ok: true, request };
}

/** Confinement and limits from the flags; `data` is the flags' DataRequest (dataRequest). */
export function dataLimits(options: OptionValues, cwd: string, data: DataRequest = {}): Pick<AnalyzerSettings, 'readRoots' | 'maxDataMB' | 'data' | 'remote' | 'remoteByConfig'> {
  const given = options['allow-read'];
  const extra = (Array.isArray(given) ? given : typeof given === 'string' ? [given] : []).map((dir) => resolve(cwd, dir));
  const max = options['max-data-mb'];
  const remote = remoteRequest(options);
  // On the command line the project's config may turn remote data on (`remote.enabled`); --no-remote turns it off.
  return { readRoots: widenRoots([cwd], extra), ...(typeof max === 'number' ? { maxDataMB: max } : {}), data, ...(remote ? { remote } : {}), remoteByConfig: true };
}
