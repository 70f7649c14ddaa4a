/**
 * No raw control character in the sources (src/, media/, scripts/, test/ TypeScript): one is nearly always an escape
 * that a script wrote unescaped. The card dialect's prose patterns held seven raw backspaces where `\b` was
 * meant, so "the card names an LLM" never matched and nothing failed. An intended control character is written
 * as an escape (`\x1b`), which this does not flag.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(?:ts|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

// Tab, line feed and carriage return are text; every other C0 control character and DEL is not.
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

describe('source text', () => {
  it('holds no raw control character', () => {
    const files = ['src', 'media', 'scripts', 'test'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          const at = line.search(RAW_CONTROL);
          return at < 0 ? [] : [`${relative(ROOT, file)}:${i + 1}:${at + 1} U+${line.charCodeAt(at).toString(16).padStart(4, '0')}`];
        }),
    );
    assert.deepEqual(found, []);
  });
});
