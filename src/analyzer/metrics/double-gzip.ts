/**
 * The size of `compressionRatio`'s doubly gzipped file (compression.ts) written as a stream: the texts go
 * through gzip -9 twice and only the final size is kept. Both layers compress on libuv's thread pool; the thread
 * that writes (the pool's thread, or the caller's with `workers: 0`) only hands each layer its next input. Node's
 * zlib comes back to that thread whenever a layer has filled its output buffer or used up its input, and the next
 * step waits until the thread returns to its event loop. The writing thread returns there at least every 10 ms
 * (its merges and its end are paced, pacer.ts), and with 1 MiB output buffers a merged chunk's texts take one or
 * two steps a layer (about 2.3 MB of text and 0.9 MB of inner output per chunk at 20 MB), so the waits are a few
 * per chunk. With Node's default 16 KiB buffers they were about a thousand at 20 MB, which is why the stream
 * used to run in a thread of its own; that thread's isolate cost more CPU than its waits saved (docs/benchmarks.md,
 * *Compression without its thread*).
 *
 * The inner layer's output goes to the outer layer as it comes, without backpressure: the outer layer compresses
 * about five times faster than the inner (it meets no matches worth the search in compressed bytes), so what waits
 * for it stays small. Deflate's output does not depend on how its input was cut or on the output buffer's size,
 * so the size is gzipSync's to the byte (packageCompressedSize).
 */
import { createGzip, type Gzip } from 'node:zlib';

/** Where the texts of a streamed compressionRatio go; `end` resolves with the file's size. */
export interface DoubleGzipSink {
  write(bytes: Uint8Array): void;
  end(): Promise<number>;
  /** Stops the work of an abandoned stream (a cancelled analysis); `end` then never resolves. */
  release(): void;
}

/** Each layer's output buffer (see the file comment). */
export const GZIP_CHUNK_BYTES = 1 << 20;

/** The outer header's file name, as in packageCompressedSize (compression.ts). */
const OUTER_FILE_NAME_BYTES = 11;

class DoubleGzipSize implements DoubleGzipSink {
  private readonly inner: Gzip = createGzip({ level: 9, chunkSize: GZIP_CHUNK_BYTES });
  private readonly outer: Gzip = createGzip({ level: 9, chunkSize: GZIP_CHUNK_BYTES });
  private bytes = 0;
  private readonly size: Promise<number>;

  constructor() {
    this.inner.on('data', (b: Buffer) => this.outer.write(b));
    this.inner.on('end', () => this.outer.end());
    this.outer.on('data', (b: Buffer) => {
      this.bytes += b.length;
    });
    this.size = new Promise((resolve, reject) => {
      this.outer.on('end', () => resolve(this.bytes + OUTER_FILE_NAME_BYTES));
      this.outer.on('error', reject);
      this.inner.on('error', reject);
    });
    // Until end() is called nobody awaits the size: a failure then surfaces there, not as an unhandled rejection.
    this.size.catch(() => undefined);
  }

  write(bytes: Uint8Array): void {
    this.inner.write(bytes);
  }

  end(): Promise<number> {
    this.inner.end();
    return this.size;
  }

  release(): void {
    this.inner.destroy();
    this.outer.destroy();
  }
}

/** A double-gzip stream written from this thread. */
export function openDoubleGzip(): DoubleGzipSink {
  return new DoubleGzipSize();
}
