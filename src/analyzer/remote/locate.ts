/**
 * From a `files` entry that names remote data to the objects to sample: an `https://` URL is one object; an
 * `s3://bucket/key` is one object, or the objects a listing matches when the key holds a glob; an
 * `hf://datasets/owner/name[@revision]/path` is one file of a hub dataset, or the files its tree listing matches;
 * a hub id (`owner/name`, as training mixtures write it) is the data files of one split, picked by the hub's own
 * naming convention. Listings are fetched through the source's Transfer, so they count against its budget.
 */
import { globCache } from '../../core/glob-cache';
import { GLOB_CHARS } from '../../core/rules/file-patterns';
import { formatOf, type DataFormat } from '../readers';
import type { RemoteSettings } from './settings';
import { signRequest } from './sigv4';
import { RemoteProblem, type RequestSpec, type Transfer } from './transport';

export interface RemoteObject {
  /** How findings and profiles name it: the URL, `s3://bucket/key`, or `hf://datasets/owner/name@revision/path`. */
  name: string;
  format: DataFormat;
  gzip: boolean;
  /** From a listing; otherwise learnt from the first range read. */
  size?: number;
  /** The content's version from a listing (S3's ETag, the hub's content id); otherwise from the first range read. */
  version?: string;
  /** The request for a byte range (`bytes=a-b`), or for the whole object without one. */
  request(range?: string): RequestSpec;
}

/** Listings stop after this many entries: a source is sampled from a few objects, not catalogued. */
const MAX_LISTED = 10_000;
/** Bytes of one listing page (the hub pages at 1,000 entries, S3 at 1,000 keys: a few hundred KB). */
const LISTING_PAGE_BYTES = 4 * 1024 * 1024;
const matcher = globCache({ dot: false });
/** The formats a byte range can be read from without the rest of the file. */
export const SAMPLED_FORMATS: readonly DataFormat[] = ['parquet', 'jsonl'];

export function isRemoteUrl(entry: string): boolean {
  return /^(https?|s3|hf):\/\//i.test(entry);
}

function withRange(headers: Record<string, string>, range: string | undefined): Record<string, string> {
  return range ? { ...headers, range } : headers;
}

/** What a listing says of one object. */
interface Listed {
  size: number;
  version?: string;
}

function objectOf(name: string, path: string, request: RemoteObject['request'], listed?: Listed): RemoteObject | string {
  const format = formatOf(path);
  if (!format) return `${name}: unknown data format (expected .parquet or .jsonl); not read`;
  return { name, format, gzip: /\.gz$/i.test(path), request, ...(listed ? { size: listed.size } : {}), ...(listed?.version ? { version: listed.version } : {}) };
}

// ---- https ----

function httpObject(entry: string): RemoteObject | string {
  const url = new URL(entry);
  return objectOf(entry, url.pathname, (range) => ({ url: entry, headers: withRange({}, range) }));
}

// ---- S3 ----

function s3Url(settings: RemoteSettings, bucket: string, key: string, query = ''): URL {
  const path = key.split('/').map(encodeURIComponent).join('/');
  // A custom endpoint (MinIO, a local store) takes the bucket in the path; so does AWS for dotted bucket names,
  // which a virtual-hosted TLS certificate does not cover.
  const base = settings.s3Endpoint
    ? `${settings.s3Endpoint}/${bucket}/${path}`
    : bucket.includes('.')
      ? `https://s3.${settings.s3Region}.amazonaws.com/${bucket}/${path}`
      : `https://${bucket}.s3.${settings.s3Region}.amazonaws.com/${path}`;
  return new URL(`${base}${query}`);
}

function s3Request(settings: RemoteSettings, url: URL, range?: string): RequestSpec {
  const headers = withRange({}, range);
  if (!settings.s3Credentials) return { url: url.href, headers };
  return { url: url.href, headers: signRequest({ method: 'GET', url, headers, region: settings.s3Region, credentials: settings.s3Credentials }) };
}

function s3Object(settings: RemoteSettings, bucket: string, key: string, listed?: Listed): RemoteObject | string {
  return objectOf(`s3://${bucket}/${key}`, key, (range) => s3Request(settings, s3Url(settings, bucket, key), range), listed);
}

function xmlText(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

/** ListObjectsV2 under the part of the key before its first glob character. */
async function s3List(settings: RemoteSettings, transfer: Transfer, bucket: string, pattern: string): Promise<(Listed & { key: string })[]> {
  const prefix = pattern.slice(0, pattern.search(GLOB_CHARS));
  const found: (Listed & { key: string })[] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ 'list-type': '2', prefix, ...(token ? { 'continuation-token': token } : {}) });
    const { text } = await transfer.document(s3Request(settings, s3Url(settings, bucket, '', `?${query.toString()}`)), LISTING_PAGE_BYTES);
    for (const m of text.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
      const key = xmlText(/<Key>([\s\S]*?)<\/Key>/.exec(m[1] ?? '')?.[1] ?? '');
      const size = Number(/<Size>(\d+)<\/Size>/.exec(m[1] ?? '')?.[1] ?? NaN);
      const version = xmlText(/<ETag>([\s\S]*?)<\/ETag>/.exec(m[1] ?? '')?.[1] ?? '');
      if (key && matcher(pattern).match(key)) found.push({ key, size, ...(version ? { version } : {}) });
    }
    token = /<IsTruncated>true<\/IsTruncated>/.test(text) ? xmlText(/<NextContinuationToken>([\s\S]*?)<\/NextContinuationToken>/.exec(text)?.[1] ?? '') || undefined : undefined;
  } while (token && found.length < MAX_LISTED);
  return found;
}

// ---- Hugging Face hub ----

interface HubPath {
  repo: string;
  revision: string;
  path: string;
}

/** `hf://datasets/owner/name@rev/path` (the huggingface_hub file-system syntax), or a hub id `owner/name`. */
function hubPath(entry: string): HubPath | undefined {
  const rest = /^hf:\/\/datasets\/(.*)$/i.exec(entry)?.[1] ?? (isRemoteUrl(entry) ? undefined : entry);
  if (rest === undefined) return undefined;
  const m = /^([^/@]+\/[^/@]+|[^/@]+)(?:@([^/]+))?(?:\/(.*))?$/.exec(rest);
  if (!m?.[1]) return undefined;
  return { repo: m[1], revision: decodeURIComponent(m[2] ?? 'main'), path: m[3] ?? '' };
}

function hubName(hub: HubPath, path: string): string {
  return `hf://datasets/${hub.repo}${hub.revision === 'main' ? '' : `@${hub.revision}`}/${path}`;
}

function hubAuth(settings: RemoteSettings): Record<string, string> {
  return settings.hfToken ? { authorization: `Bearer ${settings.hfToken}` } : {};
}

function hubObject(settings: RemoteSettings, hub: HubPath, path: string, listed?: Listed): RemoteObject | string {
  const url = `${settings.hfEndpoint}/datasets/${hub.repo}/resolve/${encodeURIComponent(hub.revision)}/${path.split('/').map(encodeURIComponent).join('/')}`;
  return objectOf(hubName(hub, path), path, (range) => ({ url, headers: withRange(hubAuth(settings), range) }), listed);
}

/** The repository's files under `dir`, with sizes, from the hub's tree API (paged by its Link header). */
async function hubTree(settings: RemoteSettings, transfer: Transfer, hub: HubPath, dir: string): Promise<(Listed & { path: string })[]> {
  const found: (Listed & { path: string })[] = [];
  let next: string | undefined = `${settings.hfEndpoint}/api/datasets/${hub.repo}/tree/${encodeURIComponent(hub.revision)}${dir ? `/${dir}` : ''}?recursive=true`;
  while (next && found.length < MAX_LISTED) {
    const { text, headers } = await transfer.document({ url: next, headers: hubAuth(settings) }, LISTING_PAGE_BYTES);
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch {
      throw new RemoteProblem(`the hub's file listing of ${hub.repo} is not JSON`);
    }
    if (!Array.isArray(items)) throw new RemoteProblem(`the hub's file listing of ${hub.repo} is not a list`);
    for (const item of items as { type?: unknown; path?: unknown; size?: unknown; oid?: unknown; lfs?: { size?: unknown; oid?: unknown } }[]) {
      if (item.type !== 'file' || typeof item.path !== 'string') continue;
      const size = typeof item.lfs?.size === 'number' ? item.lfs.size : typeof item.size === 'number' ? item.size : undefined;
      // The LFS object's SHA-256 for large files, the git blob id otherwise: both change with the content.
      const version = typeof item.lfs?.oid === 'string' ? item.lfs.oid : typeof item.oid === 'string' ? item.oid : undefined;
      if (size !== undefined) found.push({ path: item.path, size, ...(version ? { version } : {}) });
    }
    next = /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];
  }
  return found;
}

/** Split names the hub recognises in file and folder names, with the spellings it maps onto them. */
const SPLIT_SPELLINGS: Record<string, string[]> = {
  train: ['train', 'training'],
  validation: ['validation', 'valid', 'val', 'dev'],
  test: ['test', 'testing', 'eval', 'evaluation'],
};

function splitPattern(words: readonly string[]): RegExp {
  // As the hub's data-files convention: the split name as a folder, or as a word of a file name.
  return new RegExp(`(^|[/_.\\- 0-9])(${words.join('|')})([/_.\\- 0-9]|$)`, 'i');
}

/**
 * The files of `split` among a repository's data files: those named for it; when no file is named for any
 * split, every data file is `train` (both as the `datasets` library reads a repository without a config).
 */
export function splitFiles(paths: readonly string[], split: string): string[] {
  const words = SPLIT_SPELLINGS[split] ?? [split];
  const named = paths.filter((p) => splitPattern(words).test(p));
  if (named.length > 0) return named;
  const anySplit = splitPattern(Object.values(SPLIT_SPELLINGS).flat());
  return split === 'train' && !paths.some((p) => anySplit.test(p)) ? [...paths] : [];
}

// ---- entries ----

export interface Located {
  objects: RemoteObject[];
  /** Why an entry or an object named by it is not read: finding text. */
  problems: string[];
}

function keep(out: Located, object: RemoteObject | string): void {
  if (typeof object === 'string') out.problems.push(object);
  else out.objects.push(object);
}

/** The objects one remote `files` entry names. Listing failures throw a RemoteProblem. */
export async function locate(entry: string, split: string, settings: RemoteSettings, transfer: Transfer): Promise<Located> {
  const out: Located = { objects: [], problems: [] };
  if (/^https?:\/\//i.test(entry)) {
    if (GLOB_CHARS.test(new URL(entry).pathname)) out.problems.push(`${entry}: a glob in an http(s) URL cannot be listed; name the files, or use hf:// or s3://`);
    else keep(out, httpObject(entry));
    return out;
  }
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/i.exec(entry);
  if (s3?.[1] && s3[2]) {
    const [bucket, key] = [s3[1], s3[2]];
    if (!GLOB_CHARS.test(key)) keep(out, s3Object(settings, bucket, key));
    else for (const found of await s3List(settings, transfer, bucket, key)) keep(out, s3Object(settings, bucket, found.key, found));
    if (GLOB_CHARS.test(key) && out.objects.length === 0 && out.problems.length === 0) out.problems.push(`${entry}: matches no object`);
    return out;
  }
  const hub = hubPath(entry);
  if (!hub) {
    out.problems.push(`${entry}: not a remote address synthlint reads (https://, s3://bucket/key, hf://datasets/owner/name/path, or a hub id owner/name)`);
    return out;
  }
  if (hub.path && !GLOB_CHARS.test(hub.path)) {
    keep(out, hubObject(settings, hub, hub.path));
    return out;
  }
  const dir = hub.path ? hub.path.slice(0, hub.path.search(GLOB_CHARS)).replace(/\/[^/]*$/, '').replace(/^[^/]*$/, '') : '';
  const tree = await hubTree(settings, transfer, hub, dir);
  // Only what can be sampled by range is picked from a listing: a hub repository also holds its card, scripts and images.
  const data = tree.filter((f) => SAMPLED_FORMATS.includes(formatOf(f.path) as DataFormat) && !/\.gz$/i.test(f.path) && !/(^|\/)\./.test(f.path));
  const inSplit = new Set(splitFiles(data.map((f) => f.path), split));
  const chosen = hub.path ? data.filter((f) => matcher(hub.path).match(f.path)) : data.filter((f) => inSplit.has(f.path));
  for (const f of chosen) keep(out, hubObject(settings, hub, f.path, f));
  if (out.objects.length === 0 && out.problems.length === 0) {
    out.problems.push(hub.path ? `${entry}: matches no file of ${hub.repo}` : `${entry}: no data file of split '${split}' in ${hub.repo} (${data.length} Parquet or JSONL files listed)`);
  }
  return out;
}
