/**
 * The editor's gate on remote data, through the language server: a manifest naming an http:// JSONL file on a
 * loopback server, with a workspace config that asks for remote data (`remote.enabled: true`). Only the user's
 * `synthlint.remoteData` setting, in a trusted workspace, makes the server fetch.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFileServer, type FileServer } from '../cli/remote-servers';
import { LspSession, type ServerOptions } from './lsp-harness';

describe('server: remote data', function () {
  this.timeout(180_000);
  let root: string;
  let server: FileServer;
  let manifestText: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'synthlint-remote-server-'));
    const rows = JSON.parse(readFileSync(join('..', 'shared', 'data', 'instruct', 'alpaca_5000.json'), 'utf8')) as unknown[];
    writeFileSync(join(root, 'corpus.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(join(root, 'other.jsonl'), rows.slice(0, 2000).map((r) => JSON.stringify(r)).join('\n'));
    server = await startFileServer(root);
    writeFileSync(join(root, '.synthlint.yaml'), 'remote:\n  enabled: true\n  budgetMB: 1\n  retries: 0\n');
    manifestText = `name: web\nsources:\n  - id: web\n    origin: human\n    files: [${server.base}/files/corpus.jsonl]\n`;
  });

  after(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens the manifest and waits for its analysis to finish; returns how many requests reached the server. */
  async function analyzeWith(options: Omit<ServerOptions, 'roots'>): Promise<{ requests: number; session: LspSession; uri: string }> {
    const mark = server.log.length;
    const session = await LspSession.start({ roots: [root], ...options });
    const uri = session.open(join(root, 'web.dataset.yaml'), manifestText);
    if (options.init?.trusted !== false) {
      await session.until('the analysis to start', () => session.statuses.get(uri)?.analyzing === true, 60_000);
      await session.until('the analysis to end', () => session.statuses.get(uri)?.analyzing === false, 120_000);
    } else {
      await session.until('the manifest status', () => session.statuses.get(uri), 60_000);
      // An untrusted workspace never starts an analysis; give a wrongly started one time to send its requests.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    return { requests: server.log.length - mark, session, uri };
  }

  it('fetches nothing by default, though the workspace config asks for remote data', async () => {
    const { requests, session } = await analyzeWith({});
    try {
      assert.equal(requests, 0);
    } finally {
      await session.stop();
    }
  });

  it('samples the remote source by byte ranges when synthlint.remoteData is on, within the config budget', async () => {
    const mark = server.log.length;
    const { requests, session } = await analyzeWith({ settings: { remoteData: true } });
    try {
      assert.ok(requests > 1, `${requests} requests`);
      const sent = server.log.slice(mark);
      assert.ok(sent.every((r) => r.range !== undefined && r.status === 206));
      assert.ok(sent.reduce((a, r) => a + r.bytes, 0) <= 1024 * 1024);
    } finally {
      await session.stop();
    }
  });

  it('samples the new address when the URL is edited, with no Analyze command; an unrelated edit fetches nothing', async () => {
    const { session, uri } = await analyzeWith({ settings: { remoteData: true } });
    try {
      let mark = server.log.length;
      session.change(uri, `# a comment\n${manifestText}`);
      await session.idle();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.equal(server.log.length - mark, 0, 'a comment is no reason to fetch again');

      mark = server.log.length;
      session.change(uri, manifestText.replace('corpus.jsonl', 'other.jsonl'));
      await session.until('requests for the new address', () => server.log.slice(mark).some((r) => r.url.endsWith('/other.jsonl')), 60_000);
      await session.until('the analysis to end', () => session.statuses.get(uri)?.analyzing === false, 120_000);
      assert.ok(server.log.slice(mark).every((r) => !r.url.endsWith('/corpus.jsonl')), 'the old address is not read again');
    } finally {
      await session.stop();
    }
  });

  it('fetches nothing in an untrusted workspace, even with synthlint.remoteData on', async () => {
    const { requests, session } = await analyzeWith({ settings: { remoteData: true }, init: { trusted: false } });
    try {
      assert.equal(requests, 0);
    } finally {
      await session.stop();
    }
  });
});
