/** The public API of synthlint's core: pure functions over manifest text, no I/O. */
export * from './range';
export * from './finding';
export * from './manifest';
export * from './profile';
export * from './rule';
export { lint, NON_RULE_IDS, type LintInput } from './lint';
export { parseConfig, effectiveRules, globMatches, CONFIG_FILE_NAMES } from './config';
export type { Config, ConfigOverride, EffectiveRules, RuleConfig, RuleSetting } from './config-types';
export { PRESETS, PRESET_IDS, isPresetId, type PresetId } from './presets';
export { parseSuppressions, applySuppressions, type SuppressionDirective } from './suppressions';
export { syntheticShares, effectiveSyntheticShare, shareOn, DEFAULT_MIXED_WEIGHT } from './ratios';
export type { ShareBreakdown, SyntheticShares, ShareBasis, WeightSizeBasis, WeightShareBreakdown, WeightUnknownReason } from './ratios';
export { generationDepths, type Lineage, type ExternalDepth } from './lineage';
export { rules, ruleById } from './rules/index';
export { ruleDocsUrl, RULE_DOCS_BASE_URL } from './rules/docs-url';
export { didYouMean } from './did-you-mean';
