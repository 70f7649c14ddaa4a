/**
 * `--remote` and its limits: the command line's way to let a run sample remote sources (hub datasets, https://
 * and s3:// Parquet and JSONL) over the network, over `remote:` in `.synthlint.yaml`. Endpoints and credentials
 * come from the environment (analyzer/remote/settings.ts).
 */
import { REMOTE_LIMITS, type RemoteRequest } from '../core/remote-request';
import type { OptionSpecs, OptionValues } from './args';

export const REMOTE_OPTIONS: OptionSpecs = {
  remote: {
    type: 'boolean',
    negatable: true,
    description: 'Also profile remote sources (hf://, hub ids, https://, s3:// Parquet and JSONL) by sampling byte ranges (default: `remote.enabled` in the config, else off).',
  },
  'remote-budget-mb': { type: 'number', min: 1, valueName: 'N', description: `Fetch at most N MB per remote source (default: ${REMOTE_LIMITS.budgetMB}).` },
  'remote-timeout': { type: 'number', min: 1, valueName: 'SECONDS', description: `Give up on a remote request after SECONDS (default: ${REMOTE_LIMITS.timeoutSeconds}).` },
  'remote-retries': { type: 'number', min: 0, valueName: 'N', description: `Retry a failed remote request N times, with backoff (default: ${REMOTE_LIMITS.retries}).` },
};

/** What the flags ask of remote data: over the config's `remote:`; nothing when no remote flag is given. */
export function remoteRequest(options: OptionValues): RemoteRequest | undefined {
  const { remote } = options;
  const budget = options['remote-budget-mb'];
  const timeout = options['remote-timeout'];
  const retries = options['remote-retries'];
  const request: RemoteRequest = {
    ...(typeof remote === 'boolean' ? { enabled: remote } : {}),
    ...(typeof budget === 'number' ? { budgetMB: budget } : {}),
    ...(typeof timeout === 'number' ? { timeoutSeconds: timeout } : {}),
    ...(typeof retries === 'number' ? { retries } : {}),
  };
  return Object.keys(request).length > 0 ? request : undefined;
}
