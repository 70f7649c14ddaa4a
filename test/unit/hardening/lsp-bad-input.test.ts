/**
 * Malformed transport input to the language server over stdio (`synthlint --stdio`, the built CLI): each is
 * answered with a JSON-RPC parse error and the server exits, instead of wedging (it used to neither answer nor
 * exit on `Content-Length: -5`, not even on `exit`).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { buildCli, CLI } from '../cli/built-cli';

function send(raw: string): Promise<{ code: number | null; out: string; ms: number }> {
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
  });
}

const EXIT = (() => {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'exit' });
  return `Content-Length: ${body.length}\r\n\r\n${body}`;
})();

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
});
