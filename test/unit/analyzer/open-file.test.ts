/**
 * Reading a manifest's text (readTextFile): the bytes as UTF-8 whatever path the read takes (one read of the size
 * the file states, ASCII taken byte for byte, other text decoded), without its byte-order mark.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { utf8Text } from '../../../src/analyzer/encoding';
import { readTextFile } from '../../../src/analyzer/open-file';

describe('readTextFile and utf8Text', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'synthlint-open-file-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const TEXTS: Record<string, string> = {
    empty: '',
    ascii: 'name: plain\nsources:\n  - id: a\n',
    'latin-1 range': 'description: café, naïve, 1–2\n',
    'astral plane': 'description: model output 🤖 and CJK 数据\n',
    // Larger than the 1 MB chunk a file of unknown size would be read in.
    'ascii, 3 MB': `${'# padding line of a large manifest\n'.repeat(90_000)}name: big\n`,
    'multi-byte, 3 MB': `${'# é padding line of a large manifest\n'.repeat(85_000)}name: big\n`,
  };

  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives back the file's text: ${name}`, () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.dataset.yaml`);
      writeFileSync(file, text);
      assert.deepEqual(readTextFile(file, 'manifest'), { text });
      assert.equal(utf8Text(Buffer.from(text)), text);
    });
  }

  it('leaves out a UTF-8 byte-order mark, ASCII after it or not', () => {
    for (const text of ['name: plain\n', 'name: café\n']) {
      const file = path.join(dir, 'bom.dataset.yaml');
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      assert.deepEqual(readTextFile(file, 'manifest'), { text });
    }
  });

  it('reads as UTF-8 a buffer that is ASCII up to its last byte', () => {
    const bytes = Buffer.from('abc\u00e9');
    assert.equal(utf8Text(bytes), 'abc\u00e9');
    assert.equal(utf8Text(bytes.subarray(0, 3)), 'abc');
  });
});
