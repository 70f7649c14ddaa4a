import { DEFAULT_MANIFEST_GLOBS, DEFAULT_MAX_DATA_MB } from '../project';
import type { Settings } from '../protocol';

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  manifests: [...DEFAULT_MANIFEST_GLOBS],
  run: 'onType',
  analyzeData: 'auto',
  maxDataMB: DEFAULT_MAX_DATA_MB,
};

/** Settings from an untyped source (workspace/configuration, initializationOptions): wrong types fall back to defaults. */
export function readSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const globs = Array.isArray(value.manifests) ? value.manifests.filter((g): g is string => typeof g === 'string') : [];
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    manifests: globs.length > 0 ? globs : DEFAULT_SETTINGS.manifests,
    run: value.run === 'onSave' || value.run === 'onType' ? value.run : DEFAULT_SETTINGS.run,
    analyzeData:
      value.analyzeData === 'auto' || value.analyzeData === 'onSave' || value.analyzeData === 'manual'
        ? value.analyzeData
        : DEFAULT_SETTINGS.analyzeData,
    maxDataMB:
      typeof value.maxDataMB === 'number' && Number.isFinite(value.maxDataMB) && value.maxDataMB > 0
        ? value.maxDataMB
        : DEFAULT_SETTINGS.maxDataMB,
  };
}
