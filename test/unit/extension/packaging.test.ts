// What the two packages built from this package.json hold: the VSIX (scripts/package.mjs stages VSIX_FILES) must
// carry every file package.json points at, and the npm package (package.json "files", what `npm pack` lists)
// only what the CLI runs. The VSIX itself is built, installed and tested by `npm run test:vscode -- --vsix`.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
// @ts-expect-error: a plain .mjs script without type declarations
import { VSIX_FILES } from '../../../scripts/package.mjs';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Whether the VSIX holds `file`: listed itself, or inside a listed folder. */
function packaged(file: string): boolean {
  return (VSIX_FILES as string[]).some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
}

function referencedFiles(): string[] {
  const c = pkg.contributes;
  const urls = [
    pkg.main,
    pkg.icon,
    ...c.languages.map((l: { configuration?: string }) => l.configuration),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.yamlValidation.map((v: { url: string }) => v.url),
    ...c.jsonValidation.map((v: { url: string }) => v.url),
    'dist/server.js',
    'dist/cli.js',
    'dist/cli-main.js',
    'dist/cli-check.js',
    'dist/yaml.js',
    'dist/datasets.json',
    'dist/worker.js',
    'dist/lint-worker.js',
    'dist/webview.js',
    'media/report.css',
  ];
  return urls.filter((u): u is string => typeof u === 'string').map((u) => path.posix.normalize(u.replace(/^\.\//, '')));
}

describe('extension packaging', () => {
  it('ships every file package.json refers to (grammars, schemas, bundles, icon)', () => {
    const files = referencedFiles();
    assert.ok(files.includes('syntaxes/dataset-yaml.tmLanguage.json') && files.includes('media/icon.png'));
    for (const file of files) {
      assert.ok(packaged(file), `${file} is not in VSIX_FILES (scripts/package.mjs)`);
      if (!file.startsWith('dist/')) assert.ok(existsSync(path.join(ROOT, file)), `${file} does not exist`);
    }
  });

  it('leaves sources, tests, docs, maps and dependencies out of the VSIX (the bundles hold what runs)', () => {
    for (const file of ['src/core/lint.ts', 'media/report.ts', 'dist/extension.js.map', 'dist/cli-main.js.map', 'docs/testing.md', 'test/unit/extension/packaging.test.ts', 'node_modules/yaml/package.json']) {
      assert.equal(packaged(file), false, file);
    }
  });

  it('has what the Marketplace shows: repository, bugs, homepage, icon, banner', () => {
    assert.match(pkg.repository.url, /^https:\/\/github\.com\//);
    assert.match(pkg.bugs.url, /^https:\/\//);
    assert.match(pkg.homepage, /^https:\/\//);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    const png = readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'the Marketplace wants an icon of at least 128×128');
  });

  it('npm pack lists only what the CLI runs', async function () {
    this.timeout(60_000);
    // --ignore-scripts: the listing without `prepack`'s production build, which would rewrite dist/ under the other tests.
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli-check.js', 'dist/cli-main.js', 'dist/cli.js', 'dist/datasets.json', 'dist/lint-worker.js', 'dist/webview.js', 'dist/worker.js', 'dist/yaml.js', 'media/report.css', 'package.json', 'schemas/synthlint-config.schema.json', 'schemas/synthlint-dataset.schema.json']);
    assert.equal(pkg.bin.synthlint, './dist/cli.js');
  });
});
