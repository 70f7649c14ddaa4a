/**
 * The human baseline a source is compared with, in one place: the human sources in its language (same-language.ts)
 * that have enough records, each figure averaged with their record counts as weights, so a large human corpus is
 * not outvoted by a small one. low-diversity judges against it and the report model (hover, CodeLens, webview,
 * HTML export) shows it, so the baseline beside a source in every view is the one its finding quotes. An average of
 * the sources' figures, not the figure of the merged corpus: that would need the texts, and each source's figure
 * already stands for its own data.
 */
import type { EffectiveRules } from '../config-types';
import type { Manifest } from '../manifest';
import type { MeasuredProfile, SourceProfile } from '../profile';
import { profiledSources, type ProfiledSource } from './data-figures';
import { humansInLanguageOf } from './same-language';

/** low-diversity's default `minRecords`: a human source under it is no baseline (a one-record "hi" says nothing). */
export const BASELINE_MIN_RECORDS = 50;

/** low-diversity's `minRecords` as the manifest's config sets it, so the views leave out the human sources the rule does. */
export function configuredBaselineMinRecords(rules: EffectiveRules | undefined): number {
  const value = rules?.get('low-diversity')?.options.minRecords;
  return typeof value === 'number' ? value : BASELINE_MIN_RECORDS;
}

/** The human sources that may be a baseline: profiled, with `minRecords` records or more (whatever their language). */
export function baselineCandidates(manifest: Manifest, profiles: ReadonlyMap<string, SourceProfile>, minRecords: number): ProfiledSource[] {
  return profiledSources(manifest, profiles, ['human']).filter((h) => h.profile.records >= minRecords);
}

/** The candidates a source is compared with: those in its language. */
export function baselineHumans(candidates: readonly ProfiledSource[], profile: MeasuredProfile): ProfiledSource[] {
  return humansInLanguageOf(candidates, profile);
}

/**
 * Why a source has no human baseline, in the words of low-diversity's message and of every view: no profiled human
 * data; none in its language; or, in its language, only human sources each under `minRecords` records, which are no
 * baseline (a source's figure is the average of its records, noise below that), though the manifest has human data
 * there. `humans`: every profiled human source, whatever its size.
 */
export function noBaselineWords(humans: readonly ProfiledSource[], profile: MeasuredProfile, minRecords: number): string {
  if (humans.length === 0) return 'no human data';
  const inLanguage = humansInLanguageOf(humans, profile);
  if (inLanguage.length === 0) return 'no human data in its language';
  return inLanguage.every((h) => h.profile.records < minRecords)
    ? `no human source in its language with ${minRecords} or more records`
    : 'no human figure in its language to compare';
}

/**
 * The record-weighted mean of a figure over `humans`; undefined when there is none, or when one of them lacks the
 * figure (a baseline of some of the humans would not be the baseline the others' sources are named in).
 */
export function baselineMean(humans: readonly ProfiledSource[], figure: (profile: MeasuredProfile) => number | undefined): number | undefined {
  let weighted = 0;
  let records = 0;
  for (const { profile } of humans) {
    const value = figure(profile);
    if (value === undefined || !Number.isFinite(value)) return undefined;
    weighted += value * profile.records;
    records += profile.records;
  }
  return records === 0 ? undefined : weighted / records;
}
