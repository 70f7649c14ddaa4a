// The launcher reads the check bundle and then its code cache through one buffer (src/cli/file-bytes.ts): each read
// must give the file's bytes exactly, and the second must reuse the first's memory when it fits.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileBytes } from '../../../src/cli/file-bytes';

describe('cli/file-bytes: files read in turn through one buffer', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-file-bytes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, bytes: Buffer): string {
    const at = path.join(dir, name);
    writeFileSync(at, bytes);
    return at;
  }

  it('gives each file its bytes, the second in the memory of the first when the room fits both', () => {
    const bundle = file('bundle.js', randomBytes(230_000));
    const cache = file('cache.bin', randomBytes(352_000));
    const files = new FileBytes(352_000);
    const first = files.read(bundle);
    assert.ok(first.equals(readFileSync(bundle)));
    const second = files.read(cache);
    assert.ok(second.equals(readFileSync(cache)));
    assert.equal(second.buffer, first.buffer);
    // The first view is overwritten by the second read: a caller takes what it needs before reading on.
    assert.ok(first.equals(readFileSync(cache).subarray(0, first.length)));
  });

  it('takes a larger buffer for a file past the room, and reads empty files and missing ones as readFileSync does', () => {
    const small = file('small.bin', randomBytes(100));
    const large = file('large.bin', randomBytes(70_000));
    const empty = file('empty.bin', Buffer.alloc(0));
    const files = new FileBytes(16);
    assert.ok(files.read(small).equals(readFileSync(small)));
    assert.ok(files.read(large).equals(readFileSync(large)));
    assert.equal(files.read(empty).length, 0);
    assert.throws(() => files.read(path.join(dir, 'missing.bin')), { code: 'ENOENT' });
  });
});
