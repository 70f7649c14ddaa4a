import type { Source } from '../manifest';
import { isMeasured, type DataIssue, type SourceProfile } from '../profile';
import type { Range } from '../range';
import type { Rule } from '../rule';
import { rowLabel, rowLocation } from './data-figures';
import { entryMatches, isRemoteEntry, remoteEntryNames } from './file-patterns';

type Options = Record<string, never>;

/** The `files` entry that names the file of the first issue, else the `files` key, else the id. */
function filesRange(source: Source, manifestFile: string, issues: readonly DataIssue[]): Range {
  const file = issues[0]?.file;
  const index = file === undefined ? -1 : source.files.findIndex((entry) => remoteEntryNames(entry, file) || entryMatches(entry, manifestFile, [file]));
  return source.itemRanges.files[index] ?? source.ranges.files ?? source.ranges.id;
}

function malformedCount(profile: SourceProfile): number {
  return profile.files.reduce((a, f) => a + f.malformed, 0);
}

/**
 * Every figure the data rules use covers only the records the analyzer could read; a file skipped or full
 * of malformed lines makes them describe less data than the manifest claims, silently. The analyzer keeps
 * the first problems of each file with their lines, which go to related information so the editor links them.
 */
export const rule: Rule<Options> = {
  id: 'unreadable-data',
  description: "Files of a source could not be read, or hold malformed records or records without text.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/unreadable-data.md',
  defaultOptions: {},
  check(ctx) {
    const { manifest } = ctx;
    for (const source of manifest.sources) {
      const profile = ctx.profiles.get(source.id);
      if (profile === undefined || (profile.issues.length === 0 && malformedCount(profile) === 0)) continue;
      const malformed = malformedCount(profile);
      const files = new Set(profile.issues.map((i) => i.file)).size;
      const counts = [
        malformed > 0 ? `${malformed} malformed record${malformed === 1 ? '' : 's'}` : '',
        profile.issues.length > 0 ? `${profile.issues.length} problem${profile.issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` : '',
      ].filter(Boolean);
      const first = profile.issues[0];
      const local = profile.issues.filter((i) => !isRemoteEntry(i.file));
      // A budget that stopped reading is named even when other problems came first: the figures may cover a
      // sliver of the file, and the user needs to know why and which limit to raise.
      const limits = profile.issues.filter((i) => i.limit && i !== first);
      const detail = [
        first === undefined ? '' : ` First: ${rowLabel(first)}: ${first.message}.`,
        ...limits.map((i) => ` Stopped at a limit: ${rowLabel(i)}: ${i.message}.`),
      ].join('');
      // A profile of no record has no figures to cover anything (core/profile.ts): say so rather than that they are partial.
      const reach = isMeasured(profile) ? 'could not be read fully' : 'gave no record to measure';
      const figures = isMeasured(profile) ? 'its figures cover only the records that were read' : 'it has no figures, and its size is unknown';
      ctx.report({
        message: `Source '${source.id}' ${reach} (${counts.join(', ')}); ${figures}.${detail}`,
        range: filesRange(source, manifest.file, profile.issues),
        sourceId: source.id,
        // Remote objects have no place in the workspace to link to: the message names them.
        ...(local.length > 0 ? { related: local.map((i) => rowLocation(i, i.message)) } : {}),
        data: { malformed, issues: profile.issues.length, records: profile.records },
      });
    }
  },
};
