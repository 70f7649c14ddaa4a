/**
 * What a run asks of remote data, from `.synthlint.yaml` (`remote:`), the CLI flags or the editor settings: whether
 * remote sources are read at all, and within which limits. The flags and editor settings win over the config;
 * the environment supplies endpoints and credentials (analyzer/remote/settings.ts). Plain data: core does no I/O.
 */
export interface RemoteRequest {
  /** Read remote sources at all; nothing is fetched unless something turns this on. */
  enabled?: boolean;
  budgetMB?: number;
  timeoutSeconds?: number;
  retries?: number;
  /** The Hugging Face hub endpoint, over `HF_ENDPOINT`. */
  hfEndpoint?: string;
  /** The S3 endpoint, over `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`. */
  s3Endpoint?: string;
}

/** The limits when nothing sets them. */
export const REMOTE_LIMITS = { budgetMB: 16, timeoutSeconds: 20, retries: 2 } as const;

export const REMOTE_KEYS = ['enabled', 'budgetMB', 'timeoutSeconds', 'retries', 'hfEndpoint', 's3Endpoint'] as const;

/**
 * The request in force: the caller's (`asked`) over the config's. The config may turn remote data on only where
 * the caller lets it (the command line does; the editor asks for its own setting, so a cloned repository cannot
 * make the editor fetch from the network).
 */
export function resolveRemoteRequest(configured: RemoteRequest | undefined, asked: RemoteRequest | undefined, configMayEnable: boolean): RemoteRequest | undefined {
  const enabled = asked?.enabled ?? (configMayEnable ? configured?.enabled : undefined);
  if (enabled !== true) return undefined;
  return { ...configured, ...asked, enabled };
}
