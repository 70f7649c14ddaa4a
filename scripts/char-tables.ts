/**
 * `npm run char-tables`: writes src/analyzer/char-tables.json, the analyzer's character tables of the Basic
 * Multilingual Plane as runs, from their definitions in src/analyzer/char-tables.ts, under this Node's Unicode data.
 * Usage: npm run char-tables [-- --check]   (--check: exit 1 when the committed file differs from what this Node makes)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { charClassOf, encodeRuns, tableOf, wordCharOf, type CharTablesFile } from '../src/analyzer/char-tables';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'analyzer', 'char-tables.json');

const file: CharTablesFile = {
  unicode: process.versions.unicode ?? 'unknown',
  wordChar: encodeRuns(tableOf(wordCharOf)),
  charClass: encodeRuns(tableOf(charClassOf)),
};
// One line a table: the file is generated, and a change of Unicode data shows as one changed line in a diff.
const text = `{\n  "unicode": ${JSON.stringify(file.unicode)},\n  "wordChar": ${JSON.stringify(file.wordChar)},\n  "charClass": ${JSON.stringify(file.charClass)}\n}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(OUT, 'utf8');
  if (current !== text) {
    process.stderr.write(`char-tables: ${OUT} is not what Unicode ${file.unicode} gives: run npm run char-tables\n`);
    process.exit(1);
  }
  process.stdout.write(`char-tables: ${OUT} is current (Unicode ${file.unicode})\n`);
} else {
  writeFileSync(OUT, text);
  process.stdout.write(`char-tables: wrote ${OUT} (Unicode ${file.unicode}; ${file.wordChar.length / 2} and ${file.charClass.length / 2} runs)\n`);
}
