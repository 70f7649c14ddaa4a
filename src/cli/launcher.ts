/**
 * The `synthlint` command (package.json `bin`, built as dist/cli.js): runs the CLI bundle (dist/cli-main.js) from
 * a V8 code cache. CI jobs and pre-commit hooks start synthlint afresh every time, and for a short run such as
 * `check --no-data` compiling the bundle, then each function as it first runs, is a large share of the run; V8
 * can instead take the bytecode an earlier run compiled. Node 20 has no `module.enableCompileCache` (22.1+), so
 * this does what it does, with `vm.Script`'s `cachedData`.
 *
 * One cache file per bundle build (the bundle's content hash, which scripts/build.mjs writes into this file), V8
 * version, architecture and command, in `<user cache folder>/code/`: a rebuilt or upgraded bundle never meets
 * bytecode of another, and V8 itself refuses data made under other flags. A run that found no cache, or had it
 * refused, writes one at exit holding everything it compiled, to a temp file renamed into place, so a concurrent
 * run reads a whole file or none. Usage errors (exit 2) write nothing, so a mistyped command leaves no file.
 * Reading or writing the cache may fail (a read-only home, a full disk): that only costs the compile, so it is
 * never reported. `NODE_DISABLE_COMPILE_CACHE` (the variable Node's own compile cache obeys) turns it off.
 *
 * It also picks V8's settings for a run that lints manifests only (MANIFESTS_ONLY_FLAGS), before the bundle is
 * compiled: V8 refuses a code cache made under other flags, so those runs keep a cache file of their own. Such a
 * run goes to the check bundle (dist/cli-check.js, src/cli/manifests-only.ts): 0.37 MB without the analyzer, the
 * report, the server, the yaml package and the provenance registry (the last two are files beside it, read when a
 * run needs them), where the full bundle is 1.9 MB, and every byte of a bundle is read, decoded and kept.
 */
import { readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { userCacheDir } from '../analyzer/cache-dir';
import { utf8Text } from '../analyzer/encoding';
import { makeFoldersSync } from '../analyzer/folders';
import { FileBytes } from './file-bytes';

/** The content hashes of dist/cli-main.js and dist/cli-check.js, put in by scripts/build.mjs when it builds this file. */
declare const CLI_BUNDLE_HASH: string;
declare const CHECK_BUNDLE_HASH: string;

/** The full CLI bundle's one export the launcher calls (src/cli/main.ts). */
interface CliBundle {
  runAsProcess(): void;
}

/** The check bundle's (src/cli/manifests-only.ts). */
interface CheckBundle {
  runIfManifestsOnly(): boolean;
}

/**
 * V8 settings for `check --no-data`: the manifest rules only, no analyzer threads, no server, a run of a fraction
 * of a second with a few MB live. In a run that short the optimising compiler costs more than it gains (its
 * compiles run beside the lint and are thrown away at exit); letting the young generation grow only adds pages
 * the process touches once each (every first touch is a page fault, and on the 2-core CI machine faults are a
 * large share of such a run); and its ~40 scavenges of a small young generation are quicker on the main thread
 * alone than handed to helper threads, which a busy machine may not schedule at once. On a 1,000-source
 * manifest, paired with the default settings: CPU time -30%, page faults 13,700 → 8,800, and -10% wall on a
 * loaded machine for the scavenges on the main thread; at 10,000 sources still no slower. Runs that profile data
 * or serve an editor keep V8's defaults: they live long enough for all three to pay. Only flags V8 reads afresh
 * each time it uses them may be set here, after start-up: `--single-threaded-gc`, for one, aborts the process at
 * the first full GC (concurrent marking was set up before it). Which runs those are is read from the raw arguments; a
 * wrong guess (a file named `--no-data`) changes speed only, never output.
 */
const MANIFESTS_ONLY_FLAGS = '--semi-space-growth-factor=1 --no-opt --no-parallel-scavenge';

/** Cache files kept (least recently used go first): a few commands × a couple of installed versions. */
const MAX_CACHE_FILES = 12;

const cacheDir = path.join(userCacheDir(), 'code');
const manifestsOnly = process.argv[2] === 'check' && process.argv.includes('--no-data');
if (manifestsOnly) setV8Flags(MANIFESTS_ONLY_FLAGS);
const command = manifestsOnly ? 'check-no-data' : /^[a-z]{1,20}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'default';
const useCache = !process.env.NODE_DISABLE_COMPILE_CACHE;
/** Compiled code to keep at exit: bundles run without a cache file, or with one V8 refused. */
const unsaved: { cacheFile: string; script: Script }[] = [];
if (useCache) {
  process.on('exit', (code) => {
    if (code !== 2) for (const { cacheFile, script } of unsaved) writeCache(cacheFile, script.createCachedData());
  });
}

// A manifests-only run goes to the check bundle, which holds none of the analyzer; anything it turns down, and any
// run if it is missing (a partial install), goes to the full bundle.
const check = manifestsOnly ? load<CheckBundle>('cli-check.js', 'check', CHECK_BUNDLE_HASH) : undefined;
if (check?.runIfManifestsOnly() !== true) {
  const cli = load<CliBundle>('cli-main.js', 'cli', CLI_BUNDLE_HASH);
  if (cli === undefined) throw new Error(`synthlint: ${path.join(__dirname, 'cli-main.js')} is missing: reinstall synthlint`);
  cli.runAsProcess();
}

/**
 * `v8.setFlagsFromString` without node:v8, whose module loads node:stream and some 30 modules with it (~1 ms of a
 * cold `check --no-data`, which writes its report without streams: descriptor-io.ts): the binding function that
 * node:v8 hands on. process.binding warns (DEP0111) for that binding, so deprecation warnings are off for that one
 * call and as they were after it; a Node without the binding gets node:v8.
 */
function setV8Flags(flags: string): void {
  const noDeprecation = process.noDeprecation;
  process.noDeprecation = true;
  try {
    (process as unknown as { binding(name: 'v8'): { setFlagsFromString(flags: string): void } }).binding('v8').setFlagsFromString(flags);
  } catch {
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
  } finally {
    process.noDeprecation = noDeprecation;
  }
}

/**
 * Runs a bundle (`name` in this folder, already wrapped as a CommonJS function by scripts/build.mjs, so compiled as
 * read) from the code cache, and returns its exports; undefined when the file cannot be read.
 */
function load<T>(name: string, prefix: string, hash: string): T | undefined {
  const bundleFile = path.join(__dirname, name);
  const cacheFile = path.join(cacheDir, `${prefix}-${hash}-${process.versions.v8}-${process.arch}-${command}.bin`);
  let files: FileBytes;
  let source: string;
  try {
    files = new FileBytes(Math.max(statSync(bundleFile).size, useCache ? fileSize(cacheFile) : 0));
    source = utf8Text(files.read(bundleFile));
  } catch {
    return undefined;
  }
  const cachedData = useCache ? readCache(cacheFile, files) : undefined;
  const script = new Script(source, { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  if (useCache && (cachedData === undefined || script.cachedDataRejected === true)) unsaved.push({ cacheFile, script });
  const bundle = new Module(bundleFile, module);
  bundle.filename = bundleFile;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(bundle.exports, bundle.exports, Module.createRequire(bundleFile), bundle, bundleFile, __dirname);
  return bundle.exports as T;
}

/** The file's size, 0 when there is none (or it cannot be read: readCache then finds so). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The cache file's bytes (through `files`, so valid until its next read), or undefined when there is none. */
function readCache(cacheFile: string, files: FileBytes): Buffer | undefined {
  try {
    const data = files.read(cacheFile);
    // A hit marks the file as used, so trimming (writeCache) drops the files no run asks for.
    const now = new Date();
    utimesSync(cacheFile, now, now);
    return data;
  } catch {
    return undefined;
  }
}

function writeCache(cacheFile: string, data: Buffer): void {
  try {
    makeFoldersSync(cacheDir);
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, cacheFile);
    const files = readdirSync(cacheDir)
      // A temp file is a write cut short, or one under way (the newest, kept).
      .filter((name) => name.endsWith('.bin') || name.endsWith('.tmp'))
      .map((name) => ({ file: path.join(cacheDir, name), usedMs: statSync(path.join(cacheDir, name)).mtimeMs }))
      .sort((a, b) => b.usedMs - a.usedMs);
    for (const { file } of files.slice(MAX_CACHE_FILES)) unlinkSync(file);
  } catch {
    // Not cached this time; the next run compiles again and tries again.
  }
}
