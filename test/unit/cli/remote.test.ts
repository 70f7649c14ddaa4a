/**
 * Remote data through the built CLI, against real servers on loopback (remote-servers.ts): a plain HTTP server
 * with Range support, the same server imitating the Hugging Face hub's tree and resolve paths, and s3rver, an
 * S3-compatible object store from npm. No test reaches past 127.0.0.1.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { signRequest } from '../../../src/analyzer/remote/sigv4';
import type { SourceProfile } from '../../../src/core/profile';
import { ROOT, buildCli, runCliAsync } from './built-cli';
import { startFileServer, type FileServer } from './remote-servers';
import { measured } from '../metrics/helpers';

const ALPACA = path.resolve(ROOT, '..', 'shared/data/instruct/alpaca_5000.json');
const RECORDS = 20_000;
const ROW_GROUP = 1_000;

interface Alpaca {
  instruction: string;
  input: string;
  output: string;
}

/** The 5,000 alpaca records four times over: 20,000 records, about 8 MB of JSONL and 4.5 MB of Parquet. */
function corpus(): Alpaca[] {
  const records = JSON.parse(readFileSync(ALPACA, 'utf8')) as Alpaca[];
  return [...records, ...records, ...records, ...records];
}

function parquetOf(rows: readonly Alpaca[]): Uint8Array {
  const column = (name: keyof Alpaca) => ({ name, data: rows.map((r) => r[name]), type: 'STRING' as const });
  return new Uint8Array(parquetWriteBuffer({ columnData: [column('instruction'), column('input'), column('output')], rowGroupSize: ROW_GROUP }));
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Env for the CLI: no endpoint or credential of the machine running the tests leaks in. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(AWS_|HF_|HUGGING_FACE)/.test(key)) delete env[key];
  return { ...env, ...extra };
}

function profileOf(stdout: string): SourceProfile {
  return JSON.parse(stdout) as SourceProfile;
}

describe('remote data (built dist/cli.js, loopback servers)', function () {
  this.timeout(180_000);
  let dir: string;
  let server: FileServer;
  let jsonlBytes: number;
  let parquetBytes: number;

  before(async () => {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-'));
    const rows = corpus();
    const jsonl = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    writeFileSync(path.join(dir, 'big.jsonl'), jsonl);
    jsonlBytes = Buffer.byteLength(jsonl);
    const parquet = parquetOf(rows);
    writeFileSync(path.join(dir, 'big.parquet'), parquet);
    parquetBytes = parquet.length;
    // A hub dataset: two train shards, a test split in JSON Lines, and its card.
    const repo = path.join(dir, 'hub', 'acme', 'chat');
    mkdirSync(path.join(repo, 'data'), { recursive: true });
    writeFileSync(path.join(repo, 'data', 'train-00000-of-00002.parquet'), parquetOf(rows.slice(0, 3000)));
    writeFileSync(path.join(repo, 'data', 'train-00001-of-00002.parquet'), parquetOf(rows.slice(3000, 6000)));
    writeFileSync(path.join(repo, 'data', 'test-00000-of-00001.jsonl'), rows.slice(0, 500).map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(path.join(repo, 'README.md'), '---\nlicense: mit\n---\n');
    const gated = path.join(dir, 'hub', 'acme', 'gated', 'data');
    mkdirSync(gated, { recursive: true });
    writeFileSync(path.join(gated, 'train.jsonl'), rows.slice(0, 200).map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(path.join(dir, 'hub', 'acme', 'gated', '.gated'), '');
    server = await startFileServer(dir);
  });

  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Requests logged for paths starting with `prefix` since the call. */
  const requestsSince = (mark: number, prefix: string) => server.log.slice(mark).filter((r) => r.url.startsWith(prefix));

  describe('plain HTTP server with Range', () => {
    it('samples a JSONL file by byte ranges: a small fraction read, every request ranged, the figures marked as sampled', async () => {
      const mark = server.log.length;
      const { code, stdout, stderr } = await runCliAsync(['profile', '--remote', '--remote-budget-mb', '1', '--format', 'json', `${server.base}/files/big.jsonl`], { env: cleanEnv() });
      assert.equal(code, 0, stderr);
      const profile = profileOf(stdout);
      const requests = requestsSince(mark, '/files/big.jsonl');
      assert.ok(requests.length > 1 && requests.every((r) => r.range !== undefined && r.status === 206), JSON.stringify(requests.slice(0, 5)));
      const served = requests.reduce((a, r) => a + r.bytes, 0);
      const remote = profile.remote;
      assert.ok(remote, 'a remote profile says what it read');
      assert.equal(remote.bytesRead, served, 'the profile counts exactly the bytes the server sent');
      // A request on a keep-alive socket the server had just closed is retried and logged once: attempts ≥ logged.
      assert.ok(remote.requests >= requests.length);
      assert.equal(remote.bytesTotal, jsonlBytes);
      assert.ok(served <= 1024 * 1024, `${served} bytes read, budget 1 MiB`);
      assert.ok(served < jsonlBytes / 6, `${served} of ${jsonlBytes} bytes read`);
      assert.equal(remote.complete, false);
      assert.ok(remote.rangesRead > 1 && remote.rangesRead < remote.rangesTotal, JSON.stringify(remote));
      assert.equal(profile.schema, 'alpaca');
      assert.ok(profile.sample && profile.sample.size > 500 && profile.sample.size < RECORDS / 4, JSON.stringify(profile.sample));
      // Records per byte carries over from the sampled ranges: the estimate is near the 20,000 there are.
      assert.ok(Math.abs(profile.records - RECORDS) / RECORDS < 0.2, `estimated ${profile.records} records of ${RECORDS}`);
      assert.ok(measured(profile).metrics.compressionRatio.ci95, 'sampled figures carry a 95% interval');
      assert.deepEqual(profile.issues, []);
    });

    it('reads the Parquet footer and a few row groups: the row count is exact, the bytes a fraction', async () => {
      const mark = server.log.length;
      const { code, stdout, stderr } = await runCliAsync(['profile', '--remote', '--remote-budget-mb', '1', `${server.base}/files/big.parquet`], { env: cleanEnv() });
      assert.equal(code, 0, stderr);
      const requests = requestsSince(mark, '/files/big.parquet');
      const served = requests.reduce((a, r) => a + r.bytes, 0);
      assert.ok(requests.every((r) => r.range !== undefined && r.status === 206), JSON.stringify(requests));
      assert.ok(served < parquetBytes / 3, `${served} of ${parquetBytes} bytes read`);
      assert.match(stdout, /^ {2}Records +20,000$/m, 'the footer gives the exact row count');
      assert.match(stdout, /^ {2}Sampled +[\d,]+ of ~20,000 records; figures carry a 95% interval$/m);
      const fetched = /^ {2}Fetched +(.+)$/m.exec(stdout)?.[1] ?? '';
      const groups = /(\d+) of 20 row groups/.exec(fetched);
      assert.ok(groups && Number(groups[1]) >= 1 && Number(groups[1]) < 20, fetched);
      assert.ok(Number(/in (\d+) requests/.exec(fetched)?.[1]) >= requests.length, fetched);
    });

    it('refuses a server that ignores Range instead of downloading the whole file', async () => {
      const { code, stderr } = await runCliAsync(['profile', '--remote', `${server.base}/no-range/big.jsonl`], { env: cleanEnv() });
      assert.equal(code, 1);
      assert.match(stderr, /does not honour Range requests .*not downloaded whole/);
    });

    it('retries a 503 with backoff and then reads; without retries the 503 is the finding', async () => {
      const mark = server.log.length;
      const ok = await runCliAsync(['profile', '--remote', '--remote-retries', '2', '--format', 'json', `${server.base}/flaky/2/a/big.jsonl`], { env: cleanEnv() });
      assert.equal(ok.code, 0, ok.stderr);
      const statuses = requestsSince(mark, '/flaky/2/a/').map((r) => r.status);
      assert.deepEqual(statuses.slice(0, 3), [503, 503, 206]);
      const failed = await runCliAsync(['profile', '--remote', '--remote-retries', '0', `${server.base}/flaky/2/b/big.jsonl`], { env: cleanEnv() });
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /the server answered HTTP 503 Service Unavailable, after 1 attempt\./);
    });

    it('gives up on a server that never answers after the timeout and its retries', async () => {
      const started = Date.now();
      const { code, stderr } = await runCliAsync(['profile', '--remote', '--remote-timeout', '1', '--remote-retries', '1', `${server.base}/hang/big.jsonl`], { env: cleanEnv() });
      assert.equal(code, 1);
      assert.match(stderr, /no answer from 127\.0\.0\.1:\d+ within 1 s, after 2 attempts/);
      assert.ok(Date.now() - started < 60_000, 'bounded by the timeout, not hung');
    });

    it('needs --remote: a URL alone is a usage error, and nothing is fetched', async () => {
      const mark = server.log.length;
      const { code, stderr } = await runCliAsync(['profile', `${server.base}/files/big.jsonl`], { env: cleanEnv() });
      assert.equal(code, 2);
      assert.match(stderr, /is remote; add --remote/);
      assert.equal(server.log.length, mark);
    });
  });

  describe('the profile cache', () => {
    /** `profile --remote` of `url` with its own cache folder; the profile and the requests the server logged for it. */
    async function profileCached(url: string, cacheDir: string, ...flags: string[]): Promise<{ profile: SourceProfile; requests: number; bytes: number }> {
      const mark = server.log.length;
      const { code, stdout, stderr } = await runCliAsync(['profile', '--remote', '--remote-budget-mb', '1', '--format', 'json', '--cache-dir', cacheDir, ...flags, url], { env: cleanEnv() });
      assert.equal(code, 0, stderr);
      const requests = server.log.slice(mark);
      return { profile: profileOf(stdout), requests: requests.length, bytes: requests.reduce((a, r) => a + r.bytes, 0) };
    }

    it('reuses the profile of an object whose strong ETag is unchanged, and samples it afresh once it changes', async () => {
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-cache-'));
      const file = path.join(dir, 'tagged.jsonl');
      const url = `${server.base}/strong-etag/tagged.jsonl`;
      try {
        writeFileSync(file, readFileSync(path.join(dir, 'big.jsonl')));
        const first = await profileCached(url, cacheDir);
        assert.equal(first.profile.fromCache, undefined);
        assert.ok(first.requests > 1, `${first.requests} requests`);
        const second = await profileCached(url, cacheDir);
        assert.equal(second.profile.fromCache, true);
        assert.equal(second.requests, 1, 'only the request that learns the size and the ETag');
        assert.ok(second.bytes <= 1024, `${second.bytes} bytes fetched`);
        assert.deepEqual({ ...second.profile, fromCache: undefined }, { ...first.profile, fromCache: undefined }, 'the same figures');
        assert.equal((await profileCached(url, cacheDir, '--no-cache')).profile.fromCache, undefined, '--no-cache samples afresh');
        // Same size, other content: a new ETag, so a new sample.
        const records = readFileSync(file, 'utf8').split('\n');
        writeFileSync(file, [...records.slice(1, 10_000), records[0], ...records.slice(10_000)].join('\n'));
        const changed = await profileCached(url, cacheDir);
        assert.equal(changed.profile.fromCache, undefined);
        assert.ok(changed.requests > 1);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
        rmSync(file, { force: true });
      }
    });

    it('never caches on a weak ETag or none: neither names one content', async () => {
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-cache-'));
      try {
        for (const url of [`${server.base}/weak-etag/big.jsonl`, `${server.base}/files/big.jsonl`]) {
          await profileCached(url, cacheDir);
          const again = await profileCached(url, cacheDir);
          assert.equal(again.profile.fromCache, undefined, url);
          assert.ok(again.requests > 1, url);
        }
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    });

    it('keys a hub dataset by the content ids its listing states: a second check fetches only the listing and the footers', async () => {
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-cache-'));
      const manifestDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-hub-'));
      const manifest = path.join(manifestDir, 'mix.dataset.yaml');
      writeFileSync(manifest, 'name: mix\nsources:\n  - id: chat\n    files: [acme/chat]\n    origin: synthetic\n    generator: { model: gpt-4 }\n');
      const run = async (): Promise<{ out: string; fetched: number }> => {
        const mark = server.log.length;
        const { code, stdout, stderr } = await runCliAsync(['report', '--remote', '--format', 'json', '--cache-dir', cacheDir, manifest], { cwd: manifestDir, env: cleanEnv({ HF_ENDPOINT: server.base }) });
        assert.ok(code === 0 || code === 1, stderr);
        return { out: stdout, fetched: requestsSince(mark, '/files/hub/acme/chat/').reduce((a, r) => a + r.bytes, 0) };
      };
      try {
        const first = await run();
        const second = await run();
        const records = (out: string): unknown => (JSON.parse(out) as { sources: { id: string; rows?: unknown }[] }).sources.find((x) => x.id === 'chat')?.rows;
        assert.ok(typeof records(first.out) === 'number', first.out.slice(0, 400));
        assert.equal(records(second.out), records(first.out));
        assert.ok(second.fetched < first.fetched / 4, `fetched ${second.fetched} bytes, then ${first.fetched}`);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
        rmSync(manifestDir, { recursive: true, force: true });
      }
    });
  });

  describe('check on a manifest naming remote sources', () => {
    let manifestDir: string;
    let offline: number;

    before(async () => {
      offline = await closedPort();
      manifestDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-manifest-'));
      writeFileSync(
        path.join(manifestDir, 'remote.dataset.yaml'),
        [
          'name: remote-mix',
          'sources:',
          '  - id: web',
          '    origin: human',
          '    files:',
          `      - ${server.base}/files/big.jsonl`,
          '  - id: gone',
          '    origin: human',
          '    files:',
          `      - ${server.base}/files/missing.jsonl`,
          '  - id: locked',
          '    origin: human',
          '    files:',
          `      - ${server.base}/forbidden/big.jsonl`,
          '  - id: away',
          '    origin: human',
          '    files:',
          `      - http://127.0.0.1:${offline}/corpus.jsonl`,
          '',
        ].join('\n'),
      );
    });

    after(() => rmSync(manifestDir, { recursive: true, force: true }));

    it('reports offline, 404 and 403 sources at their files entry; reads the reachable one', async () => {
      const mark = server.log.length;
      const { stdout, stderr } = await runCliAsync(['check', '--remote', '--remote-budget-mb', '1', '--remote-retries', '1', '--format', 'json', 'remote.dataset.yaml'], { cwd: manifestDir, env: cleanEnv() });
      const results = JSON.parse(stdout) as { messages: { ruleId: string; message: string; line: number; column: number }[] }[];
      const findings = results.flatMap((r) => r.messages).filter((f) => f.ruleId === 'unreadable-data');
      const at = (line: number) => findings.find((f) => f.line === line);
      assert.match(at(10)?.message ?? stderr, /Source 'gone' .*not found \(HTTP 404 Not Found\)/);
      assert.equal(at(10)?.column, 9);
      assert.match(at(14)?.message ?? '', /Source 'locked' .*access refused \(HTTP 403 Forbidden, AccessDenied\)/);
      assert.match(at(18)?.message ?? '', new RegExp(`Source 'away' .*offline or unreachable: ECONNREFUSED \\(127\\.0\\.0\\.1:${offline}\\), after 2 attempts`));
      assert.equal(findings.length, 3, JSON.stringify(findings));
      assert.ok(requestsSince(mark, '/files/big.jsonl').length > 0, 'the reachable source was sampled');
    });

    it('without --remote reads nothing over the network and reports nothing about it', async () => {
      const mark = server.log.length;
      const { stdout } = await runCliAsync(['check', '--format', 'json', 'remote.dataset.yaml'], { cwd: manifestDir, env: cleanEnv() });
      const results = JSON.parse(stdout) as { messages: { ruleId: string }[] }[];
      assert.equal(server.log.length, mark);
      assert.deepEqual(results.flatMap((r) => r.messages).filter((f) => f.ruleId === 'unreadable-data'), []);
    });
  });

  describe('a source naming local files and remote entries together', () => {
    it('profiles its local files and names each remote entry it did not read, with or without --remote', async () => {
      const project = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-mixed-'));
      try {
        writeFileSync(path.join(project, 'local.jsonl'), corpus().slice(0, 200).map((r) => JSON.stringify(r)).join('\n'));
        const manifest = ['name: mixed', 'sources:', '  - id: both', '    origin: human', '    files:', '      - local.jsonl', `      - ${server.base}/files/big.jsonl`, ''];
        writeFileSync(path.join(project, 'mixed.dataset.yaml'), manifest.join('\n'));
        for (const flags of [['--remote'], []]) {
          const mark = server.log.length;
          const { stdout, stderr } = await runCliAsync(['check', ...flags, '--format', 'json', 'mixed.dataset.yaml'], { cwd: project, env: cleanEnv() });
          const findings = (JSON.parse(stdout) as { messages: { ruleId: string; message: string; line: number }[] }[]).flatMap((r) => r.messages).filter((f) => f.ruleId === 'unreadable-data');
          assert.equal(findings.length, 1, `${flags.join(' ')}: ${stderr}${JSON.stringify(findings)}`);
          assert.equal(findings[0]?.line, 7, 'at the remote entry');
          const why = flags.length > 0 ? /sampled only in a source whose entries are all remote/ : /remote data is off/;
          assert.match(findings[0]?.message ?? '', /not in this source's figures, which cover its local files only/);
          assert.match(findings[0]?.message ?? '', why);
          assert.equal(server.log.length, mark, 'nothing fetched');
        }
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    });
  });

  describe('remote: in .synthlint.yaml', () => {
    it('turns remote data on for check without --remote, within its budget; --no-remote turns it off', async () => {
      const project = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-config-'));
      try {
        writeFileSync(path.join(project, '.synthlint.yaml'), 'remote:\n  enabled: true\n  budgetMB: 1\n  retries: 0\n');
        writeFileSync(path.join(project, 'web.dataset.yaml'), `name: web\nsources:\n  - id: web\n    origin: human\n    files: [${server.base}/files/big.jsonl]\n`);
        let mark = server.log.length;
        const on = await runCliAsync(['check', '--format', 'json', 'web.dataset.yaml'], { cwd: project, env: cleanEnv() });
        const served = requestsSince(mark, '/files/big.jsonl');
        assert.ok(served.length > 1, on.stderr);
        assert.ok(served.reduce((a, r) => a + r.bytes, 0) <= 1024 * 1024, 'within the config budget');
        mark = server.log.length;
        await runCliAsync(['check', '--no-remote', '--format', 'json', 'web.dataset.yaml'], { cwd: project, env: cleanEnv() });
        assert.equal(server.log.length, mark);
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    });
  });

  describe('Hugging Face hub paths (HF_ENDPOINT on loopback)', () => {
    it('samples an hf://datasets/ file through the resolve redirect', async () => {
      const mark = server.log.length;
      const url = 'hf://datasets/acme/chat/data/train-00001-of-00002.parquet';
      const { code, stdout, stderr } = await runCliAsync(['profile', '--remote', '--format', 'json', url], { env: cleanEnv({ HF_ENDPOINT: server.base }) });
      assert.equal(code, 0, stderr);
      const profile = profileOf(stdout);
      assert.equal(profile.records, 3000);
      assert.equal(profile.remote?.complete, true, 'a file within the budget is read whole, by ranges');
      const paths = requestsSince(mark, '/').map((r) => r.url);
      assert.ok(paths.some((p) => p === '/datasets/acme/chat/resolve/main/data/train-00001-of-00002.parquet'), paths.join('\n'));
      assert.ok(requestsSince(mark, '/files/hub/acme/chat/').every((r) => r.range !== undefined));
    });

    it('takes a hub id in a manifest as its train split: the listing (paged) picks the train shards, not the test file or the card', async () => {
      const manifestDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-hub-'));
      try {
        writeFileSync(path.join(manifestDir, 'hub.dataset.yaml'), 'name: hub\nsources:\n  - id: chat\n    origin: human\n    files: [acme/chat]\n');
        const mark = server.log.length;
        const { stdout, stderr } = await runCliAsync(['report', '--remote', '--format', 'json', 'hub.dataset.yaml'], { cwd: manifestDir, env: cleanEnv({ HF_ENDPOINT: server.base }) });
        const tree = requestsSince(mark, '/api/datasets/acme/chat/tree/main');
        assert.ok(tree.length >= 2, `the listing is paged: ${tree.length} pages`);
        const fetched = new Set(requestsSince(mark, '/files/hub/acme/chat/').map((r) => r.url));
        assert.deepEqual([...fetched].sort(), ['/files/hub/acme/chat/data/train-00000-of-00002.parquet', '/files/hub/acme/chat/data/train-00001-of-00002.parquet'], stderr);
        assert.match(stdout, /"rows": 6000,/, 'the footers count the rows of both shards');
      } finally {
        rmSync(manifestDir, { recursive: true, force: true });
      }
    });

    it("reads the split a TRL recipe names (`split: test`), not the train shards", async () => {
      const recipeDir = mkdtempSync(path.join(tmpdir(), 'synthlint-remote-split-'));
      try {
        const recipe = 'dataset_mixture:\n  datasets:\n    - id: acme/chat\n      config: default\n      split: test\n      columns: [messages]\n      weight: 1.0\n';
        writeFileSync(path.join(recipeDir, 'config_sft.yaml'), `model_name_or_path: acme/base\n${recipe}`);
        const mark = server.log.length;
        const { stdout, stderr } = await runCliAsync(['report', '--remote', '--format', 'json', 'config_sft.yaml'], { cwd: recipeDir, env: cleanEnv({ HF_ENDPOINT: server.base }) });
        const fetched = new Set(requestsSince(mark, '/files/hub/acme/chat/').map((r) => r.url));
        assert.deepEqual([...fetched], ['/files/hub/acme/chat/data/test-00000-of-00001.jsonl'], stderr);
        assert.match(stdout, /"rows": 500,/, `the test split holds 500 records: ${stdout}`);
      } finally {
        rmSync(recipeDir, { recursive: true, force: true });
      }
    });

    it('sends HF_TOKEN to a gated dataset; without it, the refusal is the finding', async () => {
      const url = 'hf://datasets/acme/gated/data/train.jsonl';
      const refused = await runCliAsync(['profile', '--remote', url], { env: cleanEnv({ HF_ENDPOINT: server.base }) });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /access refused \(HTTP 401 Unauthorized, Access to this dataset is restricted\)/);
      const allowed = await runCliAsync(['profile', '--remote', '--format', 'json', url], { env: cleanEnv({ HF_ENDPOINT: server.base, HF_TOKEN: 'hub-token' }) });
      assert.equal(allowed.code, 0, allowed.stderr);
      assert.equal(profileOf(allowed.stdout).records, 200);
    });
  });

  describe('S3-compatible store (s3rver)', () => {
    let store: S3rver;
    let endpoint: string;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

    async function put(key: string, body: Uint8Array): Promise<void> {
      const url = new URL(`${endpoint}/corpus/${key}`);
      const headers = signRequest({ method: 'PUT', url, headers: {}, region: 'us-east-1', credentials, body });
      const response = await fetch(url, { method: 'PUT', headers, body: Buffer.from(body) });
      assert.equal(response.status, 200, await response.text());
    }

    before(async () => {
      const storeDir = path.join(dir, 's3');
      mkdirSync(storeDir);
      store = new S3rver({ port: 0, address: '127.0.0.1', directory: storeDir, silent: true, configureBuckets: [{ name: 'corpus' }] });
      const { port } = await store.run();
      endpoint = `http://127.0.0.1:${port}`;
      await put('big.jsonl', readFileSync(path.join(dir, 'big.jsonl')));
      await put('shards/part-0.parquet', readFileSync(path.join(dir, 'hub', 'acme', 'chat', 'data', 'train-00000-of-00002.parquet')));
      await put('shards/part-1.parquet', readFileSync(path.join(dir, 'hub', 'acme', 'chat', 'data', 'train-00001-of-00002.parquet')));
    });

    after(async () => {
      await store?.close();
    });

    const s3Env = (secret = credentials.secretAccessKey, keyId = credentials.accessKeyId) =>
      cleanEnv({ AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret, AWS_REGION: 'us-east-1' });

    it('samples s3://bucket/key with signed range requests', async () => {
      const { code, stdout, stderr } = await runCliAsync(['profile', '--remote', '--remote-budget-mb', '1', '--format', 'json', 's3://corpus/big.jsonl'], { env: s3Env() });
      assert.equal(code, 0, stderr);
      const profile = profileOf(stdout);
      assert.equal(profile.remote?.bytesTotal, jsonlBytes);
      assert.ok((profile.remote?.bytesRead ?? Infinity) < jsonlBytes / 6, JSON.stringify(profile.remote));
      assert.equal(profile.schema, 'alpaca');
      assert.deepEqual(profile.issues, []);
    });

    it('lists a glob with ListObjectsV2 and reads every matching shard', async () => {
      const { code, stdout, stderr } = await runCliAsync(['profile', '--remote', '--format', 'json', 's3://corpus/shards/*.parquet'], { env: s3Env() });
      assert.equal(code, 0, stderr);
      const profile = profileOf(stdout);
      assert.deepEqual(profile.files.map((f) => f.path).sort(), ['s3://corpus/shards/part-0.parquet', 's3://corpus/shards/part-1.parquet']);
      assert.equal(profile.records, 6000);
    });

    // s3rver checks the access key but not the SigV4 signature itself (its authentication.js: "Signature version 4
    // calculation is unimplemented"); the signer is checked against AWS's published examples (sigv4.test.ts).
    it('reports credentials the store does not know as refused (403, InvalidAccessKeyId)', async () => {
      const { code, stderr } = await runCliAsync(['profile', '--remote', 's3://corpus/big.jsonl'], { env: s3Env('S3RVER', 'NOT-A-KEY') });
      assert.equal(code, 1);
      assert.match(stderr, /access refused \(HTTP 403 Forbidden, InvalidAccessKeyId\); check the credentials/);
    });

    it('reports a missing key as not found (404, NoSuchKey)', async () => {
      const { code, stderr } = await runCliAsync(['profile', '--remote', 's3://corpus/nothing.jsonl'], { env: s3Env() });
      assert.equal(code, 1);
      assert.match(stderr, /not found \(HTTP 404 Not Found, NoSuchKey\)/);
    });
  });
});
