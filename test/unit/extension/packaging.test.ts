// What the packaged extension (vsce applies .vscodeignore) must hold: every file package.json points at.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** .vscodeignore semantics: patterns in order, `!` re-includes, the last matching pattern decides. */
function packaged(file: string): boolean {
  const patterns = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  let included = true;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (minimatch(file, negated ? p.slice(1) : p, { dot: true })) included = negated;
  }
  return included;
}

function referencedFiles(): string[] {
  const c = pkg.contributes;
  const urls = [
    pkg.main,
    ...c.languages.map((l: { configuration?: string }) => l.configuration),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.yamlValidation.map((v: { url: string }) => v.url),
    ...c.jsonValidation.map((v: { url: string }) => v.url),
    'dist/server.js',
    'dist/worker.js',
    'dist/webview.js',
  ];
  return urls.filter((u): u is string => typeof u === 'string').map((u) => path.posix.normalize(u.replace(/^\.\//, '')));
}

describe('extension packaging', () => {
  it('ships every file package.json refers to (grammars, schemas, bundles)', () => {
    const files = referencedFiles();
    assert.ok(files.includes('syntaxes/dataset-yaml.tmLanguage.json') && files.includes('schemas/synthlint-config.schema.json'));
    for (const file of files) {
      assert.ok(packaged(file), `${file} is excluded by .vscodeignore`);
      if (!file.startsWith('dist/')) assert.ok(existsSync(path.join(ROOT, file)), `${file} does not exist`);
    }
  });

  it('leaves sources, tests and dependencies out (the bundles hold what runs)', () => {
    for (const file of ['src/core/lint.ts', 'test/unit/extension/packaging.test.ts', 'node_modules/yaml/package.json', '.vscode-test/x']) {
      assert.equal(packaged(file), false, file);
    }
  });
});
