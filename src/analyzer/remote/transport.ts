/**
 * Every byte synthlint fetches goes through one Transfer per source: it keeps the count of bytes and requests
 * the profile reports, refuses a request that would pass the source's byte budget, bounds each request in time,
 * retries what may pass (network errors, timeouts, 429, 5xx) with exponential backoff, and turns every failure
 * into a RemoteProblem whose message is the finding's. After a failure that says the host cannot be reached the
 * transfer stops: the next requests would wait out the same timeouts again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RemoteSettings } from './settings';

/** A request to send: built afresh for every attempt, since an S3 signature carries its time. */
export interface RequestSpec {
  url: string;
  headers: Record<string, string>;
}

/** A failure reading remote data; its message is a sentence for a finding. */
export class RemoteProblem extends Error {
  override readonly name = 'RemoteProblem';
  /** The host is not reachable (offline, refused, timed out): no use trying the next request. */
  readonly fatal: boolean;
  constructor(message: string, fatal = false) {
    super(message);
    this.fatal = fatal;
  }
}

export interface RangeAnswer {
  bytes: Uint8Array;
  /** The object's size, from Content-Range. */
  total: number;
  /** The object's strong ETag, when the server sends one: its version, for the profile cache. */
  etag?: string;
}

/** A strong ETag names one content; a weak one (`W/"…"`) only an equivalent one, so it cannot key a cache. */
function strongEtag(headers: Headers): string | undefined {
  const etag = headers.get('etag');
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

/** Error bodies are read for their code (S3's XML `<Code>`, the hub's JSON `error`), never more than this. */
const ERROR_BODY_BYTES = 4096;

/** fetch says only "fetch failed": the reason (ECONNREFUSED, ENOTFOUND, ...) is in its cause. */
function causeOf(err: unknown): string {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  if (cause instanceof Error) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Reads at most `max` bytes of a body, then stops the transfer: a server may send far more than was asked. */
async function readCapped(response: Response, max: number): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), cut: false };
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.length;
    if (total > max) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(total, max + 1));
  let at = 0;
  for (const p of parts) {
    const take = Math.min(p.length, bytes.length - at);
    bytes.set(p.subarray(0, take), at);
    at += take;
  }
  return { bytes: bytes.subarray(0, Math.min(total, max)), cut: total > max };
}

function errorCode(body: string): string | undefined {
  return /<Code>([^<]{1,80})<\/Code>/.exec(body)?.[1] ?? /"error"\s*:\s*"([^"]{1,160})"/.exec(body)?.[1];
}

function statusProblem(status: number, statusText: string, body: string): RemoteProblem {
  const code = errorCode(body);
  const what = `HTTP ${status}${statusText ? ` ${statusText}` : ''}${code ? `, ${code}` : ''}`;
  if (status === 404) return new RemoteProblem(`not found (${what})`);
  if (status === 401 || status === 403) return new RemoteProblem(`access refused (${what}); check the credentials (HF_TOKEN for the hub, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for S3)`);
  return new RemoteProblem(`the server answered ${what}`);
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

export class Transfer {
  bytesRead = 0;
  requests = 0;
  private failure: RemoteProblem | undefined;

  constructor(
    private readonly settings: RemoteSettings,
    private readonly signal?: AbortSignal,
  ) {}

  /** Bytes still allowed for this source. */
  get remaining(): number {
    return Math.max(0, this.settings.budgetBytes - this.bytesRead);
  }

  /** Bytes [start, end) of an object, with its total size. A server that ignores Range is refused, not downloaded. */
  async range(build: (range: string) => RequestSpec, start: number, end: number): Promise<RangeAnswer> {
    this.charge(end - start);
    const answer = await this.send(build(`bytes=${start}-${end - 1}`), end - start, true);
    if (answer.status === 416) return { bytes: new Uint8Array(0), total: 0 };
    const total = Number(/\/(\d+)\s*$/.exec(answer.contentRange ?? '')?.[1]);
    if (!Number.isFinite(total)) throw new RemoteProblem('the server answered a range request without a Content-Range size');
    const etag = strongEtag(answer.headers);
    return { bytes: answer.bytes, total, ...(etag ? { etag } : {}) };
  }

  /** A whole small document (a listing), up to `max` bytes. */
  async document(spec: RequestSpec, max: number): Promise<{ text: string; headers: Headers }> {
    const allowed = Math.min(max, this.remaining);
    this.charge(Math.max(1, allowed));
    const answer = await this.send(spec, allowed, false);
    return { text: new TextDecoder().decode(answer.bytes), headers: answer.headers };
  }

  private charge(bytes: number): void {
    if (this.failure) throw this.failure;
    if (bytes > this.remaining) {
      // Fatal for the source: what is left of the budget is too little for anything but footers.
      throw new RemoteProblem(`stopped at the byte budget: ${this.bytesRead} bytes read, ${bytes} more needed, ${this.settings.budgetBytes} allowed per source (raise it with --remote-budget-mb or remote.budgetMB)`, true);
    }
  }

  private async send(spec: RequestSpec, max: number, ranged: boolean): Promise<{ status: number; bytes: Uint8Array; contentRange: string | null; headers: Headers }> {
    const { retries, backoffMs, timeoutMs } = this.settings;
    let last: RemoteProblem = new RemoteProblem('not read');
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1), undefined, this.signal ? { signal: this.signal } : {});
      this.signal?.throwIfAborted();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
      this.requests++;
      try {
        const response = await fetch(spec.url, { headers: spec.headers, signal, redirect: 'follow' });
        if (response.ok) {
          if (ranged && response.status !== 206) {
            await response.body?.cancel();
            throw new RemoteProblem(`the server does not honour Range requests (HTTP ${response.status} for a range); not downloaded whole`);
          }
          const { bytes, cut } = await readCapped(response, max);
          this.bytesRead += bytes.length;
          if (cut) throw new RemoteProblem(`the server sent more than the ${max} bytes asked for; stopped`);
          return { status: response.status, bytes, contentRange: response.headers.get('content-range'), headers: response.headers };
        }
        if (ranged && response.status === 416) {
          await response.body?.cancel();
          return { status: 416, bytes: new Uint8Array(0), contentRange: null, headers: response.headers };
        }
        const body = await readCapped(response, ERROR_BODY_BYTES);
        this.bytesRead += body.bytes.length;
        last = statusProblem(response.status, response.statusText, new TextDecoder().decode(body.bytes));
        if (!retryable(response.status)) throw last;
      } catch (err) {
        if (err instanceof RemoteProblem) throw err;
        if (this.signal?.aborted) throw err;
        const host = hostOf(spec.url);
        if (timeout.aborted) last = new RemoteProblem(`no answer from ${host} within ${timeoutMs / 1000} s`, true);
        else {
          last = new RemoteProblem(`offline or unreachable: ${causeOf(err)} (${host})`, true);
        }
      }
    }
    const tried = `${retries + 1} attempt${retries === 0 ? '' : 's'}`;
    const problem = new RemoteProblem(`${last.message}, after ${tried}`, last.fatal);
    if (problem.fatal) this.failure = problem;
    throw problem;
  }
}
