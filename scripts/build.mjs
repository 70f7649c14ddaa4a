// Bundles every entry point with esbuild: the CLI, the language server, the VS Code client,
// the analyzer's worker, the server's lint thread and the webview script.
// The CLI is three files: the bundle (cli-main.js), the check bundle for `check --no-data` (cli-check.js, the
// manifest rules without the analyzer, with the yaml package and the provenance registry in files beside it:
// yaml.js, datasets.json), and the `synthlint` command that loads them through a V8 code cache
// (cli.js, src/cli/launcher.ts), built after the bundles with their content hashes as its cache keys. The bundles
// are written already wrapped in the CommonJS function (CJS_WRAPPER), so the launcher compiles the file's text as it
// is: wrapping it at run time would make V8 copy the whole 1-2 MB source into one flat string first.
// Usage: node scripts/build.mjs [--watch] [--minify] [--production] [--outdir <dir>]
// --production (what the VSIX and the npm package ship: `vscode:prepublish`, `prepack`): minified, no source
// maps, and the maps of an earlier development build removed from the output folder so no package picks them up.
// --outdir (default dist): scripts/package.mjs builds the VSIX's bundles into its staging folder, leaving the
// development build in dist/ as it was.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const { values: args } = parseArgs({
  options: {
    watch: { type: 'boolean', default: false },
    minify: { type: 'boolean', default: false },
    production: { type: 'boolean', default: false },
    outdir: { type: 'string', default: 'dist' },
  },
});
const { watch, production, outdir } = args;
const minify = production || args.minify;

/** What Node's `Module.wrap` puts around a CommonJS file; src/cli/launcher.ts calls the function it makes. */
const CJS_WRAPPER = { head: '(function (exports, require, module, __filename, __dirname) {', tail: '})' };
const node = { platform: 'node', target: 'node20', format: 'cjs', bundle: true, sourcemap: !production, minify, logLevel: 'warning' };
/** The bundles the launcher runs, and the name of the hash of each it is built with. */
const CLI_BUNDLES = [
  { entry: 'src/cli/main.ts', file: 'cli-main.js', hashName: 'CLI_BUNDLE_HASH' },
  { entry: 'src/cli/manifests-only.ts', file: 'cli-check.js', hashName: 'CHECK_BUNDLE_HASH' },
];
/**
 * What the check bundle (dist/cli-check.js) leaves out of itself and reads from files beside it when a run needs
 * them. Each byte of the bundle is read, decoded and kept by every cold run (a page of memory touched costs ~16
 * microseconds on the 2-core CI machine), and these two were over half of it: the yaml package (258 KB), which
 * only a document the fast reader leaves to it loads, and the provenance registry (216 KB as an object literal,
 * whose bytecode also filled the code cache), whose entries are read one by one as lookups reach them.
 */
const CHECK_SIDE_FILES = { yaml: 'yaml.js', registry: 'datasets.json' };
const REGISTRY_SOURCE = 'src/core/provenance/datasets.json';
/**
 * The registry file the check bundle reads (ASCII JSON, the same value as the committed one) and its index: each key
 * with where its entry lies in that text. The index goes into the bundle (CHECK_REGISTRY_INDEX), so a run parses the
 * few entries it looks up and not the whole file (src/cli/check-registry.ts).
 */
const { indexRegistry } = await tsImport('../src/core/provenance/registry-index.ts', import.meta.url);
const checkRegistry = indexRegistry(JSON.parse(readFileSync(REGISTRY_SOURCE, 'utf8')));
const entries = [
  ...CLI_BUNDLES.map(({ entry, file }) => ({
    ...node,
    entryPoints: [entry],
    outfile: path.join(outdir, file),
    banner: { js: CJS_WRAPPER.head },
    footer: { js: CJS_WRAPPER.tail },
    // The check bundle is minified in every build, as shipped: it exists for cold starts, where each byte of it is
    // read, kept and hashed (195 KB against 366 KB; its source map still comes with a development build).
    ...(file === 'cli-check.js' ? { minify: true, define: { CHECK_REGISTRY_INDEX: JSON.stringify(checkRegistry.index) } } : {}),
    plugins: [...(file === 'cli-check.js' ? [checkSideFiles()] : []), launcherAfterBundle()],
  })),
  // The yaml package for the check bundle, which loads it only when its own reader leaves a document to it.
  { ...node, entryPoints: ['yaml'], outfile: path.join(outdir, CHECK_SIDE_FILES.yaml) },
  { ...node, entryPoints: ['src/server/main.ts'], outfile: path.join(outdir, 'server.js') },
  { ...node, entryPoints: ['src/analyzer/worker.ts'], outfile: path.join(outdir, 'worker.js') },
  { ...node, entryPoints: ['src/server/lint-worker.ts'], outfile: path.join(outdir, 'lint-worker.js') },
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: path.join(outdir, 'extension.js'), external: ['vscode'] },
  { platform: 'browser', target: 'es2022', format: 'iife', bundle: true, sourcemap: false, minify: true, logLevel: 'warning',
    entryPoints: ['media/report.ts'], outfile: path.join(outdir, 'webview.js') },
];

function checkSideFiles() {
  return {
    name: 'check-side-files',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({ path: `./${CHECK_SIDE_FILES.yaml}`, external: true }));
      // The committed registry comes from the file beside the bundle, entry by entry, through its index.
      build.onResolve({ filter: /[\\/]default-registry$/ }, () => ({ path: path.resolve('src/cli/check-registry.ts') }));
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        mkdirSync(outdir, { recursive: true });
        writeFileSync(path.join(outdir, CHECK_SIDE_FILES.registry), checkRegistry.text);
      });
    },
  };
}

/**
 * Builds the launcher (dist/cli.js) each time a CLI bundle is built (watch mode included): the launcher keys its
 * code cache on the bundles' content hashes, put in with `define`. Builds of it run one after another, each reading
 * the bundles as they are then, so the last one, after the last bundle was written, has both hashes right.
 */
let launcherBuilt = Promise.resolve();
function launcherAfterBundle() {
  return {
    name: 'cli-launcher',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        launcherBuilt = launcherBuilt.then(buildLauncher);
        return launcherBuilt;
      });
    },
  };
}

async function buildLauncher() {
  const hashOf = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16) : '');
  await esbuild.build({
    ...node,
    sourcemap: false,
    entryPoints: ['src/cli/launcher.ts'],
    outfile: path.join(outdir, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
    define: Object.fromEntries(CLI_BUNDLES.map(({ file, hashName }) => [hashName, JSON.stringify(hashOf(path.join(outdir, file)))])),
  });
}

// While the project is being assembled not every entry exists yet; build the ones that do.
const present = entries.filter((e) => e.entryPoints[0] === 'yaml' || existsSync(e.entryPoints[0]));
if (production && existsSync(outdir)) {
  for (const f of readdirSync(outdir)) if (f.endsWith('.map')) rmSync(path.join(outdir, f));
}
if (watch) {
  for (const e of present) await (await esbuild.context(e)).watch();
  console.log(`watching ${present.length} bundles`);
} else {
  await Promise.all(present.map((e) => esbuild.build(e)));
}
