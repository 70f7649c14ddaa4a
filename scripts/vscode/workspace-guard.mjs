// The suites open real workspaces (examples/ is the project's own showcase). Tests may edit buffers but must
// revert them; a test that saved, or a server that wrote a cache into the workspace, would change the committed
// files for good. The runner snapshots the workspace before a suite and fails the run if anything changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @returns {Map<string, string>} relative path → sha256 of every file under `dir` (the workspaces are small). */
export function snapshotFolder(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.set(path.relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Lines such as `changed: broken/typo.dataset.yaml`, one per file added, removed or modified since `before`. */
export function folderChanges(before, after) {
  const lines = [];
  for (const [file, hash] of after) {
    if (!before.has(file)) lines.push(`added:   ${file}`);
    else if (before.get(file) !== hash) lines.push(`changed: ${file}`);
  }
  for (const file of before.keys()) if (!after.has(file)) lines.push(`removed: ${file}`);
  return lines.sort();
}
