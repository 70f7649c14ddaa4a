import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, CodeLens, Diagnostic, Hover, TextEdit } from 'vscode-languageserver/node';
import { LineIndex } from '../../../src/core/range';
import { pathToUri } from '../../../src/server/paths';
import type { ManifestStatus } from '../../../src/protocol';
import { LspSession } from './lsp-harness';

/** Applies LSP text edits (non-overlapping) to a text, last first so earlier offsets stay valid. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

const codes = (diags: Diagnostic[] | undefined): string[] => (diags ?? []).map((d) => String(d.code)).sort();

/** A manifest whose problems the manifest rules see without reading any data. */
const MANIFEST = [
  'name: notes',
  'sources:',
  '  - id: notes',
  '    files: [data/notes.txt]',
  '    rows: 8',
  '  - id: summaries',
  '    files: [data/notes.txt]',
  '    origin: synthetic',
  '    rows: 4',
  '',
].join('\n');

describe('server: over LSP (stdio)', function () {
  this.timeout(60000);
  let root: string;
  let session: LspSession;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'synthlint-lsp-'));
    cpSync('examples/broken', join(root, 'broken'), { recursive: true });
    session = await LspSession.start({ roots: [root] });
  });
  after(async () => {
    await session.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lints the manifests on disk at start-up, with rule codes, docs links and exact ranges', async () => {
    const uri = pathToUri(join(root, 'broken', 'typo.dataset.yaml'));
    const diags = await session.until('diagnostics for typo.dataset.yaml', () => session.diagnostics.get(uri));
    assert.deepEqual(codes(diags), ['generator-missing', 'manifest-invalid', 'manifest-invalid', 'provenance-missing', 'source-missing']);
    const typo = diags.find((d) => d.message.includes("'orign'"));
    assert.ok(typo, 'the misspelt key is reported');
    // Line 6, column 5 (1-based) in the CLI's output: `orign` on 0-based line 5 from character 4.
    assert.deepEqual(typo.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 9 } });
    assert.equal(typo.source, 'synthlint');
    assert.equal(typo.severity, 1);
    assert.equal(typo.codeDescription?.href, 'https://github.com/synthlint/synthlint/blob/main/docs/rules/manifest-invalid.md');
  });

  it('lints an opened buffer, offers its quick fix, and the problem goes once the fix is applied', async () => {
    const file = join(root, 'broken', 'open.dataset.yaml');
    const uri = session.open(file, MANIFEST);
    const diags = await session.until('provenance-missing on the opened buffer', () => {
      const d = session.diagnostics.get(uri);
      return d?.some((x) => x.code === 'provenance-missing') ? d : undefined;
    });
    const problem = diags.find((d) => d.code === 'provenance-missing')!;
    assert.equal(problem.range.start.line, 2);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Declare origin: human'), titles.join(' | '));
    assert.ok(titles.includes('Disable provenance-missing for this line'));
    assert.ok(titles.includes('Disable provenance-missing in .synthlint.yaml'));
    const fix = actions.find((a) => a.title === 'Declare origin: human')!;
    const fixed = applyEdits(MANIFEST, fix.edit!.changes![uri]!);
    assert.match(fixed, /- id: notes\n(.*\n)*\s+origin: human/);
    session.change(uri, fixed);
    await session.until('provenance-missing to go', () => {
      const d = session.diagnostics.get(uri);
      return d !== undefined && !d.some((x) => x.code === 'provenance-missing');
    });
  });

  it('"disable for this line" inserts a directive the linter honours', async () => {
    const file = join(root, 'broken', 'suppress.dataset.yaml');
    const uri = session.open(file, MANIFEST);
    const problem = await session.until('generator-missing', () => session.diagnostics.get(uri)?.find((d) => d.code === 'generator-missing'));
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem] },
    })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable generator-missing for this line');
    assert.ok(disable);
    const edited = applyEdits(MANIFEST, disable.edit!.changes![uri]!);
    assert.ok(edited.includes('    # synthlint-disable-next-line generator-missing\n    origin: synthetic'), edited);
    session.change(uri, edited);
    await session.until('generator-missing suppressed', () => {
      const d = session.diagnostics.get(uri);
      return d !== undefined && !d.some((x) => x.code === 'generator-missing') && d.some((x) => x.code === 'provenance-missing');
    });
  });

  it('"disable in .synthlint.yaml" creates the config through a WorkspaceEdit, never by writing it', async () => {
    const file = join(root, 'broken', 'config.dataset.yaml');
    const uri = session.open(file, MANIFEST);
    const problem = await session.until('generator-missing', () => session.diagnostics.get(uri)?.find((d) => d.code === 'generator-missing'));
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem] },
    })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable generator-missing in .synthlint.yaml');
    assert.ok(disable?.edit?.documentChanges);
    const configUri = pathToUri(join(root, '.synthlint.yaml'));
    assert.deepEqual(disable.edit.documentChanges[0], { kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    const insert = disable.edit.documentChanges[1] as { edits: TextEdit[] };
    assert.equal(insert.edits[0]?.newText, 'rules:\n  generator-missing: off\n');
    assert.throws(() => readFileSync(join(root, '.synthlint.yaml')), /ENOENT/);
  });

  it('hovers a source with its provenance and share, and puts CodeLenses above the manifest and each source', async () => {
    const file = join(root, 'broken', 'hover.dataset.yaml');
    const uri = session.open(file, MANIFEST);
    await session.until('diagnostics', () => session.diagnostics.get(uri));
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 6 } })) as Hover;
    const markdown = (hover.contents as { value: string }).value;
    assert.match(markdown, /\*\*summaries\*\* — synthetic/);
    assert.match(markdown, /Rows 4 · tokens — · share of tokens — · depth 1/);
    const lenses = (await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    const titles = lenses.map((l) => l.command?.title);
    assert.deepEqual(titles, ['synthetic at least 33.3% by rows — Open report', 'unknown · 66.7% of rows · depth 0', 'synthetic · 33.3% of rows · depth 1']);
    assert.equal(lenses[0]?.command?.command, 'synthlint.openReport');
    assert.deepEqual(lenses[0]?.command?.arguments, [uri]);
  });

  it('reports each manifest’s status: counts by severity, share when known', async () => {
    const file = join(root, 'broken', 'status.dataset.yaml');
    const uri = session.open(file, MANIFEST.replace('rows: 8', 'rows: 8\n    tokens: 300').replace('rows: 4', 'rows: 4\n    tokens: 100'));
    const status = await session.until('status', () => session.statuses.get(uri));
    await session.idle();
    const last = session.statuses.get(uri) as ManifestStatus;
    assert.equal(last.errors, status.errors);
    assert.equal(last.syntheticShare?.value, 0.25);
    assert.equal(last.syntheticShare?.basis, 'tokens');
    assert.equal(last.syntheticShare?.short, '≥ 25% synthetic', 'a source of unknown origin may be synthetic too');
    assert.equal(last.warnings, (session.diagnostics.get(uri) ?? []).filter((d) => d.severity === 2).length);
    const asked = (await session.connection.sendRequest('synthlint/status', { uri })) as ManifestStatus;
    assert.deepEqual(asked, last);
  });

  it('survives garbage: binary noise, YAML bombs and empty text give findings or nothing, never a crash', async () => {
    const file = join(root, 'broken', 'garbage.dataset.yaml');
    const uri = session.open(file, '\u0000\u0001{{{[[[: : :\n\t- - -\n&a [*a, *a]\n');
    await session.until('a diagnostic for the garbage', () => session.diagnostics.get(uri));
    session.change(uri, 'a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n');
    session.change(uri, '');
    await session.idle();
    const status = await session.connection.sendRequest('synthlint/status', { uri });
    assert.ok(status === null || typeof status === 'object');
    const lenses = await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(Array.isArray(lenses));
  });
});
