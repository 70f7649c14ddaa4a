/**
 * The editor settings, declared once: the extension's `contributes.configuration` in package.json is this
 * object with `synthlint.` before each key (test/unit/server/settings.test.ts fails on any drift, and checks
 * docs/configuration.md lists each one), DEFAULT_SETTINGS is read from it, and readSettings checks values
 * against it.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_MANIFEST_GLOBS, DEFAULT_MAX_DATA_MB } from '../project';
import type { DataRequest } from '../core/data-settings';
import { parseSize, SIZE_PATTERN } from '../core/size';
import type { Settings } from '../protocol';

/** One setting as VS Code's configuration schema describes it (the subset synthlint uses). */
export interface SettingSpec {
  type: 'boolean' | 'string' | 'number' | 'array';
  default: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  minimum?: number;
  pattern?: string;
  items?: { type: 'string' };
  scope: 'resource' | 'window' | 'machine';
}

export const SETTING_SPECS = {
  enable: {
    type: 'boolean',
    default: true,
    description: 'Lint dataset manifests and show synthetic-data findings.',
    scope: 'resource'
  },
  manifests: {
    type: 'array',
    items: {
      type: 'string'
    },
    default: [...DEFAULT_MANIFEST_GLOBS],
    markdownDescription:
      'Glob patterns (relative to each workspace folder) of the files synthlint treats as dataset manifests. A file counts only when its content is a format synthlint reads: `README.md` when it is a Hugging Face dataset card, a YAML file when it is a training config (TRL, open-instruct, Axolotl, LLaMA-Factory, llm-foundry, NeMo).',
    scope: 'window'
  },
  run: {
    type: 'string',
    enum: [
      'onType',
      'onSave'
    ],
    enumDescriptions: [
      'Lint manifest rules as you type (debounced).',
      'Lint only when the file is saved.'
    ],
    default: 'onType',
    description: 'When manifest rules run.',
    scope: 'window'
  },
  analyzeData: {
    type: 'string',
    enum: [
      'auto',
      'onSave',
      'manual'
    ],
    enumDescriptions: [
      'Analyze data files when a manifest is opened, its sources change, or a data file changes.',
      'Analyze data when a manifest is saved or a data file changes.',
      "Only when you run 'synthlint: Analyze Workspace'."
    ],
    default: 'auto',
    description: 'When the data analyzer reads the data files of a manifest (diversity and duplicate rules).',
    scope: 'window'
  },
  maxDataMB: {
    type: 'number',
    default: DEFAULT_MAX_DATA_MB,
    minimum: 1,
    description: 'Read at most this many megabytes of data per source; a larger source is analysed on a uniform sample (sampling starts at the smaller of 256 MB and this setting), and its figures carry a 95% confidence interval.',
    scope: 'window'
  },
  exact: {
    type: 'boolean',
    default: false,
    markdownDescription: 'Compute every data figure exactly: read every record and use no sketch, with the memory that takes (as `synthlint check --exact`). Off: `data.exact` in `.synthlint.yaml` decides.',
    scope: 'window'
  },
  full: {
    type: 'boolean',
    default: false,
    markdownDescription: 'Read every record of every source, however large (no sampling; as `--full`). Off: `data.full` in `.synthlint.yaml` decides.',
    scope: 'window'
  },
  sampleAbove: {
    type: 'string',
    default: '',
    pattern: `(${SIZE_PATTERN})|^$`,
    markdownDescription: 'Profile a uniform sample of about this size of a larger source, e.g. `64MB` or `2GB` (as `--sample-above`). Empty: `data.sampleAbove` in `.synthlint.yaml`, else 256MB.',
    scope: 'window'
  },
  remoteData: {
    type: 'boolean',
    default: false,
    markdownDescription: 'Also profile remote sources (`hf://`, hub ids, `https://`, `s3://` Parquet and JSONL) by fetching a sample of byte ranges (as `synthlint check --remote`; limits in `remote:` of `.synthlint.yaml`, endpoints and credentials from the environment). Never in an untrusted workspace. See docs/remote-data.md.',
    scope: 'window'
  },
  allowRead: {
    type: 'array',
    items: {
      type: 'string'
    },
    default: [],
    markdownDescription:
      'Folders outside the workspace that data files and the files a manifest names may be read from, as absolute paths (`~/` for your home folder), as `synthlint check --allow-read DIR`; `/` reads anywhere. A user setting only: a workspace cannot widen its own reads.',
    scope: 'machine'
  },
  'trace.server': {
    type: 'string',
    enum: [
      'off',
      'messages',
      'verbose'
    ],
    default: 'off',
    description: 'Log the messages between VS Code and the synthlint language server to the output channel.',
    scope: 'window'
  },
} as const satisfies Record<string, SettingSpec>;

export const DEFAULT_SETTINGS: Settings = {
  enable: SETTING_SPECS.enable.default,
  manifests: [...SETTING_SPECS.manifests.default],
  run: SETTING_SPECS.run.default,
  analyzeData: SETTING_SPECS.analyzeData.default,
  maxDataMB: SETTING_SPECS.maxDataMB.default,
  exact: SETTING_SPECS.exact.default,
  full: SETTING_SPECS.full.default,
  sampleAbove: SETTING_SPECS.sampleAbove.default,
  remoteData: SETTING_SPECS.remoteData.default,
  allowRead: [...SETTING_SPECS.allowRead.default],
};

/** The absolute folders of `synthlint.allowRead`, `~/` expanded; a relative path has no folder to be relative to and is left out. */
function allowedFolders(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const expanded = value.filter((dir): dir is string => typeof dir === 'string').map((dir) => (dir === '~' || dir.startsWith('~/') ? join(homedir(), dir.slice(1)) : dir));
  return expanded.filter((dir) => isAbsolute(dir)).map((dir) => resolve(dir));
}

function oneOf<T extends string>(spec: { enum: readonly T[] }, value: unknown): value is T {
  return (spec.enum as readonly unknown[]).includes(value);
}

/** Settings from an untyped source (workspace/configuration, initializationOptions): wrong types fall back to defaults. */
export function readSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const globs = Array.isArray(value.manifests) ? value.manifests.filter((g): g is string => typeof g === 'string') : [];
  const { run, analyzeData, maxDataMB, exact, full, sampleAbove, remoteData } = value;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    manifests: globs.length > 0 ? globs : DEFAULT_SETTINGS.manifests,
    run: oneOf(SETTING_SPECS.run, run) ? run : DEFAULT_SETTINGS.run,
    analyzeData: oneOf(SETTING_SPECS.analyzeData, analyzeData) ? analyzeData : DEFAULT_SETTINGS.analyzeData,
    maxDataMB:
      typeof maxDataMB === 'number' && Number.isFinite(maxDataMB) && maxDataMB >= SETTING_SPECS.maxDataMB.minimum ? maxDataMB : DEFAULT_SETTINGS.maxDataMB,
    exact: typeof exact === 'boolean' ? exact : DEFAULT_SETTINGS.exact,
    full: typeof full === 'boolean' ? full : DEFAULT_SETTINGS.full,
    sampleAbove: typeof sampleAbove === 'string' && parseSize(sampleAbove).ok ? sampleAbove : DEFAULT_SETTINGS.sampleAbove,
    remoteData: typeof remoteData === 'boolean' ? remoteData : DEFAULT_SETTINGS.remoteData,
    allowRead: allowedFolders(value.allowRead),
  };
}

/** The settings that shape what the analyzer reads and how: a change to one makes every kept profile stale. */
const ANALYSIS_SETTINGS = ['maxDataMB', 'exact', 'full', 'sampleAbove', 'remoteData', 'allowRead'] as const satisfies readonly (keyof Settings)[];

export function analysisSettingsChanged(before: Settings, after: Settings): boolean {
  return ANALYSIS_SETTINGS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * What the editor settings ask of the analyzer, over the config file's `data:`. A setting left at its default
 * asks nothing, so the project's config decides; `exact` also lifts sampling. With `exact` or `full` on, a sample
 * size is ignored (VS Code has no way to refuse the pair, as the CLI does).
 */
export function editorDataRequest(settings: Settings): DataRequest {
  if (settings.exact || settings.full) return { ...(settings.exact ? { exact: true } : {}), ...(settings.full ? { full: true } : {}) };
  const size = settings.sampleAbove === '' ? undefined : parseSize(settings.sampleAbove);
  return size?.ok ? { sampleAboveBytes: size.bytes } : {};
}
