// Bundles the extension-host suite (test/integration/*.ts) to out/test/integration/*.js, one CJS file per
// source file so index.js can pick test files by name at run time. `vscode` is provided by the extension
// host and `mocha` is loaded from the repo's node_modules (out/ sits inside the repo, so require resolves).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './env.mjs';

export const integrationSrc = path.join(repoRoot, 'test', 'integration');
export const integrationOut = path.join(repoRoot, 'out', 'test', 'integration');

/** @returns {Promise<string>} the path of the built tests module (extensionTestsPath). */
export async function buildIntegrationTests() {
  const entryPoints = readdirSync(integrationSrc).filter((f) => f.endsWith('.ts')).map((f) => path.join(integrationSrc, f));
  rmSync(integrationOut, { recursive: true, force: true }); // a deleted test must not keep running from a stale .js
  await esbuild.build({
    entryPoints,
    outdir: integrationOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline', // stack traces in failures point at the .ts lines
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(integrationOut, 'index.js');
}
