/**
 * How remote data is reached and how much of it is read: endpoints and credentials from the environment (the
 * variables the Hugging Face and AWS tools read, so one setup serves both), limits from the caller (CLI flags,
 * `.synthlint.yaml`, editor settings). Reading remote data is never implied: callers pass settings only when the
 * user turned it on (docs/remote-data.md).
 */
import type { AwsCredentials } from './sigv4';

export interface RemoteSettings {
  /** Hugging Face hub, for `hf://` and hub ids: `HF_ENDPOINT`, default https://huggingface.co. */
  hfEndpoint: string;
  /** `HF_TOKEN` (or `HUGGING_FACE_HUB_TOKEN`): sent to the hub endpoint only, for gated and private datasets. */
  hfToken?: string;
  /** `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL` (MinIO, R2, a local store); default AWS's regional endpoint. */
  s3Endpoint?: string;
  /** `AWS_REGION` / `AWS_DEFAULT_REGION`, default us-east-1. */
  s3Region: string;
  /** `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); requests are unsigned without them. */
  s3Credentials?: AwsCredentials;
  /** Most bytes fetched for one source, footers, listings and retries included. */
  budgetBytes: number;
  /** Per request, headers and body together. */
  timeoutMs: number;
  /** Attempts after the first, for network errors, timeouts, 429 and 5xx answers. */
  retries: number;
  /** Wait before the first retry; doubled for each next one. */
  backoffMs: number;
}

export const REMOTE_DEFAULTS = {
  budgetMB: 16,
  timeoutMs: 20_000,
  retries: 2,
  backoffMs: 500,
} as const;

const MiB = 1024 * 1024;

function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** What the caller may set; the rest comes from the environment. */
export interface RemoteOverrides {
  budgetMB?: number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  hfEndpoint?: string;
  s3Endpoint?: string;
}

export function remoteSettings(env: NodeJS.ProcessEnv, overrides: RemoteOverrides = {}): RemoteSettings {
  const accessKeyId = given(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = given(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = given(env.AWS_SESSION_TOKEN);
  const hfToken = given(env.HF_TOKEN) ?? given(env.HUGGING_FACE_HUB_TOKEN);
  const s3Endpoint = given(overrides.s3Endpoint) ?? given(env.AWS_ENDPOINT_URL_S3) ?? given(env.AWS_ENDPOINT_URL);
  return {
    hfEndpoint: (given(overrides.hfEndpoint) ?? given(env.HF_ENDPOINT) ?? 'https://huggingface.co').replace(/\/+$/, ''),
    ...(hfToken ? { hfToken } : {}),
    ...(s3Endpoint ? { s3Endpoint: s3Endpoint.replace(/\/+$/, '') } : {}),
    s3Region: given(env.AWS_REGION) ?? given(env.AWS_DEFAULT_REGION) ?? 'us-east-1',
    ...(accessKeyId && secretAccessKey ? { s3Credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } : {}),
    budgetBytes: (overrides.budgetMB ?? REMOTE_DEFAULTS.budgetMB) * MiB,
    timeoutMs: overrides.timeoutMs ?? REMOTE_DEFAULTS.timeoutMs,
    retries: overrides.retries ?? REMOTE_DEFAULTS.retries,
    backoffMs: overrides.backoffMs ?? REMOTE_DEFAULTS.backoffMs,
  };
}
