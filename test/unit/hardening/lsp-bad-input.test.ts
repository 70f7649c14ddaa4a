/**
 * Malformed transport input to the language server over stdio (`synthlint --stdio`, the built CLI): each is
 * answered with a JSON-RPC parse error and the server exits, instead of wedging (it used to neither answer nor
 * exit on `Content-Length: -5`, not even on `exit`). And the ways an editor ends the server: `exit` with or
 * without `shutdown` first, or its end of the pipe closing.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { buildCli, CLI } from '../cli/built-cli';

function send(raw: string, closeInput = false): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Date.now() - started });
    });
    child.stdin.write(raw);
    if (closeInput) child.stdin.end();
  });
}

const frame = (message: object): string => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const EXIT = frame({ method: 'exit' });
const INITIALIZE = frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }) + frame({ method: 'initialized', params: {} });
const SHUTDOWN = frame({ id: 2, method: 'shutdown' });

describe('language server on malformed transport input', function () {
  this.timeout(60_000);
  before(() => buildCli());
  const cases: [string, string, RegExp][] = [
    ['negative Content-Length', `Content-Length: -5\r\n\r\n{}${EXIT}`, /Content-Length '-5' is not a byte count/],
    ['Content-Length that is not a number', `Content-Length: abc\r\n\r\n{}${EXIT}`, /'abc' is not a byte count/],
    ['no Content-Length header', `Content-Type: x\r\n\r\n{}${EXIT}`, /without Content-Length/],
    ['a length above the limit', `Content-Length: 9999999999\r\n\r\n{}`, /above the \d+-byte limit/],
    ['a header that never ends', `Content-Length: 5${'x'.repeat(10_000)}`, /no end of the message header/],
  ];
  for (const [name, raw, message] of cases) {
    it(`${name}: a JSON-RPC parse error, then the server exits`, async () => {
      const { code, out, ms } = await send(raw);
      assert.match(out, /"code":-32700/);
      assert.match(out, message);
      assert.notEqual(code, null, 'killed: the server did not exit');
      assert.ok(ms < 10_000, `${ms} ms`);
    });
  }

  // LSP: `exit` ends the process, with status 0 after `shutdown` and 1 without.
  it('exit without shutdown ends the server (status 1)', async () => {
    const { code, out, ms } = await send(INITIALIZE + EXIT);
    assert.match(out, /"id":1,"result":\{"capabilities"/);
    assert.equal(code, 1, 'killed or wrong status: the server did not exit on `exit`');
    assert.ok(ms < 10_000, `${ms} ms`);
  });
  it('shutdown then exit ends the server (status 0)', async () => {
    const { code, out } = await send(INITIALIZE + SHUTDOWN + EXIT);
    assert.match(out, /"id":2,"result":null/);
    assert.equal(code, 0);
  });
  it('the editor closing its end of stdin ends the server', async () => {
    const { code, ms } = await send(INITIALIZE, true);
    assert.notEqual(code, null, 'killed: the server outlived its input');
    assert.ok(ms < 10_000, `${ms} ms`);
  });
  it('stdin closed before anything was sent ends the server', async () => {
    const { code } = await send('', true);
    assert.notEqual(code, null, 'killed: the server outlived its input');
  });
});
