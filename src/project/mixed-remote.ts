import { dirname } from 'node:path';
import type { Manifest } from '../core/manifest';
import type { SourceProfile } from '../core/profile';
import { isRemote } from './resolve-files';

/**
 * A source that names local files and remote entries together is profiled from its local files only: remote
 * sampling takes whole sources (its figures are a sample with intervals, a local read is not, and the two do
 * not add up to one honest figure). Its figures would then describe part of the source as if it were all of it;
 * this adds an issue per remote entry instead, which `unreadable-data` reports at that entry.
 */
export function noteUnreadRemoteEntries(manifest: Manifest, profiles: Map<string, SourceProfile>, remoteOn: boolean): void {
  const dir = dirname(manifest.file);
  for (const source of manifest.sources) {
    const profile = profiles.get(source.id);
    if (profile === undefined) continue;
    const unread = source.files.filter((entry) => entry.trim() !== '' && isRemote(entry, dir));
    if (unread.length === 0) continue;
    const why = remoteOn
      ? 'remote entries are sampled only in a source whose entries are all remote: give them a source of their own'
      : 'remote data is off (--remote, or the synthlint.remoteData setting)';
    const issues = unread.map((entry) => ({ file: entry, message: `not read, and not in this source's figures, which cover its local files only: ${why}` }));
    profiles.set(source.id, { ...profile, issues: [...profile.issues, ...issues] });
  }
}
