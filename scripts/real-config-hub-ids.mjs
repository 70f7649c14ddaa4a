// Writes test/fixtures/real-configs/hub-ids.txt: every Hugging Face hub dataset id the real configs name, one per
// line, sorted. It reads expected.json, which test/unit/dialects/real-configs.test.ts asserts the dialects
// reproduce from the configs themselves, so the list is what synthlint parses out of those files.
// Run: node scripts/real-config-hub-ids.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../test/fixtures/real-configs/', import.meta.url));

/** The sorted, distinct hub ids of an expected.json object. */
export function hubIds(expected) {
  const ids = new Set();
  for (const { sources } of Object.values(expected)) for (const s of sources) if (s.hub) ids.add(s.dataset);
  return [...ids].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const expected = JSON.parse(readFileSync(`${folder}expected.json`, 'utf8'));
  const ids = hubIds(expected);
  writeFileSync(`${folder}hub-ids.txt`, `${ids.join('\n')}\n`);
  console.log(`${ids.length} hub ids written to ${folder}hub-ids.txt`);
}
