// Times what VS Code pays to activate the packaged extension, in a fresh Node process: `require` of the bundle
// (loading and compiling ~370 KB of minified JavaScript, most of it vscode-languageclient) and the call to
// activate(). `vscode` is a stub that answers every call with another stub, so VS Code's own API costs nothing
// here; the figure is the bundle's share. The language client's start is not awaited by activate() and is not
// measured (scripts/bench.mjs kills this process group afterwards, a forked server with it).
//
// Usage: node scripts/bench/activate.cjs <dist/extension.js>   prints {"requireMs","activateMs"} as JSON
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

/** A value every property, call and `new` of which gives another stub; not thenable, so `await` passes it. */
function stub() {
  return new Proxy(function vscodeStub() {}, {
    get: (_target, prop) => (prop === 'then' ? undefined : prop === 'prototype' ? {} : prop === Symbol.toPrimitive ? () => '' : prop === Symbol.iterator ? [][Symbol.iterator] : stub()),
    set: () => true,
    apply: () => stub(),
    construct: () => stub(),
  });
}
// esbuild's ESM interop copies the module's own properties, so the stub names every top-level value of the API
// (read from @types/vscode). The language client refuses a VS Code older than it supports: `version` is real.
const declarations = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = { version: '1.91.0' };
for (const m of declarations.matchAll(/^\texport (?:namespace|class|enum|function|const|let) (\w+)/gm)) vscode[m[1]] ??= stub();

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const bundle = path.resolve(process.argv[2]);
const context = { subscriptions: [], extensionUri: stub(), extensionPath: path.dirname(path.dirname(bundle)), asAbsolutePath: (p) => path.join(path.dirname(path.dirname(bundle)), p) };
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 })}\n`);
process.exit(0);
