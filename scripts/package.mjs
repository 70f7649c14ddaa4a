// `npm run package`: builds the VSIX, synthlint-<version>.vsix in the repository root.
//
// One package.json serves the npm package (the CLI; its "files" lists the CLI's runtime files) and the VSIX, and
// vsce refuses a .vscodeignore beside "files". So the VSIX is packed from a staging folder, out/vsix/: the
// production bundles are built straight into its dist/ (`vscode:prepublish --outdir`, so the development build in
// dist/ stays as it was), the other files below are copied in, and its package.json names them in "files" (vsce
// then fails if one is missing) and has no scripts (the build has already run).
// vsce rewrites the README's relative links against "repository" so they resolve on the Marketplace.
//
// Usage: node scripts/package.mjs [--out <file.vsix>]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The folder the VSIX is packed from; its dist/ holds the production bundles after a run. */
export const staging = path.join(root, 'out', 'vsix');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** What the extension loads at run time. The bundles are self-contained, so no node_modules/. */
export const VSIX_FILES = [
  'dist/extension.js',
  'dist/cli.js', // the `synthlint: check` task runs the CLI the extension ships (src/extension/tasks.ts)
  'dist/cli-main.js', // the bundle dist/cli.js loads (src/cli/launcher.ts)
  'dist/cli-check.js', // the bundle it loads for `check --no-data` (src/cli/manifests-only.ts)
  'dist/yaml.js', // what the check bundle reads when a run needs it (scripts/build.mjs, CHECK_SIDE_FILES)
  'dist/datasets.json',
  'dist/server.js',
  'dist/worker.js',
  'dist/lint-worker.js', // the server lints big manifests in a thread of its own (src/server/lint-document.ts)
  'dist/webview.js',
  'media/icon.png',
  'media/report.css',
  'media/report-icon.svg',
  'schemas/',
  'syntaxes/',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];

/** Where `npm run package` writes the VSIX. */
export const defaultVsixPath = () => path.join(root, `${manifest.name}-${manifest.version}.vsix`);

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? defaultVsixPath());
  const t0 = Date.now();
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  run('npm', ['run', 'vscode:prepublish', '--', '--outdir', path.join(staging, 'dist')], root);
  for (const file of VSIX_FILES.filter((f) => !f.startsWith('dist/'))) cpSync(path.join(root, file), path.join(staging, file), { recursive: true });
  const { scripts: _scripts, devDependencies: _dev, files: _files, ...rest } = manifest;
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify({ ...rest, files: VSIX_FILES }, null, 2)}\n`);

  run(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], staging);
  console.log(`[package] ${path.relative(process.cwd(), out)}: ${(statSync(out).size / 1024).toFixed(0)} KiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[package] ${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
