/**
 * The size of `compressionRatio`'s doubly gzipped file (compression.ts) written as a stream: the texts go
 * through gzip -9 twice and only the final size is kept. Node's zlib streams compress on libuv's thread pool
 * but hand every 16 KiB of output back to the thread that owns the stream, so in the pool's thread, which
 * merges chunk states for hundreds of milliseconds at a time and runs the near-duplicate join at the end,
 * the stream stalls whenever that thread is busy. With the compression thread's bundle built, the stream therefore
 * runs in a thread of its own (compression-thread.ts), whose event loop does nothing else; the texts reach it as
 * transferred UTF-8 buffers.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { createGzip, type Gzip } from 'node:zlib';
import { startBundledWorker, workerScript } from '../worker-script';

/** Where the texts of a streamed compressionRatio go; `end` resolves with the file's size. */
export interface DoubleGzipSink {
  write(bytes: Uint8Array): void;
  end(): Promise<number>;
  /** Stops the work of an abandoned stream (a cancelled analysis); `end` then never resolves. */
  release(): void;
}

/** The compression thread's bundle (compression-thread.ts, built by scripts/build.mjs beside worker.js). */
export const COMPRESSION_THREAD_SCRIPT = 'compression-thread.js';

type GzipReply = { type: 'size'; size: number } | { type: 'failed'; message: string };

/** The stream in the calling thread. */
class DoubleGzipSize implements DoubleGzipSink {
  private readonly inner: Gzip = createGzip({ level: 9 });
  private readonly outer: Gzip = createGzip({ level: 9 });
  private bytes = 0;
  private readonly size: Promise<number>;

  constructor() {
    this.inner.pipe(this.outer);
    this.outer.on('data', (b: Buffer) => {
      this.bytes += b.length;
    });
    this.size = new Promise((resolve, reject) => {
      // The outer header's file name, as in packageCompressedSize (compression.ts).
      this.outer.on('end', () => resolve(this.bytes + 11));
      this.outer.on('error', reject);
      this.inner.on('error', reject);
    });
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

/** The stream in a thread of its own (see the file comment). */
class DoubleGzipThread implements DoubleGzipSink {
  private readonly size: Promise<number>;

  constructor(private readonly worker: Worker) {
    // An abandoned stream must not keep the process alive; release() ends the thread.
    worker.unref();
    this.size = new Promise((resolve, reject) => {
      worker.once('message', (reply: GzipReply) => {
        void worker.terminate();
        if (reply.type === 'size') resolve(reply.size);
        else reject(new Error(`compressionRatio: ${reply.message}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`compressionRatio: the compression thread exited (code ${code}) without a size`)));
    });
    // Until end() is called nobody awaits the size: a failure then surfaces there, not as an unhandled rejection.
    this.size.catch(() => undefined);
  }

  write(bytes: Uint8Array): void {
    // Moved, not copied: the buffer was made for this write.
    this.worker.postMessage(bytes, bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);
  }

  end(): Promise<number> {
    // Now the size is awaited: the thread keeps the process alive until it answers.
    this.worker.ref();
    this.worker.postMessage('end');
    return this.size;
  }

  release(): void {
    void this.worker.terminate();
  }
}

/** A double-gzip stream: in its own thread when asked and the compression thread's bundle is built, else in this thread. */
export function openDoubleGzip(inThread: boolean): DoubleGzipSink {
  const script = inThread ? workerScript(COMPRESSION_THREAD_SCRIPT) : undefined;
  return script ? new DoubleGzipThread(startBundledWorker(script, {})) : new DoubleGzipSize();
}

/** The compression thread's side: buffers in, 'end', then its size out. */
export function serveDoubleGzip(port: MessagePort): void {
  const sink = new DoubleGzipSize();
  port.on('message', (msg: Uint8Array | 'end') => {
    if (msg !== 'end') {
      sink.write(msg);
      return;
    }
    sink.end().then(
      (size) => port.postMessage({ type: 'size', size } satisfies GzipReply),
      (err: unknown) => port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies GzipReply),
    );
  });
}
