/**
 * Every document's shingle set for the exact near-duplicate join (similarity-join.ts, within the exact limit):
 * sorted, de-duplicated 32-bit shingle hashes (minhash-signature.ts), 4 bytes a distinct shingle. A chunk's sets
 * merged in (the pool's thread receives every worker's chunk) stay the block they arrived as, referenced and not
 * copied, and the store's own documents go to blocks of a fixed size: one array grown by doubling held up to twice
 * the shingles and, while growing, three times (the old copy beside the new), the largest buffers of a 64 MiB profile.
 */
import { SHINGLE_WORDS, shingleHash } from './minhash-signature';
import { sharedArray, sharedCopy } from './shared-arrays';

/** Shingles of a block this store appends its own documents to (256 KiB); a longer document gets a block of its size. */
const OPEN_BLOCK_SHINGLES = 2 ** 16;

/** The sets as the join reads them: document d's set is blocks[blockOf[d]] from starts[d] to ends[d]. */
export interface ShingleSets {
  docs: number;
  blockOf: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
  blocks: readonly Uint32Array[];
}

export class ShingleSetStore {
  docs = 0;
  private blocks: Uint32Array[] = [];
  /** The block this store's own documents are appended to, grown by doubling, and its place in `blocks` (-1: none yet). */
  private open: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private openCount = 0;
  private openIndex = -1;
  private blockOf: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private starts: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private ends: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private readonly sorter = new ShingleSorter();

  /** Appends the sorted, de-duplicated shingle hashes of one document's words. */
  add(t: { a: Uint32Array; b: Uint32Array; length: number }): void {
    const count = Math.max(0, t.length - SHINGLE_WORDS + 1);
    // A full block is left as it is and a new one opened: a block grown by doubling copied every shingle about once
    // more, into fresh pages each time (a fortieth of a worker's CPU at 20 MB, page faults included).
    if (this.openIndex < 0 || this.openCount + count > this.open.length) {
      this.openIndex = this.blocks.length;
      this.open = new Uint32Array(Math.max(OPEN_BLOCK_SHINGLES, count));
      this.openCount = 0;
      this.blocks.push(this.open);
    }
    const kept = this.sorter.sortUnique(t, count, this.open, this.openCount);
    this.pushDoc(this.openIndex, this.openCount, this.openCount + kept);
    this.openCount += kept;
  }

  /** Appends `docs` sets held back to back in `shingles`, `ends[d]` where set d ends (a chunk's state). */
  appendBlock(shingles: Uint32Array, ends: Uint32Array, docs: number): void {
    // Later documents of this store go to a new open block, after these.
    this.openIndex = -1;
    const block = this.blocks.length;
    this.blocks.push(shingles);
    for (let d = 0; d < docs; d++) this.pushDoc(block, d === 0 ? 0 : (ends[d - 1] ?? 0), ends[d] ?? 0);
  }

  private pushDoc(block: number, start: number, end: number): void {
    if (this.docs >= this.ends.length) {
      this.blockOf = grownTo(this.blockOf, this.docs + 1);
      this.starts = grownTo(this.starts, this.docs + 1);
      this.ends = grownTo(this.ends, this.docs + 1);
    }
    this.blockOf[this.docs] = block;
    this.starts[this.docs] = start;
    this.ends[this.docs++] = end;
  }

  sets(): ShingleSets {
    return { docs: this.docs, blockOf: this.blockOf, starts: this.starts, ends: this.ends, blocks: this.blocks };
  }

  /**
   * The sets with every array in a SharedArrayBuffer, for other threads: the blocks of chunk states already are
   * (copied only when this store appended documents itself); where each set sits is copied (12 bytes a document).
   */
  sharedSets(): ShingleSets {
    const docs = this.docs;
    this.blocks = this.blocks.map((block) => sharedCopy(block));
    // This store's own documents go to a new block from now on: the open one was replaced by its copy.
    this.openIndex = -1;
    return {
      docs,
      blockOf: sharedCopy(this.blockOf.subarray(0, docs)),
      starts: sharedCopy(this.starts.subarray(0, docs)),
      ends: sharedCopy(this.ends.subarray(0, docs)),
      blocks: this.blocks,
    };
  }

  /**
   * The sets back to back in one array and where each ends: a state's form. The shingles are in a
   * SharedArrayBuffer: a worker's chunk state reaches the pool's thread without a copy, and the join's searches
   * on the workers (similarity-join.ts) read it there again without one.
   */
  concatenated(): { shingles: Uint32Array; shingleEnds: Uint32Array } {
    let total = 0;
    for (let d = 0; d < this.docs; d++) total += (this.ends[d] ?? 0) - (this.starts[d] ?? 0);
    const shingles = sharedArray(Uint32Array, total);
    const shingleEnds = new Uint32Array(this.docs);
    let at = 0;
    for (let d = 0; d < this.docs; d++) {
      const block = this.blocks[this.blockOf[d] ?? 0] ?? shingles;
      shingles.set(block.subarray(this.starts[d] ?? 0, this.ends[d] ?? 0), at);
      at += (this.ends[d] ?? 0) - (this.starts[d] ?? 0);
      shingleEnds[d] = at;
    }
    return { shingles, shingleEnds };
  }
}

/** A copy of `array` with room for at least `size` elements (doubling). */
function grownTo(array: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  let capacity = Math.max(64, array.length);
  while (capacity < size) capacity *= 2;
  const grown = new Uint32Array(capacity);
  grown.set(array);
  return grown;
}

/** Documents of more shingles than this are sorted by the engine's sort, fewer by buckets (ShingleSorter). */
const BUCKET_SORT_MAX_SHINGLES = 2 ** 12;
/**
 * XORed into a hash: its unsigned order becomes the signed order of the int32 it then is, so the sort's loads, compares
 * and stores stay 32-bit integers (to the JIT a uint32 above 2^31 is a double).
 */
const SIGN = 0x80000000 | 0;

/**
 * Sorts a document's shingle hashes by placing them in about as many buckets as there are shingles, by their high
 * bits, and then by insertion: the hashes are uniform, so a bucket holds one or two and the insertion moves each a
 * step or two. About linear, where the engine's sort of the typical 30-250 shingles was a call into the runtime and an
 * introsort whose comparisons of random hashes the branch predictor misses half the time: the store's adds of 10,000
 * documents of 20-140 words took 24-25 ms of CPU, and take 16-17 (docs/benchmarks.md).
 */
class ShingleSorter {
  /** The hashes with their top bit flipped, in shingle order, then placed by bucket. */
  private readonly hashes = new Int32Array(BUCKET_SORT_MAX_SHINGLES);
  private readonly placed = new Int32Array(BUCKET_SORT_MAX_SHINGLES);
  private readonly starts = new Int32Array(BUCKET_SORT_MAX_SHINGLES + 1);

  /** Writes the sorted, de-duplicated hashes of the `count` shingles of `t` to `out` from `at`; returns how many. */
  sortUnique(t: { a: Uint32Array; b: Uint32Array }, count: number, out: Uint32Array, at: number): number {
    if (count > BUCKET_SORT_MAX_SHINGLES) {
      const own = out.subarray(at, at + count);
      for (let s = 0; s < count; s++) own[s] = shingleHash(t.a, t.b, s);
      own.sort();
      let kept = 0;
      for (let i = 0; i < count; i++) if (i === 0 || own[i] !== own[i - 1]) own[kept++] = own[i] ?? 0;
      return kept;
    }
    let bits = 1;
    while (1 << bits < count) bits++;
    const half = 1 << (bits - 1);
    const shift = 32 - bits;
    const { hashes, placed, starts } = this;
    starts.fill(0, 0, 2 * half + 1);
    // A flipped hash's bucket: its signed value's top `bits` bits, from -half up, moved to start at 0.
    for (let s = 0; s < count; s++) {
      const v = shingleHash(t.a, t.b, s) ^ SIGN;
      hashes[s] = v;
      const bucket = (v >> shift) + half + 1;
      starts[bucket] = (starts[bucket] ?? 0) + 1;
    }
    for (let b = 1; b <= 2 * half; b++) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
    for (let s = 0; s < count; s++) {
      const v = hashes[s] ?? 0;
      const bucket = (v >> shift) + half;
      const place = starts[bucket] ?? 0;
      starts[bucket] = place + 1;
      placed[place] = v;
    }
    for (let i = 1; i < count; i++) {
      const v = placed[i] ?? 0;
      let j = i - 1;
      while (j >= 0 && (placed[j] ?? 0) > v) {
        placed[j + 1] = placed[j] ?? 0;
        j--;
      }
      placed[j + 1] = v;
    }
    let kept = 0;
    let last = 0;
    for (let i = 0; i < count; i++) {
      const v = placed[i] ?? 0;
      if (kept > 0 && v === last) continue;
      out[at + kept++] = v ^ SIGN;
      last = v;
    }
    return kept;
  }
}
