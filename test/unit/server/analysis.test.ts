import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, Hover } from 'vscode-languageserver/node';
import type { ManifestStatus } from '../../../src/protocol';
import { LspSession } from './lsp-harness';

const DATA = join('..', 'shared', 'data', 'instruct');

/** Alpaca (synthetic, generation 1) derived from its 175 human seed tasks: the real lineage of the shared data. */
function manifest(alpacaFile: string): string {
  return [
    'name: alpaca-mix',
    'sources:',
    '  - id: seeds',
    '    files: [data/self_instruct_seed_tasks.jsonl]',
    // The seed tasks' schema is their own (an instruction and nested instances): without this no record is read.
    '    text: [instruction, "instances[].output"]',
    '    origin: human',
    '  - id: alpaca',
    `    files: [data/${alpacaFile}]`,
    '    origin: synthetic',
    '    generator: { model: text-davinci-003, provider: openai }',
    '    derivedFrom: [seeds]',
    '',
  ].join('\n');
}

/** A workspace with the shared data copied in (the server reads only inside workspace folders). */
function workspaceWithData(): string {
  const root = mkdtempSync(join(tmpdir(), 'synthlint-analysis-'));
  mkdirSync(join(root, 'data'));
  copyFileSync(join(DATA, 'self_instruct_seed_tasks.jsonl'), join(root, 'data', 'self_instruct_seed_tasks.jsonl'));
  copyFileSync(join(DATA, 'alpaca_5000.json'), join(root, 'data', 'alpaca_5000.json'));
  // A larger corpus by resampling Alpaca (40×, ~200k records), so an analysis runs long enough to be interrupted.
  const rows = JSON.parse(readFileSync(join(DATA, 'alpaca_5000.json'), 'utf8')) as { instruction: string; output: string }[];
  const lines: string[] = [];
  for (let copy = 0; copy < 40; copy++) for (const r of rows) lines.push(JSON.stringify({ instruction: `${r.instruction} (${copy})`, output: r.output }));
  writeFileSync(join(root, 'data', 'alpaca_big.jsonl'), `${lines.join('\n')}\n`);
  return root;
}

describe('server: data analysis', function () {
  this.timeout(120000);
  let root: string;
  before(() => {
    root = workspaceWithData();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('analyzes the data with progress, then shows measured shares and metrics beside the human baseline', async () => {
    const session = await LspSession.start({ roots: [root], progress: true, init: { cacheDir: join(root, '.cache') } });
    try {
      const uri = session.open(join(root, 'mix.dataset.yaml'), manifest('alpaca_5000.json'));
      await session.until('the analyzer to start', () => session.statuses.get(uri)?.analyzing === true);
      const done = await session.until('the analysis result', () => {
        const s = session.statuses.get(uri);
        return s && !s.analyzing && s.syntheticShare?.basis === 'tokens' ? s : undefined;
      });
      assert.ok(session.progressTokens.length > 0, 'a work-done progress was created');
      assert.ok(done.syntheticShare!.value! > 0.9, `Alpaca dwarfs its seeds: ${done.syntheticShare?.text}`);
      const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } })) as Hover;
      const markdown = (hover.contents as { value: string }).value;
      assert.match(markdown, /\| Compression ratio \| \d+\.\d+( ⚠)? \| \d+\.\d+ \|/);
      assert.match(markdown, /Rows 5,000 \(measured\)/);
    } finally {
      await session.stop();
    }
  });

  it('asks the editor to pull CodeLenses again once the analysis has measured the data', async () => {
    const session = await LspSession.start({ roots: [root], lensRefresh: true, init: { cacheDir: join(root, '.cache-lens') } });
    try {
      const uri = session.open(join(root, 'lens.dataset.yaml'), manifest('alpaca_5000.json'));
      await session.until('the analyzer to start', () => session.statuses.get(uri)?.analyzing === true);
      const before = session.lensRefreshes;
      await session.until('the analysis result', () => {
        const s = session.statuses.get(uri);
        return s && !s.analyzing && s.syntheticShare?.basis === 'tokens';
      });
      // The editor asked for lenses when the document opened; without a refresh it would keep the row-based figures.
      await session.until('a CodeLens refresh after the analysis', () => session.lensRefreshes > before);
      const lenses = (await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
      assert.match(lenses[0]?.command?.title ?? '', /^synthetic \d+(\.\d)?% by tokens — Open report$/);
    } finally {
      await session.stop();
    }
  });

  it('an edit cancels the running analysis; only results for the current text are shown', async () => {
    const session = await LspSession.start({ roots: [root], progress: true });
    try {
      const text = manifest('alpaca_big.jsonl');
      const uri = session.open(join(root, 'big.dataset.yaml'), text);
      await session.until('the analyzer to start', () => session.statuses.get(uri)?.analyzing === true);
      const seen: ManifestStatus[] = [];
      const started = Date.now();
      session.change(uri, text.replace('name: alpaca-mix', 'name: alpaca-mix-2'));
      const stopped = await session.until('the analysis to stop', () => {
        const s = session.statuses.get(uri);
        if (s) seen.push(s);
        return s && !s.analyzing ? s : undefined;
      });
      assert.ok(Date.now() - started < 5000, `cancelled promptly (${Date.now() - started} ms)`);
      assert.equal(stopped.syntheticShare?.value, undefined, 'the cancelled analysis published nothing');
      // The debounced re-lint of the new text follows; the report then describes the edited manifest.
      let name: string | undefined;
      for (let i = 0; i < 60 && name !== 'alpaca-mix-2'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        name = ((await session.connection.sendRequest('synthlint/report', { uri })) as { manifest: { name?: string } }).manifest.name;
      }
      assert.equal(name, 'alpaca-mix-2');
    } finally {
      await session.stop();
    }
  });

  it('in an untrusted workspace runs manifest rules only and never starts the analyzer', async () => {
    const session = await LspSession.start({ roots: [root], progress: true, init: { trusted: false } });
    try {
      const uri = session.open(join(root, 'mix.dataset.yaml'), manifest('alpaca_5000.json'));
      await session.until('diagnostics', () => session.diagnostics.get(uri));
      await session.idle();
      const status = (await session.connection.sendRequest('synthlint/status', { uri })) as ManifestStatus;
      assert.equal(status.analyzing, false);
      assert.equal(status.syntheticShare?.value, undefined);
      await session.connection.sendRequest('synthlint/analyze', { uri });
      assert.equal(session.progressTokens.length, 0, 'not even on request');
    } finally {
      await session.stop();
    }
  });
});
