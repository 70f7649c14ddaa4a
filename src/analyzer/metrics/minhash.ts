/**
 * `nearDuplicateRate` by MinHash-LSH with datatrove's defaults (huggingface/datatrove,
 * src/datatrove/pipeline/dedup/minhash.py, `MinhashConfig`): shingles are word 5-grams of lower-cased,
 * punctuation-free text, 14 bands × 8 rows = 112 hashes of 32 bits, so two documents become candidates with
 * probability 1 - (1 - J^8)^14 (the usual LSH threshold (1/14)^(1/8) ≈ 0.72, where it is 0.65; 0.5 at
 * J ≈ 0.685; 0.924 at J = 0.8). Documents without a
 * single shingle (under 5 words) get no signature, as in datatrove. Unlike datatrove, each candidate pair is
 * verified: its estimated Jaccard (matching minima / 112) must reach `threshold` (default 0.72), which
 * removes band collisions of dissimilar documents. Verified pairs are joined by union-find; the rate is
 * (documents in a cluster minus one per cluster) / documents.
 *
 * The 112 hash functions are x -> xorshift16(a_j * x + b_j) mod 2^32 (a_j odd, from a seeded PRNG): cheap
 * bijections on 32-bit shingle hashes, where datatrove uses (a_j x + b_j) mod (2^61 - 1).
 *
 * Memory: signatures of the first `maxDocs` records are kept (MINHASH_BYTES_PER_DOC each with their band
 * entries; accumulator.ts sizes `maxDocs` from its memory budget), and the rate is over those records. Merging replays the other chunk's signatures in order, so merged chunks give
 * exactly the single-pass figures. `exactDuplicateRate` covers all records: a hash of the lower-cased,
 * whitespace-collapsed text counted in a CountTable (a distinct sample above its budget).
 */
import type { Estimate, NearDuplicatePair, RowRef } from '../../core/profile';
import { COUNT_TABLE_BYTES_PER_KEY, CountTable, type CountTableState } from './count-table';
import { LANE_A_SEED, LANE_B_SEED, fmix32, key53, mulberry32, stepA, stepB } from './hashing';
import type { RecordView } from './record';
import { isPythonSpace } from './tokenize';

export const MINHASH_BANDS = 14;
export const MINHASH_ROWS = 8;
export const MINHASH_HASHES = MINHASH_BANDS * MINHASH_ROWS;
export const SHINGLE_WORDS = 5;
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.72;
export const MAX_PAIR_EXAMPLES = 5;
const NO_SIGNATURE = 0xffffffff;
/** Memory per kept document: its 112 minima (448 bytes), 14 band keys in a half-full table, row and parent. */
export const MINHASH_BYTES_PER_DOC = MINHASH_HASHES * 4 + MINHASH_BANDS * COUNT_TABLE_BYTES_PER_KEY + 16;

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
}

export interface NearDuplicateState {
  records: number;
  docs: number;
  signatures: Uint32Array;
  files: string[];
  /** Per document: index into `files`, 1-based line or -1, 0-based index or -1. */
  fileOf: Int32Array;
  lines: Int32Array;
  indices: Int32Array;
  exact: CountTableState;
}

export interface NearDuplicateFigures {
  nearDuplicateRate: Estimate;
  exactDuplicateRate: Estimate;
  pairs: NearDuplicatePair[];
  /** Records the near-duplicate rate covers (the first `maxDocs`). */
  nearDuplicateRecords: number;
}

/** Signature of one word sequence into `out` (112 minima); false when it has no shingle. */
export function minhashSignature(a: Uint32Array, b: Uint32Array, length: number, out: Uint32Array): boolean {
  const count = length - SHINGLE_WORDS + 1;
  out.fill(NO_SIGNATURE);
  if (count <= 0) return false;
  const pa = PARAMS.a;
  const pb = PARAMS.b;
  for (let s = 0; s < count; s++) {
    let h = 0x27d4eb2d;
    for (let k = s; k < s + SHINGLE_WORDS; k++) h = Math.imul(h ^ (a[k] ?? 0), 0x01000193) ^ (b[k] ?? 0);
    const x = fmix32(h) | 0;
    for (let j = 0; j < MINHASH_HASHES; j++) {
      let v = (Math.imul(x, pa[j] ?? 1) + (pb[j] ?? 0)) | 0;
      v ^= v >>> 16;
      if (v >>> 0 < (out[j] ?? 0)) out[j] = v >>> 0;
    }
  }
  return true;
}

function bandKey(sig: Uint32Array, offset: number, band: number): number {
  let ha = Math.imul(band + 1, 0x9e3779b1);
  let hb = band;
  const start = offset + band * MINHASH_ROWS;
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
  private signatures = new Uint32Array(MINHASH_HASHES * 64);
  private files: string[] = [];
  private fileIndex = new Map<string, number>();
  private fileOf = new Int32Array(64);
  private lines = new Int32Array(64);
  private indices = new Int32Array(64);
  /** Band key -> first document with it, plus one (0: none); a typed table, not a Map of boxed 53-bit keys. */
  private buckets = new CountTable({ budget: 2 ** 31 });
  private parent = new Int32Array(64);
  private duplicates = 0;
  private pairs: NearDuplicatePair[] = [];
  private exact: CountTable;
  private readonly scratch = new Uint32Array(MINHASH_HASHES);
  private readonly candidates: number[] = [];
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
    this.exact.add(normalisedKey(record.lower()));
    if (this.docs >= this.options.maxDocs) return;
    const t = record.words();
    minhashSignature(t.a, t.b, t.length, this.scratch);
    this.addDocument(this.scratch, 0, record.row);
  }

  private ensureCapacity(): void {
    if (this.docs < this.lines.length) return;
    const size = this.lines.length * 2;
    const grow32 = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.fileOf = grow32(this.fileOf);
    this.lines = grow32(this.lines);
    this.indices = grow32(this.indices);
    this.parent = grow32(this.parent);
    const sigs = new Uint32Array(size * MINHASH_HASHES);
    sigs.set(this.signatures);
    this.signatures = sigs;
  }

  private addDocument(sig: Uint32Array, offset: number, row: RowRef | { file: number; line: number; index: number }): void {
    this.ensureCapacity();
    const doc = this.docs++;
    this.signatures.set(sig.subarray(offset, offset + MINHASH_HASHES), doc * MINHASH_HASHES);
    this.parent[doc] = doc;
    this.storeRow(doc, row);
    if (sig[offset] === NO_SIGNATURE) return;
    const own = doc * MINHASH_HASHES;
    const candidates = this.candidates;
    candidates.length = 0;
    for (let band = 0; band < MINHASH_BANDS; band++) {
      const key = bandKey(this.signatures, own, band);
      const first = this.buckets.count(key) - 1;
      if (first < 0) this.buckets.add(key, doc + 1);
      else if (!candidates.includes(first)) candidates.push(first);
    }
    for (const other of candidates) {
      const jaccard = this.estimatedJaccard(other, doc);
      if (jaccard < this.options.threshold) continue;
      if (this.union(other, doc) && this.pairs.length < MAX_PAIR_EXAMPLES) {
        this.pairs.push({ a: this.rowOf(other), b: this.rowOf(doc), jaccard });
      }
    }
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

  private estimatedJaccard(x: number, y: number): number {
    const s = this.signatures;
    const ox = x * MINHASH_HASHES;
    const oy = y * MINHASH_HASHES;
    let same = 0;
    for (let j = 0; j < MINHASH_HASHES; j++) if (s[ox + j] === s[oy + j]) same++;
    return same / MINHASH_HASHES;
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
      files: other.files,
      fileOf: other.fileOf,
      lines: other.lines,
      indices: other.indices,
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
    for (let d = 0; d < theirs.docs && this.docs < this.options.maxDocs; d++) {
      this.addDocument(theirs.signatures, d * MINHASH_HASHES, {
        file: remap[theirs.fileOf[d] ?? 0] ?? 0,
        line: theirs.lines[d] ?? -1,
        index: theirs.indices[d] ?? -1,
      });
    }
  }

  toState(): NearDuplicateState {
    this.replay();
    return {
      records: this.records,
      docs: this.docs,
      signatures: this.signatures.slice(0, this.docs * MINHASH_HASHES),
      files: this.files.slice(),
      fileOf: this.fileOf.slice(0, this.docs),
      lines: this.lines.slice(0, this.docs),
      indices: this.indices.slice(0, this.docs),
      exact: this.exact.toState(),
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
    for (let d = 0; d < state.docs; d++) {
      this.addDocument(state.signatures, d * MINHASH_HASHES, {
        file: state.fileOf[d] ?? 0,
        line: state.lines[d] ?? -1,
        index: state.indices[d] ?? -1,
      });
    }
  }

  finish(): NearDuplicateFigures {
    this.replay();
    let exactDuplicates = 0;
    this.exact.forEach((_key, count) => {
      exactDuplicates += count - 1;
    });
    return {
      nearDuplicateRate: { value: this.docs === 0 ? 0 : this.duplicates / this.docs },
      exactDuplicateRate: { value: this.records === 0 ? 0 : Math.min(1, (exactDuplicates * this.exact.scale) / this.records) },
      pairs: this.pairs.slice(),
      nearDuplicateRecords: this.docs,
    };
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
