/**
 * Real servers on loopback for the remote-data tests: a plain HTTP file server with Range support (and routes
 * that misbehave as real servers do: ignore Range, fail, hang, refuse), which also answers the Hugging Face hub's
 * tree and resolve paths, and an S3-compatible object store (s3rver, from npm). Every request is logged, so a
 * test can assert what was fetched.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface LoggedRequest {
  method: string;
  url: string;
  range?: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
}

export interface FileServer {
  base: string;
  log: LoggedRequest[];
  close(): Promise<void>;
}

function send(res: ServerResponse, log: LoggedRequest, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  log.status = status;
  log.bytes = bytes.length;
  res.writeHead(status, { 'content-length': String(bytes.length), ...headers });
  res.end(bytes);
}

/** The ETag a file is served with: none, a strong one (its content's hash, as a CDN sends), or a weak one. */
type Etag = 'none' | 'strong' | 'weak';

function etagHeader(file: string, etag: Etag): Record<string, string> {
  if (etag === 'none') return {};
  const hash = `"${createHash('sha1').update(readFileSync(file)).digest('hex')}"`;
  return { etag: etag === 'weak' ? `W/${hash}` : hash };
}

function serveFile(req: IncomingMessage, res: ServerResponse, log: LoggedRequest, file: string, honourRange: boolean, etag: Etag = 'none'): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    send(res, log, 404, 'not found');
    return;
  }
  const tag = etagHeader(file, etag);
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!m || !honourRange) {
    send(res, log, 200, readFileSync(file), { 'accept-ranges': honourRange ? 'bytes' : 'none', ...tag });
    return;
  }
  const start = Number(m[1]);
  const end = Math.min(size - 1, m[2] ? Number(m[2]) : size - 1);
  if (start >= size) {
    send(res, log, 416, '', { 'content-range': `bytes */${size}` });
    return;
  }
  const part = Buffer.alloc(end + 1 - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, part, 0, part.length, start);
  } finally {
    closeSync(fd);
  }
  send(res, log, 206, part, { 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes', ...tag });
}

/**
 * Serves `root`:
 * - `/files/PATH`: the file, with Range and no ETag; `/no-range/PATH`: the whole file whatever the Range;
 * - `/strong-etag/PATH`, `/weak-etag/PATH`: the file with Range and a strong or a weak ETag of its content;
 * - `/flaky/N/LABEL/PATH`: 503 for the first N requests of that URL, then the file; `/hang/PATH`: never answers;
 * - `/forbidden/PATH`: 403 with an S3-style error body;
 * - the hub: `/api/datasets/OWNER/NAME/tree/REV[/DIR]?recursive=true` lists `root/hub/OWNER/NAME` (paged by
 *   2 with a Link header, as the hub pages), `/datasets/OWNER/NAME/resolve/REV/PATH` redirects (302) to
 *   `/files/hub/OWNER/NAME/PATH`, as the hub redirects to its CDN. A hub request without `authorization:
 *   Bearer hub-token` is refused when the repository folder holds a file named `.gated`.
 */
export async function startFileServer(root: string): Promise<FileServer> {
  const log: LoggedRequest[] = [];
  const flaky = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const entry: LoggedRequest = { method: req.method ?? 'GET', url: req.url ?? '', ...(req.headers.range ? { range: req.headers.range } : {}), status: 0, bytes: 0 };
    log.push(entry);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const local = (p: string): string => path.join(root, path.normalize(`/${p}`));
    let m: RegExpExecArray | null;
    if ((m = /^\/files\/(.+)$/.exec(pathname))) return serveFile(req, res, entry, local(m[1] ?? ''), true);
    if ((m = /^\/no-range\/(.+)$/.exec(pathname))) return serveFile(req, res, entry, local(m[1] ?? ''), false);
    if ((m = /^\/(strong|weak)-etag\/(.+)$/.exec(pathname))) return serveFile(req, res, entry, local(m[2] ?? ''), true, m[1] as Etag);
    if ((m = /^\/flaky\/(\d+)\/[^/]+\/(.+)$/.exec(pathname))) {
      const seen = (flaky.get(pathname) ?? 0) + 1;
      flaky.set(pathname, seen);
      if (seen <= Number(m[1])) return send(res, entry, 503, 'busy');
      return serveFile(req, res, entry, local(m[2] ?? ''), true);
    }
    if (pathname.startsWith('/hang/')) return; // never answers; the client must time out
    if (pathname.startsWith('/forbidden/')) return send(res, entry, 403, '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    if ((m = /^\/api\/datasets\/([^/]+\/[^/]+)\/tree\/[^/]+(?:\/(.*))?$/.exec(pathname))) {
      const repo = local(`hub/${m[1]}`);
      if (!hubAllowed(req, repo)) return send(res, entry, 401, '{"error":"Access to this dataset is restricted"}');
      const files = listFiles(repo, m[2] ?? '');
      const page = Number(url.searchParams.get('cursor') ?? '0');
      const items = files.slice(page, page + 2).map((f) => hubTreeItem(repo, f));
      const next: Record<string, string> = page + 2 < files.length ? { link: `<${`http://${req.headers.host}${url.pathname}?recursive=true&cursor=${page + 2}`}>; rel="next"` } : {};
      return send(res, entry, 200, JSON.stringify(items), { 'content-type': 'application/json', ...next });
    }
    if ((m = /^\/datasets\/([^/]+\/[^/]+)\/resolve\/[^/]+\/(.+)$/.exec(pathname))) {
      if (!hubAllowed(req, local(`hub/${m[1]}`))) return send(res, entry, 401, '{"error":"Access to this dataset is restricted"}');
      entry.status = 302;
      res.writeHead(302, { location: `/files/hub/${m[1]}/${m[2]}`, 'content-length': '0' });
      res.end();
      return;
    }
    send(res, entry, 404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A file as the hub's tree API lists it: `oid` is its git blob id; a data file (stored in LFS on the hub) also has
 * `lfs.oid`, the SHA-256 of its content. Both from the file's bytes, so a changed file lists a new version.
 */
function hubTreeItem(repo: string, file: string): object {
  const bytes = readFileSync(path.join(repo, file));
  const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  const lfs = /\.(parquet|jsonl)$/.test(file) ? { lfs: { oid: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, pointerSize: 134 } } : {};
  return { type: 'file', path: file, size: bytes.length, oid, ...lfs };
}

function hubAllowed(req: IncomingMessage, repo: string): boolean {
  try {
    statSync(path.join(repo, '.gated'));
  } catch {
    return true;
  }
  return req.headers.authorization === 'Bearer hub-token';
}

function listFiles(dir: string, under: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${name.name}` : name.name;
      if (name.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk(under);
  return out.sort();
}
