import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SourceProfile } from '../core/profile';
import { ANALYZER_VERSION } from './version';

/** What a cached profile depends on: each file's identity and the options that change figures. */
export interface CacheKeyParts {
  files: { path: string; size: number; mtimeMs: number }[];
  options: Record<string, unknown>;
}

const PREFIX = 'profile-';

export function cacheKey(parts: CacheKeyParts): string {
  const canonical = JSON.stringify({ v: ANALYZER_VERSION, files: parts.files, options: Object.entries(parts.options).sort() });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 40);
}

function entryPath(dir: string, key: string): string {
  return path.join(dir, `${PREFIX}${key}.json`);
}

function looksLikeProfile(v: unknown): v is SourceProfile {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Partial<SourceProfile>;
  return p.analyzerVersion === ANALYZER_VERSION && typeof p.sourceId === 'string' && typeof p.metrics === 'object' && Array.isArray(p.files);
}

/** A cached profile, or undefined on a miss; an unreadable or corrupt entry is a miss (and is recomputed). */
export async function readCachedProfile(dir: string, key: string): Promise<SourceProfile | undefined> {
  let text: string;
  try {
    text = await readFile(entryPath(dir, key), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return looksLikeProfile(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file + rename), so a reader never sees half an entry even with two writers. */
export async function writeCachedProfile(dir: string, key: string, profile: SourceProfile): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = entryPath(dir, key);
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, JSON.stringify(profile));
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Deletes every cached profile (and stray temp files) in `dir`; returns how many entries went. */
export async function clearCache(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const ours = names.filter((n) => n.startsWith(PREFIX));
  await Promise.all(ours.map((n) => rm(path.join(dir, n), { force: true })));
  return ours.filter((n) => n.endsWith('.json')).length;
}
