/**
 * Counts of hashed items (n-grams, words, openings, documents), exact until a memory budget, then a
 * *distinct sample* (Gibbons 2001, "Distinct Sampling for Highly-Accurate Answers to Distinct Values
 * Queries"): only keys whose low `level` bits are zero are kept, each with its exact count, and the level
 * rises whenever the table outgrows its budget. Sums over kept keys scaled by 2^level are unbiased
 * estimates of sums over all keys (entropy, hapax share).
 *
 * Why this shape: the final level is the smallest one whose sample fits the budget, a function of the
 * set of items alone, so chunks merged in order give exactly the table of a single pass. An optional
 * HyperLogLog gives distinct counts once the table is sampled. It is built when sampling starts, from the
 * table (which until then holds every key), and fed every key after that: a HyperLogLog of a set does not
 * depend on the order its keys came in, and an exact table never pays for one.
 */
import { HyperLogLog } from './hyperloglog';
import { ownCopy } from './own-copy';

const EMPTY = -1;

/**
 * A table's label slots, all undefined: an array that holds any value from the start. `new Array(n)` alone is one
 * V8 takes for small integers until the first label is stored, so each table (and each resize) began with
 * another kind of array, and optimised code that had seen one kind was thrown away at the other: the tables'
 * `add`, `addRecord` and `resize` were compiled 2-3 times in each thread a profile.
 */
function labelSlots(capacity: number): (string | undefined)[] {
  return new Array<string | undefined>(capacity).fill(undefined);
}

/**
 * Memory per kept key at a budget: a slot is a Float64 key and a Uint32 count (12 bytes) and a power-of-two
 * budget fills its table to half (a table grows when three quarters full, so it doubles once past half),
 * so 24 bytes a key (labels, where kept, cost their strings on top). Budgets in bytes divide by this. A table
 * without a budget (exact figures) costs 16 to 32 bytes a key.
 */
export const COUNT_TABLE_BYTES_PER_KEY = 24;

/**
 * Whether `key` (an integer below 2^53) is a multiple of `divisor` (a power of two): whether it is in the
 * sample at that level. `key >>> 0` is the key mod 2^32, exact for integers, so levels up to 32 test bits
 * instead of calling a floating-point modulo on every key of the hot loops.
 */
export function inSample(key: number, divisor: number): boolean {
  return divisor <= 4294967296 ? ((key >>> 0) & (divisor - 1)) === 0 : key % divisor === 0;
}

export interface CountTableState {
  keys: Float64Array;
  counts: Uint32Array;
  labels?: string[];
  /** Per key, the records holding it (a table made with `records`). */
  records?: Uint32Array;
  level: number;
  budget: number;
  /** Whether the table keeps a HyperLogLog once sampled. */
  sketch: boolean;
  /** Its registers, once sampling has started. */
  hll?: Uint8Array;
}

export interface CountTableOptions {
  /** Most keys kept before sampling starts. */
  budget: number;
  /** Keep a label (the first-seen text) per key. */
  labels?: boolean;
  /** Keep a HyperLogLog of every key once the table is sampled. */
  hll?: boolean;
  /**
   * Count, per key, the records holding it (`addRecord`): the words unit's document frequency, kept beside the
   * occurrences in one table. In a table of its own it had the same keys, inserted in the same order, so it cost a
   * second probe (a cache miss into megabytes of slots) for every distinct word of every record.
   */
  records?: boolean;
}

/** What `insert` did with a key: left it out (not in the sample), counted it, or added it as a new key. */
const SKIPPED = 0;
const COUNTED = 1;
const ADDED = 2;

export class CountTable {
  private keys: Float64Array;
  private counts: Uint32Array;
  private labelSlots: (string | undefined)[] | undefined;
  /** With `records`: each slot's record count, and the last record (`record`) that counted it. */
  private recordCounts: Uint32Array | undefined;
  private recordStamps: Uint32Array | undefined;
  /** The records given to `addRecord` so far: the stamp of the one being added. */
  private record = 0;
  private mask: number;
  private divisor = 1;
  size = 0;
  level = 0;
  readonly budget: number;
  private readonly sketch: boolean;
  /** Present once the table is sampled (and `sketch` is on): the distinct count of every key seen. */
  hll: HyperLogLog | undefined;
  /**
   * A state not yet hashed into the table. A chunk's table is mostly read once, key by key, to be merged
   * into another, so fromState keeps the compact arrays (half the memory, no re-hashing) until a lookup or
   * an insertion needs the table.
   */
  private pending: CountTableState | undefined;

  constructor(options: CountTableOptions) {
    this.budget = Math.max(16, options.budget);
    const capacity = 64;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.counts = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.labelSlots = options.labels ? labelSlots(capacity) : undefined;
    if (options.records) {
      this.recordCounts = new Uint32Array(capacity);
      this.recordStamps = new Uint32Array(capacity);
    }
    this.sketch = options.hll === true;
  }

  /** True when the key belongs to the current sample. */
  accepts(key: number): boolean {
    return inSample(key, this.divisor);
  }

  /** Adds `count` occurrences of `key`; a label, when kept, is copied out of `text` only for a new key. */
  add(key: number, count = 1, text?: string, start = 0, end = 0): void {
    if (this.hll) this.hll.add(key);
    if (this.insert(key, count) === ADDED && this.labelSlots && text !== undefined) this.labelSlots[this.lastSlot] = ownCopy(text, start, end);
    if (this.size > this.budget) this.raiseLevel();
  }

  /**
   * `add(keys[i], 1, text, starts[i], ends[i])` for each i < length, in order: one call for a record's keys, as a
   * 53-bit key passed to a method that is not inlined is a heap number (a few allocations per word).
   */
  addAll(keys: Float64Array, length: number, text?: string, starts?: Int32Array, ends?: Int32Array): void {
    for (let i = 0; i < length; i++) this.add(keys[i] ?? 0, 1, text, starts?.[i] ?? 0, ends?.[i] ?? 0);
  }

  /**
   * One record's keys, as `addAll`, and (a table made with `records`) each distinct one counted once more among the
   * records holding it, at its first occurrence in the record.
   */
  addRecord(keys: Float64Array, length: number, text: string, starts: Int32Array, ends: Int32Array): void {
    const record = ++this.record;
    for (let i = 0; i < length; i++) {
      const key = keys[i] ?? 0;
      if (this.hll) this.hll.add(key);
      const done = this.insert(key, 1);
      if (done === ADDED && this.labelSlots) this.labelSlots[this.lastSlot] = ownCopy(text, starts[i] ?? 0, ends[i] ?? 0);
      const stamps = this.recordStamps;
      const counts = this.recordCounts;
      if (done !== SKIPPED && stamps && counts && stamps[this.lastSlot] !== record) {
        stamps[this.lastSlot] = record;
        counts[this.lastSlot] = (counts[this.lastSlot] ?? 0) + 1;
      }
      if (this.size > this.budget) this.raiseLevel();
    }
  }

  /** Adds a key with a ready label and record count (used when merging). */
  private addLabeled(key: number, count: number, label: string | undefined, records: number): void {
    const done = this.insert(key, count);
    if (done === ADDED && this.labelSlots) this.labelSlots[this.lastSlot] = label;
    if (done !== SKIPPED && this.recordCounts) this.recordCounts[this.lastSlot] = (this.recordCounts[this.lastSlot] ?? 0) + records;
    if (this.size > this.budget) this.raiseLevel();
  }

  /** Slot of the last key `insert` counted or added, so callers can attach a label without allocating a result object. */
  private lastSlot = 0;

  /** Counts the key if it is in the sample (SKIPPED, COUNTED or ADDED). */
  private insert(key: number, count: number): number {
    if (this.pending) this.materialize();
    if (!inSample(key, this.divisor)) return SKIPPED;
    let slot = this.slotOf(key);
    if (this.keys[slot] === key) {
      this.counts[slot] = (this.counts[slot] ?? 0) + count;
      this.lastSlot = slot;
      return COUNTED;
    }
    // Past the budget the table is about to be sampled down: growing it first would only double its peak.
    if ((this.size + 1) * 4 > this.keys.length * 3 && this.size < this.budget) {
      this.resize(this.keys.length * 2);
      slot = this.slotOf(key);
    }
    this.keys[slot] = key;
    this.counts[slot] = count;
    this.size++;
    this.lastSlot = slot;
    return ADDED;
  }

  /** Empties an unsampled table, keeping its capacity (a table refilled to the same size does not grow again). */
  clear(): void {
    this.pending = undefined;
    this.keys.fill(EMPTY);
    this.labelSlots?.fill(undefined);
    this.recordCounts?.fill(0);
    this.recordStamps?.fill(0);
    this.size = 0;
  }

  count(key: number): number {
    if (this.pending) this.materialize();
    const slot = this.slotOf(key);
    return this.keys[slot] === key ? (this.counts[slot] ?? 0) : 0;
  }

  /** 2^level: the weight of each kept key in estimates over all keys. */
  get scale(): number {
    return this.divisor;
  }

  /** Distinct keys: exact while unsampled, else HyperLogLog's estimate (or the sample scaled up without one). */
  distinct(): number {
    if (this.level === 0) return this.size;
    return this.hll ? this.hll.estimate() : this.size * this.divisor;
  }

  /** `records`: the records holding the key (0 in a table made without `records`). */
  forEach(visit: (key: number, count: number, label: string | undefined, records: number) => void): void {
    this.forEachIn(0, this.slots, visit);
  }

  /** Where `forEachIn` can start and end: the table's slots, or the entries of a state not hashed in yet. */
  get slots(): number {
    return this.pending ? this.pending.keys.length : this.keys.length;
  }

  /** `forEach` over the slots [from, to) alone: pieces in order visit the keys `forEach` visits, in its order (pacer.ts). */
  forEachIn(from: number, to: number, visit: (key: number, count: number, label: string | undefined, records: number) => void): void {
    const pending = this.pending;
    if (pending) {
      for (let i = from; i < to; i++) visit(pending.keys[i] ?? 0, pending.counts[i] ?? 0, pending.labels?.[i], pending.records?.[i] ?? 0);
      return;
    }
    const keys = this.keys;
    for (let i = from; i < to; i++) {
      const k = keys[i] ?? EMPTY;
      if (k !== EMPTY) visit(k, this.counts[i] ?? 0, this.labelSlots?.[i], this.recordCounts?.[i] ?? 0);
    }
  }

  merge(other: CountTable): void {
    this.raiseTo(other.level);
    // Room for both first (within the budget): the other table's keys come in its slot order, which packs a
    // smaller table of the same hash into long probe runs; a table at least as large spreads them.
    if (this.pending) this.materialize();
    let capacity = this.keys.length;
    while ((this.size + other.size) * 4 > capacity * 3 && capacity < this.budget * 2) capacity *= 2;
    if (capacity > this.keys.length) this.resize(capacity);
    // An unsampled table holds every key it saw: those keys go into this one's HyperLogLog, if it has one by then.
    const feed = other.hll === undefined;
    other.forEach((key, count, label, records) => {
      if (feed) this.hll?.add(key);
      this.addLabeled(key, count, label, records);
    });
    if (other.hll) (this.hll ?? this.startSketch()).merge(other.hll);
  }

  /** The HyperLogLog of every key so far, built from the table while it still holds them all. */
  private startSketch(): HyperLogLog {
    this.materialize();
    const hll = new HyperLogLog();
    // Loops of the table's own (here, in toState and in raiseLevel), not forEach: each caller's callback that
    // forEachIn met anew made V8 throw its optimised code away and compile it again (OSR'd too, its loop is long),
    // 5-11 times a profile in each thread, for what are a few passes over a table.
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? EMPTY;
      if (key !== EMPTY) hll.add(key);
    }
    this.hll = hll;
    return hll;
  }

  toState(): CountTableState {
    if (this.pending) return { ...this.pending, sketch: this.sketch, hll: this.hll?.registers };
    const keys = new Float64Array(this.size);
    const counts = new Uint32Array(this.size);
    const labels: string[] | undefined = this.labelSlots ? [] : undefined;
    const records = this.recordCounts ? new Uint32Array(this.size) : undefined;
    let j = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i] ?? EMPTY;
      if (key === EMPTY) continue;
      keys[j] = key;
      counts[j] = this.counts[i] ?? 0;
      labels?.push(this.labelSlots?.[i] ?? '');
      if (records) records[j] = this.recordCounts?.[i] ?? 0;
      j++;
    }
    return { keys, counts, labels, records, level: this.level, budget: this.budget, sketch: this.sketch, hll: this.hll?.registers };
  }

  static fromState(state: CountTableState): CountTable {
    const table = new CountTable({ budget: state.budget, labels: state.labels !== undefined, hll: state.sketch, records: state.records !== undefined });
    table.level = state.level;
    table.divisor = 2 ** state.level;
    table.size = state.keys.length;
    table.pending = state;
    if (state.hll) table.hll = new HyperLogLog(state.hll.slice());
    return table;
  }

  /** Hashes a pending state into the table (its keys are distinct and all in the sample at its level). */
  private materialize(): void {
    const state = this.pending;
    if (!state) return;
    this.pending = undefined;
    this.size = 0;
    let capacity = 64;
    while (capacity * 3 < state.keys.length * 4) capacity *= 2;
    this.resize(capacity);
    for (let i = 0; i < state.keys.length; i++) this.addLabeled(state.keys[i] ?? 0, state.counts[i] ?? 0, state.labels?.[i], state.records?.[i] ?? 0);
  }

  private slotOf(key: number): number {
    // Low bits are the sampling bits (constant within the sample); mix the high lane for the slot.
    let h = Math.floor(key / 2048) | 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & this.mask;
    const keys = this.keys;
    for (;;) {
      const k = keys[slot];
      if (k === EMPTY || k === key) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldLabels = this.labelSlots;
    const oldRecords = this.recordCounts;
    const oldStamps = this.recordStamps;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.counts = new Uint32Array(capacity);
    this.labelSlots = oldLabels ? labelSlots(capacity) : undefined;
    // The stamps move with their keys: a table that grows part way through a record still counts that record once.
    const records = oldRecords ? new Uint32Array(capacity) : undefined;
    const stamps = oldStamps ? new Uint32Array(capacity) : undefined;
    this.recordCounts = records;
    this.recordStamps = stamps;
    this.mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] ?? EMPTY;
      if (k === EMPTY || !inSample(k, this.divisor)) continue;
      const slot = this.slotOf(k);
      this.keys[slot] = k;
      this.counts[slot] = oldCounts[i] ?? 0;
      if (this.labelSlots) this.labelSlots[slot] = oldLabels?.[i];
      if (records) records[slot] = oldRecords?.[i] ?? 0;
      if (stamps) stamps[slot] = oldStamps?.[i] ?? 0;
    }
  }

  /** Samples at least at `level` (callers keeping side lists in step with the table). */
  raiseTo(level: number): void {
    if (this.level < level) this.materialize();
    while (this.level < level) this.raiseLevel();
  }

  private raiseLevel(): void {
    this.materialize();
    if (this.sketch && !this.hll) this.startSketch();
    do {
      this.level++;
      this.divisor = 2 ** this.level;
      let kept = 0;
      for (let i = 0; i < this.keys.length; i++) {
        const key = this.keys[i] ?? EMPTY;
        if (key !== EMPTY && inSample(key, this.divisor)) kept++;
      }
      this.size = kept;
    } while (this.size > this.budget && this.level < 52);
    let capacity = 64;
    while (capacity * 3 < this.size * 4) capacity *= 2;
    this.resize(capacity);
  }
}
