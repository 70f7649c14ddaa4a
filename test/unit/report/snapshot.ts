/**
 * JSON snapshots for the report model: `__snapshots__/<name>.json`, compared as text so a diff shows exactly
 * which figure moved. `UPDATE_SNAPSHOTS=1 npx mocha --spec 'test/unit/report/**'` rewrites them; a missing
 * snapshot fails rather than silently passing on its first run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const DIR = path.join(__dirname, '__snapshots__');
const REPO = path.resolve(__dirname, '../../..');

/** Machine-independent JSON: the checkout's absolute path becomes `<repo>`. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).split(REPO).join('<repo>')}\n`;
}

export function matchSnapshot(name: string, value: unknown): void {
  const file = path.join(DIR, `${name}.json`);
  const actual = stableJson(value);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `No snapshot ${path.relative(REPO, file)}; run with UPDATE_SNAPSHOTS=1 to create it, then review it.`);
  assert.equal(actual, readFileSync(file, 'utf8'), `Report model differs from ${path.relative(REPO, file)} (UPDATE_SNAPSHOTS=1 to accept).`);
}
