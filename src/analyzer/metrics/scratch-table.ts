/**
 * A small table of 53-bit keys (hashing.ts) with a uint32 sum each, for work that fills a table and drops it
 * many times over: a record's distinct words, one partition of a run being spilled. `reset` empties it in O(1):
 * a slot belongs to the current fill only when it carries the current stamp, so nothing is cleared between
 * fills, and a fill uses only as many slots as `reset` was told to expect, which keeps a small fill in the
 * fastest cache whatever the largest one was. Entries are listed in the order they were first added.
 *
 * Why not a JS Set: a Set of numbers above 2^31 boxes every key (a heap allocation per insertion), which made
 * the per-record distinct words a sixth of a profile's CPU.
 */

export class ScratchTable {
  private slotKeys = new Float64Array(256);
  private slotSums = new Uint32Array(256);
  private stamps = new Uint32Array(256);
  private stamp = 1;
  private mask = 255;
  /** Slots of the entries, in first-added order (the first `size`). */
  private order = new Int32Array(128);
  size = 0;

  /** Empties the table for a fill of at most `expected` distinct keys. */
  reset(expected: number): void {
    let capacity = 256;
    while (capacity < expected * 2) capacity *= 2;
    if (capacity > this.slotKeys.length) {
      this.slotKeys = new Float64Array(capacity);
      this.slotSums = new Uint32Array(capacity);
      this.stamps = new Uint32Array(capacity);
      this.stamp = 0;
    }
    if (this.order.length < expected) this.order = new Int32Array(capacity / 2);
    this.mask = capacity - 1;
    this.size = 0;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Adds `value` to the key's sum; true when the key is new to this fill. At most `expected` distinct keys per fill. */
  add(key: number, value: number): boolean {
    const keys = this.slotKeys;
    const stamps = this.stamps;
    const stamp = this.stamp;
    const mask = this.mask;
    // Keys are fmix32 outputs joined (key53): their low 32 bits are uniform.
    let slot = (key >>> 0) & mask;
    while (stamps[slot] === stamp) {
      if (keys[slot] === key) {
        this.slotSums[slot] = (this.slotSums[slot] ?? 0) + value;
        return false;
      }
      slot = (slot + 1) & mask;
    }
    stamps[slot] = stamp;
    keys[slot] = key;
    this.slotSums[slot] = value;
    this.order[this.size++] = slot;
    return true;
  }

  /** `add(keys[i], 0)` for each i < length: one call for a record's keys (see CountTable.addAll). */
  addAll(keys: Float64Array, length: number): void {
    for (let i = 0; i < length; i++) this.add(keys[i] ?? 0, 0);
  }

  /** The sum of a key of this fill (0 when it is not in it). */
  sumOf(key: number): number {
    const mask = this.mask;
    for (let slot = (key >>> 0) & mask; this.stamps[slot] === this.stamp; slot = (slot + 1) & mask) {
      if (this.slotKeys[slot] === key) return this.slotSums[slot] ?? 0;
    }
    return 0;
  }

  /** The i-th key added (i < size). */
  keyAt(i: number): number {
    return this.slotKeys[this.order[i] ?? 0] ?? 0;
  }

  /** The sum of the i-th key added. */
  sumAt(i: number): number {
    return this.slotSums[this.order[i] ?? 0] ?? 0;
  }
}
