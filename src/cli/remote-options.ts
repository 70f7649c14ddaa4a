/**
 * `--remote` and its limits: the command line's way to let a run sample remote sources (hub datasets, https://
 * and s3:// Parquet and JSON Lines) over the network. Off unless given; endpoints and credentials come from the
 * environment (analyzer/remote/settings.ts).
 */
import { REMOTE_DEFAULTS, remoteSettings, type RemoteSettings } from '../analyzer/remote/settings';
import type { OptionSpecs, OptionValues } from './args';

export const REMOTE_OPTIONS: OptionSpecs = {
  remote: {
    type: 'boolean',
    description: 'Also profile remote sources (hf://, hub ids, https://, s3:// Parquet and JSONL) by sampling byte ranges; off by default.',
  },
  'remote-budget-mb': { type: 'number', min: 1, valueName: 'N', description: `With --remote: fetch at most N MB per remote source (default: ${REMOTE_DEFAULTS.budgetMB}).` },
  'remote-timeout': { type: 'number', min: 1, valueName: 'SECONDS', description: `With --remote: give up on a request after SECONDS (default: ${REMOTE_DEFAULTS.timeoutMs / 1000}).` },
  'remote-retries': { type: 'number', min: 0, valueName: 'N', description: `With --remote: retry a failed request N times, with backoff (default: ${REMOTE_DEFAULTS.retries}).` },
};

/** The remote settings the flags ask for, or undefined without `--remote` (the limit flags alone change nothing). */
export function remoteFromOptions(options: OptionValues, env: NodeJS.ProcessEnv): RemoteSettings | undefined {
  if (options.remote !== true) return undefined;
  const budget = options['remote-budget-mb'];
  const timeout = options['remote-timeout'];
  const retries = options['remote-retries'];
  return remoteSettings(env, {
    ...(typeof budget === 'number' ? { budgetMB: budget } : {}),
    ...(typeof timeout === 'number' ? { timeoutMs: timeout * 1000 } : {}),
    ...(typeof retries === 'number' ? { retries } : {}),
  });
}
