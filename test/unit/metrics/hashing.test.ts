/** The allocation-free key and copy helpers give exactly what the strings they avoid building would. */
import { strict as assert } from 'node:assert';
import { joinedKey, stringKey } from '../../../src/analyzer/metrics/hashing';
import { ownCopy } from '../../../src/analyzer/metrics/own-copy';

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
