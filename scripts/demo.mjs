// `npm run demo`: synthlint on the example workspace with the built CLI, as a user would run it. Lints
// examples/ (`synthlint check`, stylish output: file:line:col, rule ids, docs links), then writes the HTML
// report of every manifest it found to out/demo/ and lists them. The examples hold errors on purpose, so the
// demo exits 0 when check exits 1; it fails only when the CLI itself fails (usage error, crash, no report).
//
// Usage: node scripts/demo.mjs [--out <dir>]   (npm run demo builds first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const examples = path.join(root, 'examples');
const { values: args } = parseArgs({ options: { out: { type: 'string', default: path.join(root, 'out', 'demo') } } });
const outDir = path.resolve(args.out);

const color = process.env.NO_COLOR ? false : process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : Boolean(process.stdout.isTTY);
const paint = (code) => (text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint(1);
const dim = paint(2);
const green = paint(32);
const yellow = paint(33);
const red = paint(31);
const rel = (file) => path.relative(process.cwd(), file) || '.';
const heading = (text) => console.log(`\n${bold(`━━ ${text} `)}${dim('━'.repeat(Math.max(0, 72 - text.length)))}`);

if (!existsSync(cli)) {
  console.error(`demo: ${rel(cli)} is missing: run \`npm run build\` (npm run demo does).`);
  process.exit(2);
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/** Runs the built CLI from the repository root; `capture` keeps stdout instead of showing it. */
function synthlint(cliArgs, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [cli, ...cliArgs], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, ...(color ? { FORCE_COLOR: '1' } : {}) },
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout ?? '' };
}

function fail(message) {
  console.error(red(`\ndemo: ${message}`));
  process.exit(1);
}

heading('synthlint check examples/');
console.log(dim(`$ synthlint check ${rel(examples)}`));
const check = synthlint(['check', examples]);
const meaning = { 0: 'no errors', 1: 'errors found — expected: the examples are broken on purpose' };
if (!(check.code in meaning)) fail(`synthlint check exited ${check.code}: that is a failure of the CLI, not a finding.`);
console.log(dim(`synthlint check exited ${check.code} (${meaning[check.code]}).`));

// The same run as JSON tells the demo which files are manifests (they carry a dialect) and their counts.
const checkJson = path.join(outDir, 'check.json');
const json = synthlint(['check', examples, '--format', 'json', '--output-file', checkJson]);
if (!(json.code in meaning) || !existsSync(checkJson)) fail(`synthlint check --format json exited ${json.code} without writing ${rel(checkJson)}.`);
const results = JSON.parse(readFileSync(checkJson, 'utf8'));
const manifests = results.filter((r) => r.dialect !== undefined);
if (manifests.length === 0) fail(`synthlint check found no manifest in ${rel(examples)}.`);

heading(`synthlint report: ${manifests.length} manifests → ${rel(outDir)}/`);
const reports = [];
const usedNames = new Set();
for (const manifest of manifests) {
  const name = reportName(manifest.filePath);
  const target = path.join(outDir, `${name}.html`);
  const result = synthlint(['report', manifest.filePath, '--output', target], { capture: true });
  if (result.code !== 0 || !existsSync(target)) fail(`synthlint report ${rel(manifest.filePath)} exited ${result.code} without writing ${rel(target)}.`);
  reports.push({ manifest, target });
}
const width = Math.max(...reports.map((r) => path.relative(examples, r.manifest.filePath).length));
const dialectWidth = Math.max(...reports.map((r) => r.manifest.dialect.length));
const rows = reports.map(({ manifest, target }) => {
  const counts = [[manifest.errorCount, 'error'], [manifest.warningCount, 'warning'], [manifest.infoCount, 'info']].filter(([n]) => n > 0).map(([n, w]) => plural(n, w));
  return { manifest, target, counts: counts.length > 0 ? counts.join(', ') : 'clean' };
});
const countsWidth = Math.max(...rows.map((r) => r.counts.length));
for (const { manifest, target, counts } of rows) {
  const paintCounts = manifest.errorCount > 0 ? red : manifest.warningCount > 0 ? yellow : green;
  console.log(`  ${path.relative(examples, manifest.filePath).padEnd(width)}  ${dim(manifest.dialect.padEnd(dialectWidth))}  ${paintCounts(counts.padEnd(countsWidth))}  ${rel(target)}`);
}

const totals = results.reduce((t, r) => ({ errors: t.errors + r.errorCount, warnings: t.warnings + r.warningCount, infos: t.infos + r.infoCount }), { errors: 0, warnings: 0, infos: 0 });
const findingsOf = (r) => r.manifest.errorCount + r.manifest.warningCount + r.manifest.infoCount;
const richest = reports.reduce((best, r) => (findingsOf(r) > findingsOf(best) ? r : best));
heading('summary');
console.log(
  `${green('✔')} ${plural(reports.length, 'report')} written; check found ${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')} and ${plural(totals.infos, 'info')} in ${plural(manifests.length, 'manifest')} (exit code ${check.code}).`,
);
console.log(`  open ${pathToFileURL(richest.target).href}  ${dim(`(${path.relative(examples, richest.manifest.filePath)}: the most findings)`)}`);
console.log(dim(`  findings as JSON: ${rel(checkJson)}`));

/** A file name for a manifest's report: its example folder (`chat-v2`), or folder and file when a folder has several. */
function reportName(file) {
  const relative = path.relative(examples, file);
  const folder = path.dirname(relative) === '.' ? path.basename(file).replace(/\.[^.]+$/, '') : path.dirname(relative).split(path.sep).join('-');
  let name = folder;
  if (usedNames.has(name)) name = `${folder}-${path.basename(file).replace(/\.[^.]+$/, '')}`;
  usedNames.add(name);
  return name;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}
