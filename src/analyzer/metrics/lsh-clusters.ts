/**
 * Near-duplicate clusters of every stored document by MinHash-LSH (minhash-signature.ts), in bounded memory
 * whatever the number of documents. Each document is a DOC_RECORD_BYTES record (spill-records.ts): its b-bit
 * signature, its exact-duplicate key and its row. Two passes:
 *
 * 1. The records are read in order and every (band key, document) and (exact key, document) pair is written to
 *    runs partitioned by key (spill-runs.ts): in memory when they fit, in temporary files otherwise.
 * 2. One partition at a time, each key's documents arrive in document order (runs in order, each partition of a
 *    run in its records' order). The first document with a band key is the candidate of every later one; a
 *    candidate pair is verified by its estimated Jaccard (the two signatures read by document number) and
 *    joined when it reaches the threshold. Documents with the same exact key join without verification (an
 *    exact duplicate is a near-duplicate, also under 5 words), so the rate is never below the exact rate.
 *
 * The candidate pairs are those of an index that sees the documents one by one (each against the first
 * document of each of its bands), so the clusters are the same as that in-memory LSH's; a pair already in one
 * cluster is not verified again. The order of work depends only on the documents, never on how they were
 * chunked or spilled, so the example pairs are the same for any chunking.
 */
import { CountTable } from './count-table';
import { MINHASH_BANDS, MINHASH_HASHES, bandKey, bbitJaccard } from './minhash-signature';
import type { Work } from './pacer';
import { deleteRuns, PARTITIONS, RunReader, RunWriter, type SpillRun } from './spill-runs';
import type { SpilledRecords } from './spill-records';
import { UnionFind } from './union-find';

/** A document's record: 112 signature bytes, its exact key (float64 at 112), line and index (int32 at 120, 124). */
export const DOC_RECORD_BYTES = 128;
export const EXACT_KEY_AT = MINHASH_HASHES;
export const LINE_AT = EXACT_KEY_AT + 8;
export const INDEX_AT = LINE_AT + 4;
/**
 * The signature bytes of a document without one (under 5 words): all 0xff, the low bytes of minima of an empty
 * set. A real signature is all 0xff with probability 2^-896.
 */
export const NO_SIGNATURE_BYTE = 0xff;

/** A CountTable budget never reached: the table maps keys to their first document (plus one), all of them. */
const EVERY_KEY = 2 ** 31;

/** A pair that joined two clusters: x before y in document order. */
export interface ClusterPair {
  x: number;
  y: number;
  jaccard: number;
}

export interface LshClusters {
  /** Documents minus clusters: what a deduplication would drop. */
  duplicates: number;
  /** The `examples` pairs that joined two clusters earliest in document order (by y, then x). */
  pairs: ClusterPair[];
}

export function hasSignature(record: Uint8Array, at: number): boolean {
  for (let j = at; j < at + MINHASH_HASHES; j++) if (record[j] !== NO_SIGNATURE_BYTE) return true;
  return false;
}

/**
 * Clusters of the documents of `docs` at estimated Jaccard ≥ `threshold`; `memoryKeys`: pairs of pass 1 held in
 * memory. As Work (pacer.ts): pass 1 a block of documents at a time, pass 2 a partition at a time; on the pool's
 * thread at a source's end this was one step, minutes at 2 GB with `--full`. Stopped part way, its runs are deleted.
 */
export function* lshClustering(docs: SpilledRecords, threshold: number, memoryKeys: number, examples: number): Work<LshClusters> {
  const bandWriter = new RunWriter(memoryKeys);
  const exactWriter = new RunWriter(Math.ceil(memoryKeys / MINHASH_BANDS));
  let runs: { exact: SpillRun[]; band: SpillRun[] } | undefined;
  const clusters = new UnionFind(docs.length);
  const pairs = new EarliestPairs(examples);
  const join = (x: number, y: number, jaccard: number): void => {
    if (clusters.union(x, y)) pairs.offer(x, y, jaccard);
  };
  const x = new Uint8Array(DOC_RECORD_BYTES);
  const y = new Uint8Array(DOC_RECORD_BYTES);
  let inX = -1;
  const verify = (first: number, doc: number): void => {
    if (clusters.together(first, doc)) return;
    if (inX !== first) docs.read(first, x);
    inX = first;
    docs.read(doc, y);
    const jaccard = bbitJaccard(x, 0, y, 0);
    if (jaccard >= threshold) join(first, doc, jaccard);
  };
  const buffer = docs.blockBuffer();
  try {
    yield {
      count: docs.blocks,
      run: (from, to) => {
        for (let b = from; b < to; b++) {
          const { block, first } = docs.block(b, buffer);
          const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
          for (let r = 0, at = 0; at < block.length; r++, at += DOC_RECORD_BYTES) {
            exactWriter.push(view.getFloat64(at + EXACT_KEY_AT, true), first + r);
            if (!hasSignature(block, at)) continue;
            for (let band = 0; band < MINHASH_BANDS; band++) bandWriter.push(bandKey(block, at, band), first + r);
          }
        }
      },
    };
    runs = { exact: exactWriter.finish(), band: bandWriter.finish() };
    yield* keyGroups(runs.exact, (first, doc) => join(first, doc, 1));
    yield* keyGroups(runs.band, verify);
  } finally {
    docs.closeReads();
    deleteRuns(runs ? [...runs.exact, ...runs.band] : [...exactWriter.abandon(), ...bandWriter.abandon()]);
  }
  return { duplicates: clusters.joined, pairs: pairs.list };
}

/** Calls `pair(first, doc)` for every record whose key an earlier document had, `first` the earliest such document; as Work, a partition at a time. */
function* keyGroups(runs: SpillRun[], pair: (first: number, doc: number) => void): Work<void> {
  const firstWithKey = new CountTable({ budget: EVERY_KEY });
  const reader = new RunReader(runs);
  try {
    yield {
      count: PARTITIONS,
      run: (from, to) => {
        for (let p = from; p < to; p++) {
          firstWithKey.clear();
          for (const { keys, values } of reader.parts(p)) {
            for (let i = 0; i < keys.length; i++) {
              const key = keys[i] ?? 0;
              const doc = values[i] ?? 0;
              const first = firstWithKey.count(key);
              if (first === 0) firstWithKey.add(key, doc + 1);
              else pair(first - 1, doc);
            }
          }
        }
      },
    };
  } finally {
    reader.close();
  }
}

/** The `size` pairs earliest by (y, x) among those offered. */
class EarliestPairs {
  readonly list: ClusterPair[] = [];

  constructor(private readonly size: number) {}

  offer(x: number, y: number, jaccard: number): void {
    const list = this.list;
    const last = list[list.length - 1];
    if (list.length === this.size && last && (last.y < y || (last.y === y && last.x < x))) return;
    let at = list.length;
    while (at > 0 && isLater(list[at - 1], x, y)) at--;
    list.splice(at, 0, { x, y, jaccard });
    if (list.length > this.size) list.pop();
  }
}

function isLater(pair: ClusterPair | undefined, x: number, y: number): boolean {
  return pair !== undefined && (pair.y > y || (pair.y === y && pair.x > x));
}
