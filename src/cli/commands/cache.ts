/**
 * `synthlint cache info|clear [--cache-dir DIR]`: where the profile cache shared by `profile`, `check`, `report`
 * and the language server lives, how much it holds, and emptying it.
 */
import { resolve } from 'node:path';
import { cacheStats, clearCache, DEFAULT_CACHE_MAX_BYTES } from '../../analyzer/cache';
import { userCacheDir } from '../../analyzer/cache-dir';
import { formatSize } from '../../core/size';
import { formatOptionsHelp, parseArgs, type OptionSpecs } from '../args';
import { didYouMeanSuffix } from '../../core/did-you-mean';
import { type CliIO, usageError, writeAll } from '../io';
import { terminalLine } from '../terminal-text';

const ACTIONS = ['info', 'clear'] as const;
const CACHE_FORMATS = ['text', 'json'] as const;

export const CACHE_COMMAND_OPTIONS: OptionSpecs = {
  'cache-dir': { type: 'string', valueName: 'DIR', description: 'The cache folder (default: the user cache folder; SYNTHLINT_CACHE_DIR sets it too).' },
  format: { type: 'string', short: 'f', choices: CACHE_FORMATS, valueName: CACHE_FORMATS.join('|'), description: 'Output format (default: text).' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export const CACHE_HELP = `Usage: synthlint cache info|clear [options]

The profile cache keeps each data source's profile, keyed by the content of its files, the analyzer version and
the settings, and is shared by profile, check, report and the editor. It is bounded (${formatSize(DEFAULT_CACHE_MAX_BYTES)}, least
recently used profiles go first).

  info   Print the cache folder, the profiles it holds and its size.
  clear  Delete every cached profile.

Options:
${formatOptionsHelp(CACHE_COMMAND_OPTIONS)}

Exit codes: 0 done, 2 usage error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, CACHE_COMMAND_OPTIONS);
  if (!parsed.ok) return usageError(io, 'cache', parsed.message);
  const { options, positionals } = parsed;
  if (options.help) {
    await writeAll(io.stdout, CACHE_HELP);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (action === undefined) return usageError(io, 'cache', `Name an action: ${ACTIONS.join(' or ')}.`);
  if (!(ACTIONS as readonly string[]).includes(action)) return usageError(io, 'cache', `Unknown action '${terminalLine(action)}'.${didYouMeanSuffix(action, ACTIONS)}`);
  if (extra.length > 0) return usageError(io, 'cache', `'cache ${action}' takes no further arguments.`);
  const dir = typeof options['cache-dir'] === 'string' ? resolve(io.cwd, options['cache-dir']) : userCacheDir();
  const json = options.format === 'json';
  if (action === 'clear') {
    const removed = await clearCache(dir);
    await writeAll(io.stdout, json ? `${JSON.stringify({ dir, removed })}\n` : `Removed ${removed} cached profile${removed === 1 ? '' : 's'} from ${terminalLine(dir)}.\n`);
    return 0;
  }
  const stats = await cacheStats(dir);
  const info = { dir, profiles: stats.profiles, bytes: stats.bytes, maxBytes: DEFAULT_CACHE_MAX_BYTES };
  await writeAll(
    io.stdout,
    json ? `${JSON.stringify(info)}\n` : `Cache folder  ${terminalLine(dir)}\nProfiles      ${stats.profiles}\nSize          ${formatSize(stats.bytes)} of at most ${formatSize(DEFAULT_CACHE_MAX_BYTES)}\n`,
  );
  return 0;
}

