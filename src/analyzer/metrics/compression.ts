/**
 * `compressionRatio` as `compression_ratio` of the `diversity` package (Shaib et al. 2024, "Standardizing
 * the Measurement of Text Diversity", github.com/cshaib/diversity, diversity/compression.py): the UTF-8
 * size of the texts joined by a single space, divided by the size of the file it writes. That file is
 * `gzip.GzipFile(path/'compressed.gz')` holding `gzip.compress(text)`: the text is gzipped twice, both
 * times at Python's default level 9, and the outer header stores the name "compressed" (11 bytes). We
 * reproduce all of it, so figures compare with the paper's; the package rounds to 3 decimals, we do not.
 * Deflate output depends on the zlib build: Node bundles Chromium's zlib, CPython the system's (zlib-ng on
 * some distributions), which differ by well under 1% of the compressed size (docs/metrics.md).
 *
 * Exact merging: gzip of a concatenation is not the sum of its parts, so the texts are kept, up to
 * `exactBytes`. Above that the corpus is cut into content-defined blocks (a block ends after a record
 * whose hash is 0 mod `blockRecords`, so boundaries do not depend on how the input was chunked) and each
 * block is compressed on its own; deflate's window is 32 KiB, so only the start of each block loses
 * context. A run of `maxBlockBytes` without a boundary (long runs of identical records) is cut by size,
 * the one case where chunking can shift a boundary.
 *
 * Exact at any size, as a stream: with no text budget (`exactBytes` Infinity, the exact limit's options) and
 * `stream` on, an accumulator that only merges chunks in order (the pool's) writes each chunk's texts into
 * the two gzip layers as it merges it and keeps only the compressed size. The layers compress on libuv's
 * thread pool, beside the workers (double-gzip.ts); deflate's output does not depend on how its input was cut, so the
 * size is the one-shot size, byte for byte. `settle` waits for the last bytes before `finish`.
 *
 * With no text budget every use of the texts is the one joined text, so they are kept as that text's UTF-8
 * bytes from the start (`joined`): a worker encodes each record as it comes, its state moves to the pool's thread
 * as one transferred buffer, and the pool's thread only forwards it to the stream. Kept as strings, the texts were
 * copied into the pool's thread and joined and encoded there, one chunk after another: the largest part of that
 * thread's work while the workers read, and of its heap.
 *
 * Where the work runs: a chunk that still holds over half the budget of texts also ships their blocks
 * (`toState`, computed in the worker), and merging texts merges those blocks too, so when the merged texts
 * outgrow the budget the pool's thread adopts the blocks instead of compressing every chunk's texts again,
 * one after another.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { Estimate } from '../../core/profile';
import { openDoubleGzip, type DoubleGzipSink } from './double-gzip';
import type { MetricUnit } from './unit';

export interface CompressionOptions {
  /** Texts kept for the exact figure, in UTF-8 bytes (default 4 MiB, its share of the accumulator's budget). */
  exactBytes: number;
  /** Mean records per content-defined block above the budget (default 512). */
  blockRecords: number;
  /** A block is cut here even without a boundary (default 16 MiB). */
  maxBlockBytes: number;
  /**
   * With no text budget, compress merged chunks as a stream instead of keeping their texts (see the file
   * comment and double-gzip.ts). Off by default: a streaming accumulator has no state to move (toState throws).
   */
  stream?: boolean;
}

export const COMPRESSION_DEFAULTS: CompressionOptions = {
  exactBytes: 4 * 1024 * 1024,
  blockRecords: 512,
  maxBlockBytes: 16 * 1024 * 1024,
};

/** gzip header (10) + "compressed\0" (11) + trailer (8) of the outer file the package writes. */
const OUTER_FILE_OVERHEAD = 10 + 11 + 8;
/** Header and trailer of the inner `gzip.compress` member, which the outer layer also has to carry. */
const INNER_MEMBER_OVERHEAD = 10 + 8;

export interface CompressionState {
  bytes: number;
  records: number;
  texts?: string[];
  /** With no text budget: the texts joined by single spaces, as UTF-8. */
  joined?: Uint8Array;
  /** The block form: alone above the budget; beside `texts` (over half the budget), their blocks, for a merge that outgrows it. */
  blocks?: { head: string[]; headClosed: boolean; tail: string[]; tailBytes: number; compressed: number; count: number };
}

export interface CompressionFigures {
  ratio: Estimate;
  /** Present when the figure is the block estimate rather than the exact one. */
  blocks?: { count: number; meanBytes: number };
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cheap content hash for block boundaries: length plus the first and last 32 code units. */
function boundaryHash(text: string): number {
  let h = text.length | 0;
  const n = text.length;
  const head = Math.min(32, n);
  for (let i = 0; i < head; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  for (let i = Math.max(head, n - 32); i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** Size of the package's doubly gzipped file for one text. */
export function packageCompressedSize(joined: Buffer): number {
  const inner = gzipSync(joined, { level: 9 });
  // The outer gzip header carries a file name the inner call does not; 11 bytes, see OUTER_FILE_OVERHEAD.
  return gzipSync(inner, { level: 9 }).length + 11;
}

/** Estimated doubly compressed size of one block (deflate bodies only; headers are added once). */
function blockCompressedSize(texts: string[]): number {
  const inner = deflateRawSync(Buffer.from(texts.join(' '), 'utf8'), { level: 9 });
  return deflateRawSync(inner, { level: 9 }).length;
}

const SPACE = 0x20;
const MIN_CAPACITY = 64 * 1024;

/** Texts joined by single spaces as UTF-8, in a buffer grown by doubling. */
class JoinedText {
  private buffer: Buffer;
  length: number;

  constructor(initial?: Uint8Array) {
    this.buffer = initial ? Buffer.from(initial.buffer, initial.byteOffset, initial.byteLength) : Buffer.allocUnsafeSlow(MIN_CAPACITY);
    this.length = initial ? initial.byteLength : 0;
  }

  /** Appends one text (after a space unless it is the first); returns its UTF-8 size. */
  addText(text: string, first: boolean): number {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes; the space 1.
    this.reserve(text.length * 3 + 1);
    if (!first) this.buffer[this.length++] = SPACE;
    const size = this.buffer.write(text, this.length, 'utf8');
    this.length += size;
    return size;
  }

  /** Appends texts already joined (after a space unless they come first). */
  addJoined(bytes: Uint8Array, first: boolean): void {
    this.reserve(bytes.byteLength + 1);
    if (!first) this.buffer[this.length++] = SPACE;
    this.buffer.set(bytes, this.length);
    this.length += bytes.byteLength;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    let capacity = Math.max(MIN_CAPACITY, this.buffer.length * 2);
    while (capacity < this.length + more) capacity *= 2;
    const grown = Buffer.allocUnsafeSlow(capacity);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  /** The bytes, as a view (valid until the next append). */
  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** The bytes in a buffer of their own and of their size, so a thread can move it without moving spare room. */
  copy(): Uint8Array {
    const out = new Uint8Array(this.length);
    out.set(this.buffer.subarray(0, this.length));
    return out;
  }
}

export class CompressionRatio {
  private bytes = 0;
  private records = 0;
  private texts: string[] | undefined = [];
  /** With no text budget (`exactBytes` Infinity), instead of `texts`: see the file comment. */
  private joined: JoinedText | undefined;
  private head: string[] = [];
  private headClosed = false;
  private tail: string[] = [];
  private tailBytes = 0;
  private compressed = 0;
  private count = 0;
  /** While `texts` are kept: the same texts in block form, when known (see the file comment). */
  private blockTwin: CompressionRatio | undefined;
  /** Streaming (see the file comment): the compressor, and its final size once settled. */
  private stream: DoubleGzipSink | undefined;
  private streamedSize: number | undefined;

  constructor(private readonly options: CompressionOptions = COMPRESSION_DEFAULTS) {
    if (options.exactBytes === Infinity) this.texts = undefined;
  }

  add(text: string): void {
    if (!this.stream && this.options.exactBytes === Infinity) {
      this.bytes += (this.joined ??= new JoinedText()).addText(text, this.records === 0);
      this.records++;
      return;
    }
    const size = utf8Length(text);
    if (this.stream) this.stream.write(Buffer.from(this.records > 0 ? ` ${text}` : text, 'utf8'));
    this.bytes += size;
    this.records++;
    if (this.stream) return;
    if (this.texts) {
      this.texts.push(text);
      this.blockTwin = undefined;
      if (this.bytes > this.options.exactBytes) this.toBlocks();
    } else this.addToBlocks(text, size);
  }

  private toBlocks(): void {
    const texts = this.texts ?? [];
    this.texts = undefined;
    const twin = this.blockTwin;
    this.blockTwin = undefined;
    if (twin) {
      this.head = twin.head;
      this.headClosed = twin.headClosed;
      this.tail = twin.tail;
      this.tailBytes = twin.tailBytes;
      this.compressed = twin.compressed;
      this.count = twin.count;
      return;
    }
    for (const t of texts) this.addToBlocks(t, utf8Length(t));
  }

  /** The kept texts in block form (computed once). */
  private twin(): CompressionRatio {
    if (!this.blockTwin) {
      const twin = new CompressionRatio(this.options);
      twin.texts = undefined;
      for (const t of this.texts ?? []) twin.add(t);
      this.blockTwin = twin;
    }
    return this.blockTwin;
  }

  private addToBlocks(text: string, size: number): void {
    const boundary = boundaryHash(text) % this.options.blockRecords === 0;
    if (!this.headClosed) {
      this.head.push(text);
      if (boundary) this.headClosed = true;
      return;
    }
    this.tail.push(text);
    this.tailBytes += size;
    if (boundary || this.tailBytes >= this.options.maxBlockBytes) this.flushTail();
  }

  private flushTail(): void {
    if (this.tail.length === 0) return;
    this.compressed += blockCompressedSize(this.tail);
    this.count++;
    this.tail = [];
    this.tailBytes = 0;
  }

  /** Whether merges go into the stream: no text budget, streaming allowed, and nothing added before. */
  private streams(): boolean {
    return this.stream !== undefined || (this.options.stream === true && this.options.exactBytes === Infinity && this.records === 0);
  }

  merge(other: CompressionRatio): void {
    if (this.options.exactBytes === Infinity) {
      this.mergeJoined(other);
      return;
    }
    const otherTexts = other.texts;
    if (this.texts && otherTexts && this.bytes + other.bytes <= this.options.exactBytes) {
      // An empty side (the pool's fresh accumulator) has a free twin, so the chunks' blocks carry over.
      const twin = other.blockTwin && (this.texts.length === 0 ? this.twin() : this.blockTwin);
      if (twin && other.blockTwin) twin.merge(other.blockTwin);
      for (const t of otherTexts) this.texts.push(t);
      this.blockTwin = twin;
      this.bytes += other.bytes;
      this.records += other.records;
      return;
    }
    if (this.texts) this.toBlocks();
    if (otherTexts) other.toBlocks();
    this.bytes += other.bytes;
    this.records += other.records;
    if (!this.headClosed) {
      for (const t of other.head) this.head.push(t);
      this.headClosed = other.headClosed;
    } else {
      for (const t of other.head) {
        this.tail.push(t);
        this.tailBytes += utf8Length(t);
      }
      if (other.headClosed) this.flushTail();
    }
    if (other.headClosed) {
      this.compressed += other.compressed;
      this.count += other.count;
      this.tail = other.tail.slice();
      this.tailBytes = other.tailBytes;
    }
  }

  /** Appends a later chunk's joined texts: into the stream, or after this one's. */
  private mergeJoined(other: CompressionRatio): void {
    const first = this.records === 0;
    const streams = this.streams();
    this.bytes += other.bytes;
    this.records += other.records;
    const theirs = other.joined;
    if (other.records === 0 || !theirs) return;
    if (streams) {
      this.stream ??= openDoubleGzip();
      if (!first) this.stream.write(Uint8Array.of(SPACE));
      // Their buffer (a state's, of its own) is read by the stream until it is compressed: `other` is spent.
      this.stream.write(theirs.view());
      other.joined = undefined;
      return;
    }
    (this.joined ??= new JoinedText()).addJoined(theirs.view(), first);
  }

  /** Waits for the stream's last bytes (nothing to wait for otherwise). */
  async settle(): Promise<void> {
    if (this.stream) this.streamedSize = await this.stream.end();
  }

  /** Stops the stream of an abandoned accumulator. */
  release(): void {
    this.stream?.release();
  }

  toState(): CompressionState {
    if (this.stream) throw new Error('a streaming compressionRatio has no state to move: create it without `stream`');
    if (this.options.exactBytes === Infinity) return { bytes: this.bytes, records: this.records, joined: this.joined?.copy() ?? new Uint8Array(0) };
    // Texts under half the budget skip their blocks: two such chunks still fit together, so the most a
    // merge can then leave to the pool's thread is one budget's worth of texts, and a small source
    // analysed in one piece is not compressed twice.
    const b = this.texts ? (this.bytes * 2 > this.options.exactBytes ? this.twin() : undefined) : this;
    return {
      bytes: this.bytes,
      records: this.records,
      texts: this.texts,
      blocks: b && { head: b.head, headClosed: b.headClosed, tail: b.tail, tailBytes: b.tailBytes, compressed: b.compressed, count: b.count },
    };
  }

  static fromState(state: CompressionState, options: CompressionOptions = COMPRESSION_DEFAULTS): CompressionRatio {
    const c = new CompressionRatio(options);
    c.bytes = state.bytes;
    c.records = state.records;
    if (options.exactBytes === Infinity) {
      if (state.joined) c.joined = new JoinedText(state.joined);
      return c;
    }
    c.texts = state.texts;
    if (state.texts && state.blocks) {
      c.blockTwin = CompressionRatio.fromState({ bytes: state.bytes, records: state.records, blocks: state.blocks }, options);
    } else if (state.blocks) {
      c.head = state.blocks.head;
      c.headClosed = state.blocks.headClosed;
      c.tail = state.blocks.tail;
      c.tailBytes = state.blocks.tailBytes;
      c.compressed = state.blocks.compressed;
      c.count = state.blocks.count;
    }
    return c;
  }

  finish(): CompressionFigures {
    if (this.records === 0) return { ratio: { value: 0 } };
    const original = this.bytes + (this.records - 1);
    if (this.stream) {
      if (this.streamedSize === undefined) throw new Error('compressionRatio: settle() before finish() when streaming');
      return { ratio: { value: original / this.streamedSize } };
    }
    if (this.options.exactBytes === Infinity) return { ratio: { value: original / packageCompressedSize(this.joined?.view() ?? Buffer.alloc(0)) } };
    if (this.texts) {
      return { ratio: { value: original / packageCompressedSize(Buffer.from(this.texts.join(' '), 'utf8')) } };
    }
    let compressed = this.compressed;
    let count = this.count;
    for (const segment of [this.head, this.tail]) {
      if (segment.length === 0) continue;
      compressed += blockCompressedSize(segment);
      count++;
    }
    compressed += OUTER_FILE_OVERHEAD + INNER_MEMBER_OVERHEAD;
    return { ratio: { value: original / compressed }, blocks: { count, meanBytes: original / count } };
  }
}

/** Its `add` takes the record's text alone (Shaib et al. compress the texts as they are). */
export const compressionUnit: MetricUnit<CompressionRatio, CompressionState, { compression: CompressionOptions }> = {
  name: 'compression',
  create: (o) => new CompressionRatio(o.compression),
  add: (m, record) => m.add(record.text),
  merge: (m, later) => m.merge(later),
  settle: (m) => m.settle(),
  release: (m) => m.release(),
  toState: (m) => m.toState(),
  fromState: (state, o) => CompressionRatio.fromState(state, o.compression),
  finish(m) {
    const { ratio, blocks } = m.finish();
    return { metrics: { compressionRatio: ratio, compressionBlocks: blocks }, estimated: blocks ? ['compressionRatio'] : [] };
  },
  off: { metrics: { compressionRatio: { value: 0 } } },
};
