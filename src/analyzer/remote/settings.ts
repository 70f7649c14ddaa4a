/**
 * How remote data is reached and how much of it is read: endpoints and credentials from the environment (the
 * variables the Hugging Face and AWS tools read, so one setup serves both), limits from the caller (CLI flags,
 * `.synthlint.yaml`, editor settings). Reading remote data is never implied: callers pass settings only when the
 * user turned it on (docs/remote-data.md).
 */
import { REMOTE_LIMITS, type RemoteRequest } from '../../core/remote-request';
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

/** Wait before the first retry; not a setting (the retries and timeout are). */
const BACKOFF_MS = 500;
const MiB = 1024 * 1024;

function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The settings for a request that turned remote data on, with endpoints and credentials from `env`. */
export function remoteSettings(env: NodeJS.ProcessEnv, request: RemoteRequest = {}): RemoteSettings {
  const accessKeyId = given(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = given(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = given(env.AWS_SESSION_TOKEN);
  const hfToken = given(env.HF_TOKEN) ?? given(env.HUGGING_FACE_HUB_TOKEN);
  const s3Endpoint = given(request.s3Endpoint) ?? given(env.AWS_ENDPOINT_URL_S3) ?? given(env.AWS_ENDPOINT_URL);
  return {
    hfEndpoint: (given(request.hfEndpoint) ?? given(env.HF_ENDPOINT) ?? 'https://huggingface.co').replace(/\/+$/, ''),
    ...(hfToken ? { hfToken } : {}),
    ...(s3Endpoint ? { s3Endpoint: s3Endpoint.replace(/\/+$/, '') } : {}),
    s3Region: given(env.AWS_REGION) ?? given(env.AWS_DEFAULT_REGION) ?? 'us-east-1',
    ...(accessKeyId && secretAccessKey ? { s3Credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } : {}),
    budgetBytes: (request.budgetMB ?? REMOTE_LIMITS.budgetMB) * MiB,
    timeoutMs: (request.timeoutSeconds ?? REMOTE_LIMITS.timeoutSeconds) * 1000,
    retries: request.retries ?? REMOTE_LIMITS.retries,
    backoffMs: BACKOFF_MS,
  };
}
