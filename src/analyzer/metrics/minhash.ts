/**
 * `nearDuplicateRate` by MinHash-LSH with datatrove's defaults (huggingface/datatrove,
 * src/datatrove/pipeline/dedup/minhash.py, `MinhashConfig`): shingles are word 5-grams of lower-cased,
 * punctuation-free text, 14 bands × 8 rows = 112 hashes of 32 bits, so two documents become candidates with
 * probability 1 - (1 - J^8)^14 (the usual LSH threshold (1/14)^(1/8) ≈ 0.72, where it is 0.65; 0.5 at
 * J ≈ 0.685; 0.924 at J = 0.8). Documents without a
 * single shingle (under 5 words) get no signature, as in datatrove. Unlike datatrove, each candidate pair is
 * verified: its estimated Jaccard must reach `threshold` (default 0.72), which removes band collisions of
 * dissimilar documents. Verified pairs are joined by union-find; the rate is (documents in a cluster minus
 * one per cluster) / documents.
 *
 * Verification keeps only the low 8 bits of each minimum (b-bit minwise hashing, Li & König, "b-Bit Minwise
 * Hashing", WWW 2010): two 8-bit values match with probability J + (1 - J) / 256, so with m matches of 112
 * the unbiased estimate is (m / 112 - 1/256) / (1 - 1/256); at J = 0.72 its standard error grows by under 1%
 * over full minima, for a quarter of their memory. Band keys are still computed from the full 32-bit minima
 * when a document arrives, and kept per document so that merging replays them exactly.
 *
 * The 112 hash functions are x -> xorshift16(a_j * x + b_j) mod 2^32 (a_j odd, from a seeded PRNG): cheap
 * bijections on 32-bit shingle hashes, where datatrove uses (a_j x + b_j) mod (2^61 - 1).
 *
 * Memory: signatures of the first `maxDocs` records are kept (MINHASH_BYTES_PER_DOC each with their band
 * keys, band index entries and exact-duplicate key; accumulator.ts sizes `maxDocs` from its memory budget).
 * Merging replays the other chunk's signatures and band keys in order, so merged chunks give exactly the
 * single-pass figures. `exactDuplicateRate` covers all records: a hash of the lower-cased,
 * whitespace-collapsed text counted in a CountTable (a distinct sample above its budget).
 *
 * Every exact duplicate is a near-duplicate (Jaccard 1), so the rate covers every record and never falls
 * below the exact rate: while every record has a signature it is the union-find rate above (exact duplicates
 * share their band keys and join by construction). Past `maxDocs` it is the exact-duplicate rate over all
 * records plus the share of near-but-not-exact duplicates measured on the kept records (their near rate
 * minus their own exact rate, both from their signatures and keys), stated as an estimate with hard bounds in
 * `ci95`: at least the exact rate and the kept records' duplicates, at most that plus every record not kept.
 */
import type { Estimate, NearDuplicatePair, RowRef } from '../../core/profile';
import { CountTable, type CountTableState } from './count-table';
import { LANE_A_SEED, LANE_B_SEED, fmix32, key53, mulberry32, stepA, stepB } from './hashing';
import type { RecordView } from './record';
import { joinSimilarSets } from './similarity-join';
import { isPythonSpace } from './tokenize';
import { classUnit } from './unit';

export const MINHASH_BANDS = 14;
export const MINHASH_ROWS = 8;
export const MINHASH_HASHES = MINHASH_BANDS * MINHASH_ROWS;
export const SHINGLE_WORDS = 5;
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.72;
export const MAX_PAIR_EXAMPLES = 5;
const NO_SIGNATURE = 0xffffffff;
/** Band key of a document without a signature (real keys are non-negative 53-bit integers). */
const NO_BAND_KEY = -1;
/** Probability that the low 8 bits of two different minima agree. */
const BBIT_COLLISION = 1 / 256;
/**
 * Memory per kept document: its 112 low bytes of minima, its 14 band keys, at most 14 band index entries in
 * a table kept at most half full, and its row (file, line, index) and union-find parent. Document arrays
 * grow to `maxDocs` and no further, so this is what the typed arrays hold at the limit.
 */
export const MINHASH_BYTES_PER_DOC =
  MINHASH_HASHES * Uint8Array.BYTES_PER_ELEMENT +
  MINHASH_BANDS * Float64Array.BYTES_PER_ELEMENT +
  MINHASH_BANDS * 2 * Int32Array.BYTES_PER_ELEMENT +
  4 * Int32Array.BYTES_PER_ELEMENT +
  Float64Array.BYTES_PER_ELEMENT;

const PARAMS = (() => {
  const random = mulberry32(1);
  const a = new Int32Array(MINHASH_HASHES);
  const b = new Int32Array(MINHASH_HASHES);
  for (let j = 0; j < MINHASH_HASHES; j++) {
    a[j] = (Math.floor(random() * 4294967296) | 1) | 0;
    b[j] = Math.floor(random() * 4294967296) | 0;
  }
  return { a, b };
})();

export interface MinHashOptions {
  maxDocs: number;
  threshold: number;
  exactBudget: number;
  /**
   * Keep every record's shingle set instead of its signature and find every pair at or above the threshold
   * at the end (similarity-join.ts): the exact rate, for sources within the exact limit. `maxDocs` is then
   * not used.
   */
  exact?: boolean;
}

export interface NearDuplicateState {
  records: number;
  docs: number;
  /** Per document: the low 8 bits of its 112 minima. */
  signatures: Uint8Array;
  /** Per document: its 14 band keys, from the full minima (NO_BAND_KEY without a signature). */
  bandKeys: Float64Array;
  files: string[];
  /** Per document: index into `files`, 1-based line or -1, 0-based index or -1. */
  fileOf: Int32Array;
  lines: Int32Array;
  indices: Int32Array;
  /** Per document: its exact-duplicate key (normalisedKey), for the kept records' own exact rate. */
  exactKeys: Float64Array;
  exact: CountTableState;
  /** Exact mode: every document's sorted shingle hashes, back to back, and where each document's end. */
  shingles?: Uint32Array;
  shingleEnds?: Uint32Array;
}

export interface NearDuplicateFigures {
  nearDuplicateRate: Estimate;
  exactDuplicateRate: Estimate;
  pairs: NearDuplicatePair[];
  /** Records with a signature (the first `maxDocs`); the rate is exact over all records when this is all of them. */
  nearDuplicateRecords: number;
}

/** 32-bit hash of the shingle of SHINGLE_WORDS words starting at word `s`. */
function shingleHash(a: Uint32Array, b: Uint32Array, s: number): number {
  let h = 0x27d4eb2d;
  for (let k = s; k < s + SHINGLE_WORDS; k++) h = Math.imul(h ^ (a[k] ?? 0), 0x01000193) ^ (b[k] ?? 0);
  return fmix32(h);
}

/** Signature of one word sequence into `out` (112 minima); false when it has no shingle. */
export function minhashSignature(a: Uint32Array, b: Uint32Array, length: number, out: Uint32Array): boolean {
  const count = length - SHINGLE_WORDS + 1;
  out.fill(NO_SIGNATURE);
  if (count <= 0) return false;
  const pa = PARAMS.a;
  const pb = PARAMS.b;
  for (let s = 0; s < count; s++) {
    const x = shingleHash(a, b, s) | 0;
    for (let j = 0; j < MINHASH_HASHES; j++) {
      let v = (Math.imul(x, pa[j] ?? 1) + (pb[j] ?? 0)) | 0;
      v ^= v >>> 16;
      if (v >>> 0 < (out[j] ?? 0)) out[j] = v >>> 0;
    }
  }
  return true;
}

function bandKey(sig: Uint32Array, band: number): number {
  let ha = Math.imul(band + 1, 0x9e3779b1);
  let hb = band;
  const start = band * MINHASH_ROWS;
  for (let r = start; r < start + MINHASH_ROWS; r++) {
    const v = sig[r] ?? 0;
    ha = Math.imul(ha ^ v, 0x01000193);
    hb = Math.imul(hb + v, 0x5bd1e995) ^ (hb >>> 15);
  }
  return key53(fmix32(ha), fmix32(hb));
}

export class NearDuplicates {
  private records = 0;
  private docs = 0;
  private signatures = new Uint8Array(MINHASH_HASHES * 64);
  private bandKeys = new Float64Array(MINHASH_BANDS * 64);
  private files: string[] = [];
  private fileIndex = new Map<string, number>();
  private fileOf = new Int32Array(64);
  private lines = new Int32Array(64);
  private indices = new Int32Array(64);
  private exactKeys = new Float64Array(64);
  /**
   * Open-addressing index of band keys: each slot holds, plus one (0: empty), the position in `bandKeys` of
   * the first document with that key; the key itself is read there, so a slot costs 4 bytes, not a copy.
   */
  private buckets = new Int32Array(64);
  private bucketEntries = 0;
  private parent = new Int32Array(64);
  private duplicates = 0;
  private pairs: NearDuplicatePair[] = [];
  private exact: CountTable;
  private readonly scratch = new Uint32Array(MINHASH_HASHES);
  private readonly scratchBits = new Uint8Array(MINHASH_HASHES);
  private readonly scratchKeys = new Float64Array(MINHASH_BANDS);
  private readonly candidates: number[] = [];
  /** Exact mode: the documents' shingle sets (see NearDuplicateState). */
  private shingles: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private shingleCount = 0;
  private shingleEnds: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  /** Exact mode: whether the join found every pair (false past MAX_JOIN_SETS distinct sets). */
  private joined: boolean | undefined;
  /** Exact mode: the documents the last join covered, so finish does not join again after settle. */
  private joinedDocs = -1;
  /**
   * A state not yet replayed into the band tables: a chunk's state is usually only merged into another
   * accumulator, which replays its documents itself, so fromState defers the work until it is needed.
   */
  private pending: NearDuplicateState | undefined;

  constructor(private readonly options: MinHashOptions) {
    this.exact = new CountTable({ budget: options.exactBudget });
  }

  add(record: RecordView): void {
    this.replay();
    this.records++;
    const key = normalisedKey(record.lower());
    this.exact.add(key);
    if (this.options.exact) {
      this.addShingleSet(record.words());
      this.storeDocument(record.row, key);
      return;
    }
    if (this.docs >= this.options.maxDocs) return;
    const t = record.words();
    const sig = this.scratch;
    if (minhashSignature(t.a, t.b, t.length, sig)) {
      for (let band = 0; band < MINHASH_BANDS; band++) this.scratchKeys[band] = bandKey(sig, band);
    } else {
      this.scratchKeys.fill(NO_BAND_KEY);
    }
    for (let j = 0; j < MINHASH_HASHES; j++) this.scratchBits[j] = (sig[j] ?? 0) & 0xff;
    this.addDocument(this.scratchBits, this.scratchKeys, 0, record.row, key);
  }

  /** Exact mode: appends the sorted, de-duplicated shingle hashes of one document's words. */
  private addShingleSet(t: { a: Uint32Array; b: Uint32Array; length: number }): void {
    const count = Math.max(0, t.length - SHINGLE_WORDS + 1);
    if (this.shingleCount + count > this.shingles.length) this.shingles = grownTo(this.shingles, this.shingleCount + count);
    const own = this.shingles.subarray(this.shingleCount, this.shingleCount + count);
    for (let s = 0; s < count; s++) own[s] = shingleHash(t.a, t.b, s);
    own.sort();
    let kept = 0;
    for (let i = 0; i < count; i++) if (i === 0 || own[i] !== own[i - 1]) own[kept++] = own[i] ?? 0;
    this.shingleCount += kept;
    this.pushShingleEnd();
  }

  private pushShingleEnd(): void {
    if (this.docs >= this.shingleEnds.length) this.shingleEnds = grownTo(this.shingleEnds, this.docs + 1);
    this.shingleEnds[this.docs] = this.shingleCount;
  }

  /** Exact mode: the row and exact key of the document whose shingles were just appended. */
  private storeDocument(row: RowRef | { file: number; line: number; index: number }, exactKey: number): void {
    this.ensureCapacity();
    const own = this.docs++;
    this.exactKeys[own] = exactKey;
    this.storeRow(own, row);
  }

  private ensureCapacity(): void {
    if (this.docs < this.lines.length) return;
    // Callers add documents only below maxDocs, so this always grows; never past maxDocs keeps the per-doc figure true.
    const size = this.options.exact ? this.lines.length * 2 : Math.min(this.lines.length * 2, this.options.maxDocs);
    const grow32 = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.fileOf = grow32(this.fileOf);
    this.lines = grow32(this.lines);
    this.indices = grow32(this.indices);
    this.parent = grow32(this.parent);
    const exactKeys = new Float64Array(size);
    exactKeys.set(this.exactKeys);
    this.exactKeys = exactKeys;
    if (this.options.exact) return;
    const sigs = new Uint8Array(size * MINHASH_HASHES);
    sigs.set(this.signatures);
    this.signatures = sigs;
    const keys = new Float64Array(size * MINHASH_BANDS);
    keys.set(this.bandKeys);
    this.bandKeys = keys;
  }

  /** Adds the document whose 8-bit minima and band keys start at document `doc` of `bits` and `keys`. */
  private addDocument(
    bits: Uint8Array,
    keys: Float64Array,
    doc: number,
    row: RowRef | { file: number; line: number; index: number },
    exactKey: number,
  ): void {
    this.ensureCapacity();
    const own = this.docs++;
    this.exactKeys[own] = exactKey;
    this.signatures.set(bits.subarray(doc * MINHASH_HASHES, (doc + 1) * MINHASH_HASHES), own * MINHASH_HASHES);
    this.bandKeys.set(keys.subarray(doc * MINHASH_BANDS, (doc + 1) * MINHASH_BANDS), own * MINHASH_BANDS);
    this.parent[own] = own;
    this.storeRow(own, row);
    if (this.bandKeys[own * MINHASH_BANDS] === NO_BAND_KEY) return;
    const candidates = this.candidates;
    candidates.length = 0;
    for (let band = 0; band < MINHASH_BANDS; band++) {
      const first = this.firstWithBandKey(own * MINHASH_BANDS + band);
      if (first >= 0 && !candidates.includes(first)) candidates.push(first);
    }
    for (const other of candidates) {
      const jaccard = this.estimatedJaccard(other, own);
      if (jaccard < this.options.threshold) continue;
      this.join(other, own, jaccard);
    }
  }

  /**
   * The first document with the band key at `position` of `bandKeys`, or -1 when this document is the first
   * (its position is then indexed).
   */
  private firstWithBandKey(position: number): number {
    if ((this.bucketEntries + 1) * 2 > this.buckets.length) this.growBuckets();
    const slot = this.bucketSlot(this.bandKeys[position] ?? NO_BAND_KEY);
    const entry = this.buckets[slot] ?? 0;
    if (entry !== 0) return Math.floor((entry - 1) / MINHASH_BANDS);
    this.buckets[slot] = position + 1;
    this.bucketEntries++;
    return -1;
  }

  /** Slot holding `key`, or the empty slot where it belongs. */
  private bucketSlot(key: number): number {
    const buckets = this.buckets;
    const mask = buckets.length - 1;
    // Band keys are fmix32 outputs: their low 32 bits are already well mixed.
    let slot = (key >>> 0) & mask;
    for (;;) {
      const entry = buckets[slot] ?? 0;
      if (entry === 0 || this.bandKeys[entry - 1] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private growBuckets(): void {
    const old = this.buckets;
    this.buckets = new Int32Array(old.length * 2);
    for (const entry of old) if (entry !== 0) this.buckets[this.bucketSlot(this.bandKeys[entry - 1] ?? NO_BAND_KEY)] = entry;
  }

  private storeRow(doc: number, row: RowRef | { file: number; line: number; index: number }): void {
    if (typeof row.file === 'number') {
      this.fileOf[doc] = row.file;
    } else {
      let f = this.fileIndex.get(row.file);
      if (f === undefined) {
        f = this.files.length;
        this.files.push(row.file);
        this.fileIndex.set(row.file, f);
      }
      this.fileOf[doc] = f;
    }
    this.lines[doc] = row.line ?? -1;
    this.indices[doc] = row.index ?? -1;
  }

  private rowOf(doc: number): RowRef {
    const row: RowRef = { file: this.files[this.fileOf[doc] ?? 0] ?? '' };
    const line = this.lines[doc] ?? -1;
    const index = this.indices[doc] ?? -1;
    if (line >= 0) row.line = line;
    if (index >= 0) row.index = index;
    return row;
  }

  /** Unbiased b-bit estimate of the Jaccard similarity (Li & König 2010); below 0 when fewer bytes match than chance. */
  private estimatedJaccard(x: number, y: number): number {
    const s = this.signatures;
    const ox = x * MINHASH_HASHES;
    const oy = y * MINHASH_HASHES;
    let same = 0;
    for (let j = 0; j < MINHASH_HASHES; j++) if (s[ox + j] === s[oy + j]) same++;
    return (same / MINHASH_HASHES - BBIT_COLLISION) / (1 - BBIT_COLLISION);
  }

  private find(x: number): number {
    const p = this.parent;
    while ((p[x] ?? x) !== x) {
      const up = p[p[x] ?? x] ?? x;
      p[x] = up;
      x = up;
    }
    return x;
  }

  /** Joins two clusters; true when they were separate (one more duplicate). */
  private union(x: number, y: number): boolean {
    const rx = this.find(x);
    const ry = this.find(y);
    if (rx === ry) return false;
    if (rx < ry) this.parent[ry] = rx;
    else this.parent[rx] = ry;
    this.duplicates++;
    return true;
  }

  merge(other: NearDuplicates): void {
    this.replay();
    this.records += other.records;
    this.exact.merge(other.exact);
    const theirs: Omit<NearDuplicateState, 'records' | 'exact'> = other.pending ?? {
      docs: other.docs,
      signatures: other.signatures,
      bandKeys: other.bandKeys,
      files: other.files,
      fileOf: other.fileOf,
      lines: other.lines,
      indices: other.indices,
      exactKeys: other.exactKeys,
      shingles: other.shingles.subarray(0, other.shingleCount),
      shingleEnds: other.shingleEnds,
    };
    const remap = theirs.files.map((file) => {
      let f = this.fileIndex.get(file);
      if (f === undefined) {
        f = this.files.length;
        this.files.push(file);
        this.fileIndex.set(file, f);
      }
      return f;
    });
    if (this.options.exact) {
      this.appendShingleSets(theirs, (f) => remap[f] ?? 0);
      return;
    }
    for (let d = 0; d < theirs.docs && this.docs < this.options.maxDocs; d++) {
      this.addDocument(theirs.signatures, theirs.bandKeys, d, {
        file: remap[theirs.fileOf[d] ?? 0] ?? 0,
        line: theirs.lines[d] ?? -1,
        index: theirs.indices[d] ?? -1,
      }, theirs.exactKeys[d] ?? 0);
    }
  }

  /** Exact mode: appends another chunk's documents (their shingle sets, rows and exact keys) after these. */
  private appendShingleSets(theirs: Omit<NearDuplicateState, 'records' | 'exact'>, fileIndex: (d: number) => number): void {
    const ends = theirs.shingleEnds ?? new Uint32Array(0);
    const shingles = theirs.shingles ?? new Uint32Array(0);
    const total = theirs.docs === 0 ? 0 : (ends[theirs.docs - 1] ?? 0);
    if (this.shingleCount + total > this.shingles.length) this.shingles = grownTo(this.shingles, this.shingleCount + total);
    this.shingles.set(shingles.subarray(0, total), this.shingleCount);
    const base = this.shingleCount;
    for (let d = 0; d < theirs.docs; d++) {
      this.shingleCount = base + (ends[d] ?? 0);
      this.pushShingleEnd();
      this.storeDocument({ file: fileIndex(theirs.fileOf[d] ?? 0), line: theirs.lines[d] ?? -1, index: theirs.indices[d] ?? -1 }, theirs.exactKeys[d] ?? 0);
    }
  }

  toState(): NearDuplicateState {
    this.replay();
    return {
      records: this.records,
      docs: this.docs,
      signatures: this.signatures.slice(0, this.docs * MINHASH_HASHES),
      bandKeys: this.bandKeys.slice(0, this.docs * MINHASH_BANDS),
      files: this.files.slice(),
      fileOf: this.fileOf.slice(0, this.docs),
      lines: this.lines.slice(0, this.docs),
      indices: this.indices.slice(0, this.docs),
      exactKeys: this.exactKeys.slice(0, this.docs),
      exact: this.exact.toState(),
      ...(this.options.exact ? { shingles: this.shingles.slice(0, this.shingleCount), shingleEnds: this.shingleEnds.slice(0, this.docs) } : {}),
    };
  }

  static fromState(state: NearDuplicateState, options: MinHashOptions): NearDuplicates {
    const n = new NearDuplicates(options);
    n.records = state.records;
    n.exact = CountTable.fromState(state.exact);
    n.pending = state;
    return n;
  }

  private replay(): void {
    const state = this.pending;
    if (!state) return;
    this.pending = undefined;
    for (const file of state.files) {
      this.fileIndex.set(file, this.files.length);
      this.files.push(file);
    }
    if (this.options.exact) {
      this.appendShingleSets(state, (f) => f);
      return;
    }
    for (let d = 0; d < state.docs; d++) {
      this.addDocument(state.signatures, state.bandKeys, d, {
        file: state.fileOf[d] ?? 0,
        line: state.lines[d] ?? -1,
        index: state.indices[d] ?? -1,
      }, state.exactKeys[d] ?? 0);
    }
  }

  /** Exact mode: joins exact duplicates, then every pair of documents at or above the threshold (once). */
  private joinAll(): void {
    // From scratch each time: finish can be called again after more records came in.
    for (let d = 0; d < this.docs; d++) this.parent[d] = d;
    this.duplicates = 0;
    this.pairs = [];
    const firstWithKey = new Map<number, number>();
    for (let d = 0; d < this.docs; d++) {
      const key = this.exactKeys[d] ?? 0;
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, d);
      else this.join(first, d, 1);
    }
    firstWithKey.clear();
    const sets = { docs: this.docs, ends: this.shingleEnds, shingles: this.shingles };
    const outcome = joinSimilarSets(sets, this.options.threshold, (x, y) => this.find(x) === this.find(y), (y, x, jaccard) => this.join(y, x, jaccard));
    this.joined = outcome.complete;
    this.joinedDocs = this.docs;
  }

  /** Exact mode: the join, ahead of finish, while the compression thread finishes (MetricUnit.settle). */
  settle(): Promise<void> {
    this.replay();
    if (this.options.exact) this.joinAll();
    return Promise.resolve();
  }

  /** Joins two documents' clusters, keeping the first pairs that joined two clusters as examples. */
  private join(x: number, y: number, jaccard: number): void {
    if (this.union(x, y) && this.pairs.length < MAX_PAIR_EXAMPLES) this.pairs.push({ a: this.rowOf(x), b: this.rowOf(y), jaccard });
  }

  finish(): NearDuplicateFigures {
    this.replay();
    if (this.options.exact && this.joinedDocs !== this.docs) this.joinAll();
    let exactDuplicates = 0;
    this.exact.forEach((_key, count) => {
      exactDuplicates += count - 1;
    });
    const exactRate = this.records === 0 ? 0 : Math.min(1, (exactDuplicates * this.exact.scale) / this.records);
    return {
      nearDuplicateRate: this.nearRate(exactRate),
      exactDuplicateRate: { value: exactRate },
      pairs: this.pairs.slice(),
      nearDuplicateRecords: this.docs,
    };
  }

  /** The near-duplicate rate over every record, never below `exactRate` (see the file comment). */
  private nearRate(exactRate: number): Estimate {
    // More distinct sets than the join can rank: only exact duplicates were joined, a lower bound.
    if (this.joined === false) return { value: exactRate, ci95: [exactRate, 1] };
    if (this.docs === this.records) return { value: this.records === 0 ? 0 : Math.max(exactRate, this.duplicates / this.docs) };
    const seen = new Set<number>();
    let keptExact = 0;
    for (let d = 0; d < this.docs; d++) {
      const key = this.exactKeys[d] ?? 0;
      if (seen.has(key)) keptExact++;
      else seen.add(key);
    }
    // The kept records see fewer partners than all records do, so this runs low (docs/metrics.md has the figures).
    const estimate = exactRate + (this.docs === 0 ? 0 : (this.duplicates - keptExact) / this.docs);
    const low = Math.max(exactRate, this.duplicates / this.records);
    const high = Math.min(1, Math.max(low, (this.duplicates + this.records - this.docs) / this.records));
    return { value: Math.min(high, Math.max(low, estimate)), ci95: [low, high] };
  }
}

/** Key of the lower-cased text with whitespace runs collapsed and trimmed, for exact duplicates. */
export function normalisedKey(lower: string): number {
  let a = LANE_A_SEED;
  let b = LANE_B_SEED;
  let pendingSpace = false;
  let started = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isPythonSpace(c)) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) {
      a = stepA(a, 32);
      b = stepB(b, 32);
      pendingSpace = false;
    }
    started = true;
    a = stepA(a, c);
    b = stepB(b, c);
  }
  return key53(fmix32(a), fmix32(b));
}

export const nearDuplicatesUnit = classUnit<NearDuplicates, NearDuplicateState, { minhash: MinHashOptions }>({
  name: 'nearDuplicates',
  create: (o) => new NearDuplicates(o.minhash),
  fromState: (state, o) => NearDuplicates.fromState(state, o.minhash),
  settle: (m) => m.settle(),
  finish(m) {
    const { nearDuplicateRate, exactDuplicateRate, pairs, nearDuplicateRecords } = m.finish();
    return {
      metrics: { nearDuplicateRate, exactDuplicateRate, nearDuplicateRecords },
      profile: { nearDuplicatePairs: pairs },
      estimated: nearDuplicateRate.ci95 ? ['nearDuplicateRate'] : [],
    };
  },
  off: { metrics: { nearDuplicateRate: { value: 0 }, exactDuplicateRate: { value: 0 } }, profile: { nearDuplicatePairs: [] } },
});

/** A copy of `array` with room for at least `size` elements (doubling). */
function grownTo(array: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  let capacity = Math.max(64, array.length);
  while (capacity < size) capacity *= 2;
  const grown = new Uint32Array(capacity);
  grown.set(array);
  return grown;
}
