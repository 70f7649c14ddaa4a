/**
 * The command line's say in the analyzer's confinement and limits (project/analyzer-for.ts): by default data
 * is read only under the working folder and the manifest's own folder, up to DEFAULT_MAX_DATA_MB per source,
 * as the editor reads under its workspace folders; the flags widen that on purpose.
 */
import { resolve } from 'node:path';
import { DEFAULT_MAX_DATA_MB, type AnalyzerSettings } from '../project/index';
import type { OptionSpecs, OptionValues } from './args';

export const DATA_LIMIT_OPTIONS: OptionSpecs = {
  'allow-read': {
    type: 'string',
    repeatable: true,
    valueName: 'DIR',
    description: 'Also read data files under DIR (default: only under the working folder and the manifest’s folder; `/` reads anywhere).',
  },
  'max-data-mb': { type: 'number', min: 1, valueName: 'N', description: `Read at most N MB of data per source; larger sources are sampled (default: ${DEFAULT_MAX_DATA_MB}).` },
};

export function dataLimits(options: OptionValues, cwd: string): Pick<AnalyzerSettings, 'readRoots' | 'maxDataMB'> {
  const given = options['allow-read'];
  const extra = (Array.isArray(given) ? given : typeof given === 'string' ? [given] : []).map((dir) => resolve(cwd, dir));
  const anywhere = extra.some((dir) => resolve(dir, '..') === dir);
  const max = options['max-data-mb'];
  return { readRoots: anywhere ? 'anywhere' : [cwd, ...extra], ...(typeof max === 'number' ? { maxDataMB: max } : {}) };
}
