// Folders named after the process that made them (`<prefix><pid>`) outlive it when it is killed by a signal: no
// exit hook runs. Both the analyzer's spill folders (metrics/spill-runs.ts) and the real-editor cache's staging
// folders (scripts/vscode/env.mjs) find their leftovers here; plain JavaScript so that the scripts, which run
// without a TypeScript loader, share it with the bundles (types: dead-process-folders.d.mts).
import { readdirSync } from 'node:fs';

/** Whether a process with this pid is running (EPERM: it is, under another user). */
export function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Names of the entries of `parent` called `prefix` + a pid whose process is gone (none when `parent` is missing). */
export function foldersOfDeadProcesses(parent, prefix) {
  let names;
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = name.slice(prefix.length);
    return /^\d+$/.test(pid) && Number(pid) !== process.pid && !processAlive(Number(pid));
  });
}
