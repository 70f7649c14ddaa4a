/**
 * The profile cache shared by `synthlint profile`, `check`, `report` and the language server: one folder of JSON
 * files (the user's cache folder by default, cache-dir.ts userCacheDir), safe with several processes writing at once and
 * bounded in size.
 *
 * Content-addressed: a profile's key is the analyzer version, the options that change figures, and each file's
 * path with a hash of its content, so a file touched but unchanged (a fresh checkout, a copy back) still hits,
 * and a file changed within the same second (same size and mtime) does not wrongly hit when its inode differs.
 * Hashing reads the file once, far faster than profiling it; a file's hash is kept beside the profiles under its
 * size, mtime and inode, so an unchanged file is not read again to find its key (the fast path). A remote
 * source's key uses the versions its servers state (ETag, the hub's content ids) instead: hashing would mean
 * downloading the objects, which the sample exists to avoid.
 *
 * Concurrency: every entry is written to a temp file and renamed into place, so a reader sees a whole entry or
 * none; two writers of the same key write the same profile, and the last rename wins. A reader that loses a race
 * with eviction or `cache clear` sees a miss and recomputes.
 *
 * Bound: after each write the folder is trimmed to `maxBytes`, least recently used first (a hit touches its
 * entry's mtime), down to three quarters of the bound so that trimming is rare.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SourceProfile } from '../core/profile';
import { makeFolders } from './folders';
import { ANALYZER_VERSION } from './version';

/** A file as the cache identifies it: where it is and, for the fast path, what its stat says. */
export interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** What a cached profile depends on besides the files' content: the options that change figures. */
export type CacheOptions = Record<string, unknown>;

const PROFILE = 'profile-';
const FILE_HASH = 'file-';
const TEMP = '.tmp';
/** The cache's default bound. A profile is 0.1-2 MB (the vocabulary dominates), so this keeps hundreds. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;
const TRIM_TO = 0.75;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes atomically (temp file + rename), so a reader never sees half an entry even with two writers. */
async function writeAtomic(target: string, text: string): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP}`;
  await writeFile(temp, text);
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The file's content hash: from its stored entry while size, mtime and inode are unchanged, else read and stored. */
async function contentHash(dir: string, file: CachedFile): Promise<string> {
  const entry = path.join(dir, `${FILE_HASH}${sha256(file.path).slice(0, 40)}.json`);
  const known = (await readJson(entry)) as Partial<CachedFile & { sha256: string }> | undefined;
  if (known?.path === file.path && known.size === file.size && known.mtimeMs === file.mtimeMs && known.ino === file.ino && typeof known.sha256 === 'string') {
    return known.sha256;
  }
  const digest = await hashFile(file.path);
  await writeAtomic(entry, JSON.stringify({ ...file, sha256: digest }));
  return digest;
}

/**
 * The key of a source's profile. Creates the cache folder: the content hashes are stored there. Throws when a
 * file cannot be read or the folder cannot be written; callers then run without the cache.
 */
export async function profileCacheKey(dir: string, files: readonly CachedFile[], options: CacheOptions): Promise<string> {
  await makeFolders(dir);
  const contents = [];
  for (const file of files) contents.push({ path: file.path, sha256: await contentHash(dir, file) });
  return keyOf(contents, options);
}

/** A remote object as the cache identifies it: its name, size, and the version its server or listing states. */
export interface VersionedObject {
  name: string;
  size: number;
  /** A strong ETag, an S3 listing's ETag, or the hub's content id: changes whenever the content does. */
  version: string;
}

/**
 * The key of a remote source's profile: the objects' stated versions stand in for content hashes (reading the
 * objects to hash them is what the cache saves). Only for objects that state one: without it there is no key.
 */
export function remoteProfileCacheKey(objects: readonly VersionedObject[], options: CacheOptions): string {
  return keyOf(
    objects.map(({ name, size, version }) => ({ remote: name, size, version })),
    options,
  );
}

function keyOf(contents: readonly object[], options: CacheOptions): string {
  const canonical = JSON.stringify({ v: ANALYZER_VERSION, files: contents, options: Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)) });
  return sha256(canonical).slice(0, 40);
}

function profilePath(dir: string, key: string): string {
  return path.join(dir, `${PROFILE}${key}.json`);
}

function looksLikeProfile(v: unknown): v is SourceProfile {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Partial<SourceProfile>;
  return p.analyzerVersion === ANALYZER_VERSION && typeof p.sourceId === 'string' && (p.metrics === undefined ? p.records === 0 : typeof p.metrics === 'object') && Array.isArray(p.files);
}

/** A cached profile, or undefined on a miss; an unreadable or corrupt entry is a miss (and is recomputed). A hit counts as a use for eviction. */
export async function readCachedProfile(dir: string, key: string): Promise<SourceProfile | undefined> {
  const file = profilePath(dir, key);
  const value = await readJson(file);
  if (!looksLikeProfile(value)) return undefined;
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return value;
}

/** Stores a profile (without its `fromCache` mark), then trims the folder to `maxBytes`. */
export async function writeCachedProfile(dir: string, key: string, profile: SourceProfile, maxBytes = DEFAULT_CACHE_MAX_BYTES): Promise<void> {
  await makeFolders(dir);
  const stored: SourceProfile = { ...profile };
  delete stored.fromCache;
  await writeAtomic(profilePath(dir, key), JSON.stringify(stored));
  await trimCache(dir, maxBytes);
}

interface Entry {
  file: string;
  bytes: number;
  usedMs: number;
}

async function entriesOf(dir: string): Promise<Entry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const ours = names.filter((n) => n.startsWith(PROFILE) || n.startsWith(FILE_HASH));
  const stats = await Promise.all(ours.map((n) => stat(path.join(dir, n)).catch(() => undefined)));
  return ours.flatMap((n, i) => {
    const s = stats[i];
    return s ? [{ file: path.join(dir, n), bytes: s.size, usedMs: s.mtimeMs }] : [];
  });
}

/** Deletes the least recently used entries until the folder holds at most TRIM_TO × maxBytes, once it holds more than maxBytes. */
export async function trimCache(dir: string, maxBytes: number): Promise<number> {
  const entries = await entriesOf(dir);
  let total = entries.reduce((a, e) => a + e.bytes, 0);
  if (total <= maxBytes) return 0;
  let removed = 0;
  // Another process's entry being written is left alone: removing it would fail that process's rename.
  for (const entry of entries.filter((e) => !e.file.endsWith(TEMP)).sort((a, b) => a.usedMs - b.usedMs)) {
    if (total <= maxBytes * TRIM_TO) break;
    await rm(entry.file, { force: true });
    total -= entry.bytes;
    removed++;
  }
  return removed;
}

/** Cached profiles and the folder's bytes (content hashes and temp files included). */
export async function cacheStats(dir: string): Promise<{ profiles: number; bytes: number }> {
  const entries = await entriesOf(dir);
  return { profiles: entries.filter((e) => path.basename(e.file).startsWith(PROFILE) && e.file.endsWith('.json')).length, bytes: entries.reduce((a, e) => a + e.bytes, 0) };
}

/** Deletes every cached profile, content hash and stray temp file in `dir`; returns how many profiles went. */
export async function clearCache(dir: string): Promise<number> {
  const entries = await entriesOf(dir);
  await Promise.all(entries.map((e) => rm(e.file, { force: true })));
  return entries.filter((e) => path.basename(e.file).startsWith(PROFILE) && e.file.endsWith('.json')).length;
}
