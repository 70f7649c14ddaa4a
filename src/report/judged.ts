/**
 * Which figures of a source the rules hold to a limit, at what limit, and whether the rule reports the figure past
 * it: from each rule's own verdict function (the one its check calls) with the manifest's options for the rule, so
 * no limit is written twice. Every view marks a figure (⚠) only when it is `reported`: a mark always has its
 * diagnostic, and a figure no rule judges, or one within its limit, carries none however far it is from the human
 * baseline. A figure with no rule here (self-repetition, distinct-n, entropy…) is shown for comparison only.
 */
import type { EffectiveRules } from '../core/config-types';
import { configFor } from '../core/lint';
import type { Rule, RuleOptions } from '../core/rule';
import { judgeArtifacts, rule as assistantArtifacts } from '../core/rules/assistant-artifacts';
import type { ProfiledSource, Verdict } from '../core/rules/data-figures';
import { judgeDiversity, rule as lowDiversity } from '../core/rules/low-diversity';
import { judgeDuplicates, rule as nearDuplicates } from '../core/rules/near-duplicates';
import { judgeArtifactEvidence, rule as provenanceMismatch } from '../core/rules/provenance-mismatch';
import { judgeTemplates, rule as templateCollapse } from '../core/rules/template-collapse';
import type { JudgedFigure, MetricKey } from './types';

/** A rule's options for the manifest, its configured ones over its defaults; undefined when it is off and judges nothing. */
function optionsOf<O extends RuleOptions>(rule: Rule<O>, rules: EffectiveRules): O | undefined {
  const config = configFor(rule, rules);
  // The config validator has checked each option against the rule's defaults' types, as for the rule's own run (lint.ts).
  return config.severity === 'off' ? undefined : (config.options as O);
}

/**
 * The figures of `source` that a rule judges. `candidates`: low-diversity's baseline candidates (human-baseline.ts);
 * `reported`: the ids of the rules with a finding on the source, so a finding suppressed by a comment leaves no mark.
 */
export function judgedFigures(
  source: ProfiledSource,
  candidates: readonly ProfiledSource[],
  rules: EffectiveRules,
  reported: ReadonlySet<string>,
): Partial<Record<MetricKey, JudgedFigure[]>> | undefined {
  const out: Partial<Record<MetricKey, JudgedFigure[]>> = {};
  const add = (rule: string, key: MetricKey, verdict: Verdict | undefined): void => {
    if (verdict === undefined) return;
    (out[key] ??= []).push({ rule, bound: verdict.bound, limit: verdict.limit, reported: verdict.crossed && reported.has(rule) });
  };
  const diversityOptions = optionsOf(lowDiversity, rules);
  const diversity = diversityOptions && judgeDiversity(source, candidates, diversityOptions);
  if (diversity) {
    // The figures the rule compared: the size-matched ones when every profile compared has them.
    add(lowDiversity.id, diversity.sizeMatched ? 'sizeMatchedCompression' : 'compressionRatio', diversity.compression);
    add(lowDiversity.id, diversity.sizeMatched ? 'sizeMatchedNgramDiversity' : 'ngramDiversity', diversity.diversity);
  }
  const duplicateOptions = optionsOf(nearDuplicates, rules);
  const duplicates = duplicateOptions && judgeDuplicates(source, duplicateOptions);
  if (duplicates) {
    add(nearDuplicates.id, 'nearDuplicateRate', duplicates.near);
    add(nearDuplicates.id, 'exactDuplicateRate', duplicates.exact);
  }
  const templateOptions = optionsOf(templateCollapse, rules);
  add(templateCollapse.id, 'templateShare3', templateOptions && judgeTemplates(source, templateOptions));
  const artifactOptions = optionsOf(assistantArtifacts, rules);
  add(assistantArtifacts.id, 'assistantArtifacts', artifactOptions && judgeArtifacts(source, artifactOptions));
  const mismatchOptions = optionsOf(provenanceMismatch, rules);
  add(provenanceMismatch.id, 'assistantArtifacts', mismatchOptions && judgeArtifactEvidence(source, mismatchOptions));
  return Object.keys(out).length > 0 ? out : undefined;
}
