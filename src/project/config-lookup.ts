import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONFIG_FILE_NAMES, parseConfig, type Config } from '../core/config';
import type { Finding } from '../core/finding';
import { readTextFile } from '../analyzer/open-file';
import { joinPath } from './path-join';
import { readFailure } from './read-failure';
import { readTeamRegistry } from './team-registry';

export interface ConfigLookup {
  /** Absolute path of the config file found, if any. */
  file?: string;
  config?: Config;
  /** Problems in the config file itself, positioned in that file. */
  findings: Finding[];
}

/** Lookups by folder, so linting many manifests reads each config file once. Create one per run; drop it when files change. */
export type ConfigCache = Map<string, ConfigLookup>;

/**
 * The config that governs a manifest: the nearest config file in its folder or any folder above it, up to
 * the filesystem root. As in ESLint's flat config, the nearest file wins and files are not merged up the
 * tree; sharing goes through `extends`. The search does not stop at a repository root, so a monorepo can
 * keep one config at its top.
 */
export function findConfig(manifestPath: string, cache?: ConfigCache): ConfigLookup {
  return findConfigFrom(dirname(manifestPath), cache);
}

/** The nearest config at or above `dir`. */
export function findConfigFrom(dir: string, cache?: ConfigCache): ConfigLookup {
  const visited: string[] = [];
  let current = dir;
  let found: ConfigLookup | undefined;
  for (;;) {
    const cached = cache?.get(current);
    if (cached) {
      found = cached;
      break;
    }
    visited.push(current);
    const file = CONFIG_FILE_NAMES.map((name) => joinPath(current, name)).find(isFile);
    if (file) {
      found = loadConfigFile(file);
      break;
    }
    // The top is where dirname stops changing: `/`, `C:\\`, or `.` for a relative path (whose root is '').
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const result = found ?? { findings: [] };
  for (const folder of visited) cache?.set(folder, result);
  return result;
}

/** Reads and parses one config file (as `--config FILE` names it); an unreadable file is a finding, not an exception. */
export function loadConfigFile(file: string): ConfigLookup {
  const read = readTextFile(file, 'config file');
  if (read.problem) return { file, findings: [readFailure(file, 'config-invalid', read.problem)] };
  const parsed = parseConfig(file, read.text);
  if (parsed.config === undefined) return { file, findings: parsed.findings };
  const team = readTeamRegistry(file, parsed.config);
  if (team.entries.length > 0) parsed.config.datasets = [...team.entries, ...(parsed.config.datasets ?? [])];
  return { file, findings: [...parsed.findings, ...team.findings], config: parsed.config };
}

/** Anything but a folder counts as found: a pipe or device named like a config is reported by the guarded read, not skipped. */
function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
