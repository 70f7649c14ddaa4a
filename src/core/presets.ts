/**
 * Named rule sets a config can extend. `recommended` is every rule at the severity and options its own
 * metadata declares (so it never disagrees with the rule files); `strict` is for release pipelines that
 * publish training data and would rather stop on a doubt than ship it.
 */
import type { RuleSetting } from './config-types';
import type { PresetId } from './preset-ids';

export { PRESET_IDS, isPresetId, type PresetId } from './preset-ids';

export const PRESETS: Readonly<Record<PresetId, ReadonlyMap<string, RuleSetting>>> = {
  recommended: new Map(),
  strict: new Map<string, RuleSetting>([
    // A real share above 60%: a margin under Bertrand et al.'s stability bound, whose constants are unknown in practice.
    ['synthetic-share', { severity: 'error', options: { max: 0.38 } }],
    // Any data generated from generated data stops the pipeline.
    ['recursive-generation', { severity: 'error', options: { warnAt: 2, errorAt: 2 } }],
    ['real-data-replaced', { severity: 'error' }],
    ['provenance-missing', { severity: 'error' }],
    ['generator-missing', { severity: 'error' }],
    ['generator-terms', { severity: 'warning' }],
    ['source-missing', { severity: 'error' }],
    // Data rules at about half the recommended margins: a release should not ship data the analyzer doubts.
    ['low-diversity', { severity: 'error', options: { margin: 0.05 } }],
    ['near-duplicates', { severity: 'error', options: { maxNearDuplicateRate: 0.02, maxExactDuplicateRate: 0 } }],
    ['template-collapse', { severity: 'error', options: { max: 0.1 } }],
    ['assistant-artifacts', { severity: 'error', options: { max: 0 } }],
    ['vocabulary-tail-loss', { severity: 'warning', options: { maxMissing: 0.05 } }],
    ['provenance-mismatch', { severity: 'error' }],
    ['unreadable-data', { severity: 'error' }],
    ['row-count-mismatch', { severity: 'error' }],
  ]),
};
