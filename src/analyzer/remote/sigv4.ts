/**
 * AWS Signature Version 4 for the requests synthlint makes to S3: a GET of an object's byte range or of a bucket
 * listing (the tests also PUT their objects with it). Why not the AWS SDK: @aws-sdk/client-s3 pulls in about a hundred packages and several MB
 * for what is, for a ranged GET, fifty lines of documented HMAC chaining
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). The known-answer test checks it
 * against the example in AWS's own documentation, and the integration test against a real S3 implementation.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignInput {
  method: 'GET' | 'HEAD' | 'PUT';
  url: URL;
  /** Headers to sign besides host and the x-amz-* ones this adds (e.g. range). Lower-case names. */
  headers: Record<string, string>;
  region: string;
  credentials: AwsCredentials;
  /** The signing time; now by default. */
  date?: Date;
  /** A body to sign (tests upload their objects with it); none by default. */
  body?: Uint8Array;
}

/** SHA-256 of the empty body: a GET sends none. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters, `/` kept in paths. */
function uriEncode(text: string, keepSlash: boolean): string {
  return [...new TextEncoder().encode(text)]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) return c;
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The headers to send: the given ones plus host, x-amz-date, x-amz-content-sha256, the session token and authorization. */
export function signRequest(input: SignInput): Record<string, string> {
  const date = input.date ?? new Date();
  const amzDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = input.body ? createHash('sha256').update(input.body).digest('hex') : EMPTY_SHA256;
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
    ...(input.credentials.sessionToken ? { 'x-amz-security-token': input.credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  // S3 signs the path as sent (each segment encoded once), unlike the other services.
  const path = uriEncode(decodeURIComponent(input.url.pathname), true);
  const canonicalRequest = [input.method, path, canonicalQuery(input.url), canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _host, ...sent } = headers;
  return { ...sent, authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
