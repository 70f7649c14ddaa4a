/**
 * compressionRatio's double-gzip stream (src/analyzer/metrics/double-gzip.ts) against the one-shot size
 * (packageCompressedSize, which the diversity package's reference tests pin): however the input is cut, across
 * many output buffers of both layers, and as the merging accumulator writes it.
 */
import { strict as assert } from 'node:assert';
import { CompressionRatio, COMPRESSION_DEFAULTS, packageCompressedSize } from '../../../src/analyzer/metrics/compression';
import { GZIP_CHUNK_BYTES, openDoubleGzip } from '../../../src/analyzer/metrics/double-gzip';

/** Bytes from xorshift32: incompressible, so each layer's output is about as long as its input. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Text with repeats near and far, so the inner layer finds matches and the outer meets its output. */
function text(records: number): string[] {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'naïve', '日本語'];
  const out: string[] = [];
  for (let r = 0; r < records; r++) {
    const n = 5 + ((r * 7919) % 40);
    out.push(Array.from({ length: n }, (_, i) => words[(r * 31 + i * i) % words.length]).join(' ') + ` #${r}`);
  }
  return out;
}

describe('double-gzip stream', () => {
  it('gives the one-shot size however its input is cut, across many output buffers of each layer', async () => {
    // Over 2 output buffers a layer from the noise, then text that compresses well.
    const all = Buffer.concat([noise(2 * GZIP_CHUNK_BYTES + 12_345, 0x9e3779b9), Buffer.from(text(10_000).join(' '), 'utf8')]);
    const oneShot = packageCompressedSize(all);
    const cuts: number[][] = [[all.length], [1, 2, 3, 1000, GZIP_CHUNK_BYTES, 1, 2 * GZIP_CHUNK_BYTES + 7], [GZIP_CHUNK_BYTES - 1, 1, 1, 5]];
    for (const sizes of cuts) {
      const sink = openDoubleGzip();
      let at = 0;
      for (let i = 0; at < all.length; i++) {
        const size = sizes[i] ?? 300_000;
        // A copy of its own, as a state's buffer is: the stream reads it after write() returns.
        sink.write(Buffer.from(all.subarray(at, at + size)));
        at += size;
      }
      assert.equal(await sink.end(), oneShot, `cut ${sizes.join(',')}`);
    }
  });

  it('ends with the size of an empty text when nothing was written', async () => {
    assert.equal(await openDoubleGzip().end(), packageCompressedSize(Buffer.alloc(0)));
  });

  it('released while compressing, it stops without an error', async () => {
    const sink = openDoubleGzip();
    sink.write(noise(GZIP_CHUNK_BYTES, 3));
    sink.write(noise(GZIP_CHUNK_BYTES, 4));
    sink.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('as the merging accumulator writes it: chunk states merged in order give the one-shot figure', async () => {
    const records = text(30_000);
    const options = { ...COMPRESSION_DEFAULTS, exactBytes: Infinity };
    const merged = new CompressionRatio({ ...options, stream: true });
    for (let from = 0; from < records.length; from += 7_000) {
      const chunk = new CompressionRatio(options);
      for (const r of records.slice(from, from + 7_000)) chunk.add(r);
      merged.merge(CompressionRatio.fromState(chunk.toState(), options));
    }
    await merged.settle();
    const joined = Buffer.from(records.join(' '), 'utf8');
    assert.equal(merged.finish().ratio.value, joined.length / packageCompressedSize(joined));
  });
});
