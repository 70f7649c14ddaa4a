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
    const own = this.open.subarray(this.openCount, this.openCount + count);
    for (let s = 0; s < count; s++) own[s] = shingleHash(t.a, t.b, s);
    own.sort();
    let kept = 0;
    for (let i = 0; i < count; i++) if (i === 0 || own[i] !== own[i - 1]) own[kept++] = own[i] ?? 0;
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
