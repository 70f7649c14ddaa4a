/**
 * An exact set of 53-bit keys (hashing.ts) for figures that need only how many distinct keys there are
 * (ngramDiversity). CountTable also keeps a count per key and can sample; a set needs neither, so it costs
 * a third of the memory: open addressing over one Float64Array (8 bytes a slot), grown when three quarters
 * full, so 10.7 to 21 bytes a key. Keys are fmix32 outputs, so their low 32 bits index the slots directly.
 */

const EMPTY = -1;

/** Most bytes a key costs (just after the table doubled); budgets in bytes divide by this. */
export const KEY_SET_BYTES_PER_KEY = 8 * (8 / 3);

export class KeySet {
  private slots: Float64Array;
  private mask: number;
  size = 0;

  constructor() {
    this.slots = new Float64Array(1024).fill(EMPTY);
    this.mask = this.slots.length - 1;
  }

  /** Adds a key (a non-negative integer below 2^53). */
  add(key: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let slot = (key >>> 0) & mask;
    for (;;) {
      const k = slots[slot] ?? EMPTY;
      if (k === key) return;
      if (k === EMPTY) break;
      slot = (slot + 1) & mask;
    }
    slots[slot] = key;
    if (++this.size * 4 > slots.length * 3) this.grow();
  }

  /** Adds distinct keys (a set's `keys()`). */
  addAll(keys: Float64Array): void {
    // Room for both first: keys come out in another table's slot order, and pouring them into a smaller
    // table of the same hash packs them into long probe runs (quadratic time); into a larger one they spread.
    this.reserve(this.size + keys.length);
    for (let i = 0; i < keys.length; i++) this.add(keys[i] ?? 0);
  }

  private reserve(keys: number): void {
    let capacity = this.slots.length;
    while (keys * 4 > capacity * 3) capacity *= 2;
    if (capacity > this.slots.length) this.rehash(capacity);
  }

  /** The keys, in slot order; into `reuse` when it has room (a view of it is returned). */
  keys(reuse?: Float64Array): Float64Array {
    const out = reuse && reuse.length >= this.size ? reuse.subarray(0, this.size) : new Float64Array(this.size);
    const slots = this.slots;
    let j = 0;
    for (let i = 0; i < slots.length; i++) {
      const k = slots[i] ?? EMPTY;
      if (k !== EMPTY) out[j++] = k;
    }
    return out;
  }

  /** Empties the set, keeping its capacity (a table refilled to the same size does not grow again). */
  clear(): void {
    this.slots.fill(EMPTY);
    this.size = 0;
  }

  private grow(): void {
    this.rehash(this.slots.length * 2);
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Float64Array(capacity).fill(EMPTY);
    this.mask = this.slots.length - 1;
    this.size = 0;
    for (const k of old) if (k !== EMPTY) this.add(k);
  }
}
