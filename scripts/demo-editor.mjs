// `npm run demo:editor`: try synthlint in a browser without installing VS Code. Starts the cached VS Code server
// (scripts/vscode/env.mjs; the first run installs it) on 127.0.0.1 with examples/ open and synthlint
// installed, and prints the URL. Stays up until Ctrl-C, then stops the server and all its children.
//
// Usage: node scripts/demo-editor.mjs [--folder <dir>]   (npm run demo:editor builds first)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_SERVER_VERSION, ensureVSCodeEnv, repoRoot } from './vscode/env.mjs';
import { startVSCodeServer } from './vscode/server.mjs';

const { values: args } = parseArgs({ options: { folder: { type: 'string', default: path.join(repoRoot, 'examples') } } });
const say = (line) => console.log(`[demo:editor] ${line}`);

if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
  console.error('[demo:editor] dist/extension.js is missing: run `npm run build` (npm run demo:editor does).');
  process.exit(2);
}
const env = await ensureVSCodeEnv({ log: say });
const runDir = path.join(os.tmpdir(), `synthlint-demo-editor-${process.pid}`);

// Install synthlint the way VS Code would from a .vsix: an `<publisher>.<name>-<version>` folder in the
// extensions dir, holding what the package ships (package.json `files`-like list below, the bundles in dist/).
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const installed = path.join(runDir, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`);
mkdirSync(installed, { recursive: true });
for (const entry of ['package.json', 'dist', 'media', 'schemas', 'syntaxes', 'docs', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
  const from = path.join(repoRoot, entry);
  if (existsSync(from)) cpSync(from, path.join(installed, entry), { recursive: true });
}

const server = await startVSCodeServer({ env, runDir, smokeTestDriver: false, disableWorkspaceTrust: false });
const stop = async () => {
  say('stopping');
  await server.stop();
  rmSync(runDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const folder = path.resolve(args.folder);
say(`VS Code's server (from code-server ${CODE_SERVER_VERSION}) is serving ${folder}`);
say('');
say(`  open  http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`);
say('');
say('Trust the folder when asked (synthlint reads data files only in trusted workspaces), open a');
say('*.dataset.yaml file and look at the Problems panel, the status bar and "synthlint: Open Report".');
say(`Server log: ${server.log}. Ctrl-C stops it.`);
