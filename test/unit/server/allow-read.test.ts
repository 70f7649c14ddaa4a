/**
 * `synthlint.allowRead`, through the language server: a manifest naming a data file outside the workspace folder
 * gets that file analysed only when the user's setting names its folder, as `--allow-read` does on the command line.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { readSettings } from '../../../src/server/settings';
import { LspSession } from './lsp-harness';

describe('server: synthlint.allowRead', function () {
  this.timeout(180_000);
  let base: string;
  let workspace: string;
  let outside: string;
  let manifestText: string;

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'synthlint-allow-read-'));
    workspace = join(base, 'workspace');
    outside = join(base, 'elsewhere');
    mkdirSync(workspace);
    mkdirSync(outside);
    const rows = JSON.parse(readFileSync(join('..', 'shared', 'data', 'instruct', 'alpaca_5000.json'), 'utf8')) as unknown[];
    writeFileSync(join(outside, 'corpus.jsonl'), rows.slice(0, 300).map((r) => JSON.stringify(r)).join('\n'));
    manifestText = `name: elsewhere\nsources:\n  - id: far\n    origin: human\n    files: [${join(outside, 'corpus.jsonl')}]\n`;
  });

  after(() => rmSync(base, { recursive: true, force: true }));

  /** The diagnostics once the manifest's analysis has ended (or, when nothing is analysed, once it is linted). */
  async function diagnosticsWith(settings: Record<string, unknown>): Promise<{ diagnostics: Diagnostic[]; rows: number | undefined }> {
    const session = await LspSession.start({ roots: [workspace], settings });
    try {
      const uri = session.open(join(workspace, 'far.dataset.yaml'), manifestText);
      await session.until('the manifest status', () => session.statuses.get(uri), 60_000);
      await session.idle();
      await session.until('the analysis to end', () => session.statuses.get(uri)?.analyzing !== true, 120_000);
      await session.idle();
      const source = (await session.report(uri))?.sources.find((s) => s.id === 'far');
      return { diagnostics: session.diagnostics.get(uri) ?? [], rows: source?.measured.rows ? source.rows : undefined };
    } finally {
      await session.stop();
    }
  }

  const outsideFinding = (diagnostics: Diagnostic[]) => diagnostics.find((d) => /outside|not inside|allowed folders/i.test(d.message));

  it('keeps reads inside the workspace by default: the file outside is a finding at its entry, not read', async () => {
    const { diagnostics, rows } = await diagnosticsWith({});
    assert.ok(outsideFinding(diagnostics), JSON.stringify(diagnostics.map((d) => d.message)));
    assert.ok(!rows, `no rows were counted, not ${rows}`);
  });

  it("reads the file when the user's setting names its folder", async () => {
    const { diagnostics, rows } = await diagnosticsWith({ allowRead: [outside] });
    assert.equal(outsideFinding(diagnostics), undefined, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(rows, 300, 'the analyzer counted the rows of the file outside');
  });

  it('analyses the file again when the user adds its folder while the manifest is open', async () => {
    const session = await LspSession.start({ roots: [workspace] });
    try {
      const uri = session.open(join(workspace, 'far.dataset.yaml'), manifestText);
      await session.until('the refusal', () => outsideFinding(session.diagnostics.get(uri) ?? []), 120_000);
      await session.configure({ allowRead: [outside] });
      await session.until('the refusal to go', () => !outsideFinding(session.diagnostics.get(uri) ?? []), 120_000);
      await session.until('the analysis to end', () => session.statuses.get(uri)?.analyzing === false, 120_000);
      await session.idle();
      const source = (await session.report(uri))?.sources.find((s) => s.id === 'far');
      assert.equal(source?.rows, 300);
    } finally {
      await session.stop();
    }
  });

  it('takes absolute folders and ~/, leaves out a relative one', () => {
    const read = readSettings({ allowRead: ['/data/corpora', '~/datasets', 'relative/dir', 3] });
    assert.equal(read.allowRead.length, 2);
    assert.equal(read.allowRead[0], '/data/corpora');
    assert.ok(read.allowRead[1]?.endsWith('/datasets') && !read.allowRead[1].startsWith('~'));
  });
});
