// Bundles every entry point with esbuild: the CLI, the language server, the VS Code client,
// the analyzer's worker and the webview script. Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const node = { platform: 'node', target: 'node20', format: 'cjs', bundle: true, sourcemap: true, minify, logLevel: 'warning' };
const entries = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['src/analyzer/worker.ts'], outfile: 'dist/worker.js' },
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { platform: 'browser', target: 'es2022', format: 'iife', bundle: true, sourcemap: false, minify: true, logLevel: 'warning',
    entryPoints: ['media/report.ts'], outfile: 'dist/webview.js' },
];

// While the project is being assembled not every entry exists yet; build the ones that do.
const present = entries.filter((e) => existsSync(e.entryPoints[0]));
if (watch) {
  for (const e of present) await (await esbuild.context(e)).watch();
  console.log(`watching ${present.length} bundles`);
} else {
  await Promise.all(present.map((e) => esbuild.build(e)));
}
