/** The allocation-free key and copy helpers give exactly what the strings they avoid building would. */
import { strict as assert } from 'node:assert';
import { joinedKey, mulberry32, ngramKey, ngramKeysInto, stringKey } from '../../../src/analyzer/metrics/hashing';
import { ownCopy } from '../../../src/analyzer/metrics/own-copy';

describe('ngramKeysInto', () => {
  it('rolls to ngramKey of every n-gram, bit for bit, for n = 1..6 and any token lanes', () => {
    const random = mulberry32(3);
    for (let n = 1; n <= 6; n++) {
      for (const length of [0, 1, n - 1, n, n + 1, 2 * n + 3, 200]) {
        const a = Uint32Array.from({ length }, () => Math.floor(random() * 2 ** 32));
        const b = Uint32Array.from({ length }, () => Math.floor(random() * 2 ** 32));
        a.fill(0xffffffff, 0, Math.min(2, length));
        const count = length - n + 1;
        const out = new Float64Array(Math.max(1, count));
        ngramKeysInto(a, b, n, count, out);
        for (let i = 0; i < count; i++) assert.equal(out[i], ngramKey(a, b, i, n), `n ${n}, length ${length}, n-gram ${i}`);
      }
    }
  });
});

describe('joinedKey and ownCopy', () => {
  it('joinedKey(head, text, end) is stringKey(head + "\\u0000" + text.slice(0, end))', () => {
    const texts = ['', 'a', 'Ünïcödé 😀 text', 'x'.repeat(300), 'the same text\u0000with a NUL'];
    for (const text of texts) {
      for (const end of [0, 1, Math.min(text.length, 256), text.length].filter((e) => e <= text.length)) {
        const head = String(text.length);
        assert.equal(joinedKey(head, text, end), stringKey(`${head}\u0000${text.slice(0, end)}`), `${JSON.stringify(text.slice(0, 20))} up to ${end}`);
      }
    }
    assert.notEqual(joinedKey('1', 'ab', 2), joinedKey('1', 'ab', 1));
  });

  it('ownCopy gives the substring, short or long', () => {
    const text = 'The quick brown fox jumps over the lazy dog, 😀 twice: the quick brown fox.';
    for (const [start, end] of [[0, 0], [4, 9], [4, 30], [0, text.length], [44, 60]] as const) assert.equal(ownCopy(text, start, end), text.slice(start, end));
  });
});
