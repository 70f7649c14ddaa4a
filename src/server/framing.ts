import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';

/** Larger messages are refused: a whole manifest fits many times over, and a huge length would only make the reader wait. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A header block longer than this has no end in sight: real headers are two short lines. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * The LSP byte stream as it arrives, checked frame by frame before vscode-jsonrpc reads it. Why: its reader
 * trusts the Content-Length header, and a negative or absurd length (`Content-Length: -5`) left the server
 * neither answering nor exiting, not even on `exit`. Here a header without a valid length stops the stream:
 * `onMalformed` is told why (the caller answers with a JSON-RPC error and closes the connection), and nothing
 * after the bad header is passed on. Well-formed frames pass through unchanged.
 */
export function checkedFrames(input: Readable, onMalformed: (reason: string) => void): Readable {
  let header: Buffer = Buffer.alloc(0);
  let bodyLeft = 0;
  let broken = false;
  const frames = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (broken) return done();
      let rest: Buffer = chunk;
      while (rest.length > 0) {
        if (bodyLeft > 0) {
          const take = Math.min(bodyLeft, rest.length);
          this.push(rest.subarray(0, take));
          bodyLeft -= take;
          rest = rest.subarray(take);
          continue;
        }
        header = header.length === 0 ? rest : Buffer.concat([header, rest]);
        rest = Buffer.alloc(0);
        const end = header.indexOf(HEADER_END);
        if (end < 0) {
          if (header.length > MAX_HEADER_BYTES) return fail(this, `no end of the message header within ${MAX_HEADER_BYTES} bytes`, done);
          break;
        }
        const length = contentLength(header.subarray(0, end).toString('ascii'));
        if (typeof length === 'string') return fail(this, length, done);
        this.push(header.subarray(0, end + HEADER_END.length));
        rest = header.subarray(end + HEADER_END.length);
        header = Buffer.alloc(0);
        bodyLeft = length;
        if (length === 0) return fail(this, 'Content-Length 0: an empty message', done);
      }
      done();
    },
  });
  const fail = (stream: Transform, reason: string, done: TransformCallback): void => {
    broken = true;
    done();
    stream.push(null);
    onMalformed(reason);
  };
  input.on('error', (error) => frames.destroy(error));
  return input.pipe(frames);
}

/** The body length a header block gives, or why it gives none. */
function contentLength(block: string): number | string {
  const line = block.split('\r\n').find((l) => /^content-length\s*:/i.test(l));
  if (line === undefined) return 'a message header without Content-Length';
  const value = line.slice(line.indexOf(':') + 1).trim();
  if (!/^\d{1,10}$/.test(value)) return `Content-Length '${value.slice(0, 20)}' is not a byte count`;
  const length = Number(value);
  if (length > MAX_MESSAGE_BYTES) return `Content-Length ${length} is above the ${MAX_MESSAGE_BYTES}-byte limit`;
  return length;
}

/**
 * The language server's connection over this process's stdin/stdout, with every frame checked. A malformed
 * frame is answered with a JSON-RPC parse error (id null, as the spec asks when the request cannot be read);
 * the checked stream then ends, and vscode-languageserver exits the process when its input ends.
 */
export function stdioConnection(): Connection {
  const input = checkedFrames(process.stdin, (reason) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `synthlint: malformed message (${reason}); closing the connection.` } });
    process.stdout.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  return createConnection(ProposedFeatures.all, input, process.stdout);
}
