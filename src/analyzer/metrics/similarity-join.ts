/**
 * Exact near-duplicate clusters over word-shingle sets: every pair of documents whose shingle sets have a
 * Jaccard similarity of at least `threshold` is found and joined, with no false negatives or positives
 * beyond 32-bit shingle-hash collisions. The MinHash-LSH of minhash.ts finds such a pair with probability
 * 1 - (1 - J^8)^14 (0.5 at J = 0.685); this is what replaces it while a source's shingles fit in memory.
 *
 * Method: prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007, "Scaling up all pairs similarity
 * search"). With every set sorted in one global order (here: by shingle hash), two sets with Jaccard ≥ t
 * share at least ceil(t · max(|x|, |y|)) shingles, so each shares a shingle with the other's first
 * |x| - ceil(t|x|) + 1. Only those prefixes are indexed; documents are visited by increasing size and
 * compared with the smaller ones that share a prefix shingle and are at least t times their size, and each
 * candidate is verified by intersecting the two sorted sets. Identical sets are joined by a hash of the set
 * before the search, and a candidate already in the document's cluster is skipped, so large groups of
 * repeated or templated documents do not make the search quadratic in their size.
 */
import { fmix32 } from './hashing';
import type { ShingleSets } from './shingle-sets';

/** Ranks are packed beside a 32-bit shingle in one exact double (53 bits): at most 2^21 distinct sets. */
const RANK_BITS = 21;
export const MAX_JOIN_SETS = 2 ** RANK_BITS;
const EPSILON = 1e-9;
const EMPTY = new Uint32Array(0);
/** How far below the overlap a pair needs (see joinSimilarSets) a verification may give up. */
const OVERLAP_MARGIN = 1e-6;

export interface JoinOutcome {
  /** False when there were more distinct non-empty sets than MAX_JOIN_SETS: nothing was joined. */
  complete: boolean;
}

/** Shingles of `x` that must be indexed and probed for threshold `t`: |x| - ceil(t|x|) + 1. */
function prefixLength(size: number, t: number): number {
  return Math.max(1, size - Math.ceil(t * size - EPSILON) + 1);
}

/**
 * |x ∩ y| of two sorted runs, or -1 as soon as the shingles left cannot bring it to `need`: most candidates
 * share a common phrase and little else, and are dropped after a fraction of the merge.
 */
function overlap(sx: Uint32Array, x0: number, x1: number, sy: Uint32Array, y0: number, y1: number, need: number): number {
  let o = 0;
  while (x0 < x1 && y0 < y1) {
    const a = sx[x0] ?? 0;
    const b = sy[y0] ?? 0;
    if (a === b) {
      o++;
      x0++;
      y0++;
    } else {
      if (a < b) x0++;
      else y0++;
      if (o + Math.min(x1 - x0, y1 - y0) < need) return -1;
    }
  }
  return o;
}

/**
 * Calls `join(y, x, jaccard)` (y before x in visiting order) for enough pairs with Jaccard ≥ `threshold` to
 * connect every cluster; `together(x, y)` says whether two documents are already in one cluster. Documents
 * with an empty set are never joined here.
 */
export function joinSimilarSets(
  sets: ShingleSets,
  threshold: number,
  together: (x: number, y: number) => boolean,
  join: (y: number, x: number, jaccard: number) => void,
): JoinOutcome {
  const { docs, blockOf, starts, ends, blocks } = sets;
  const start = (d: number): number => starts[d] ?? 0;
  const setOf = (d: number): Uint32Array => blocks[blockOf[d] ?? 0] ?? EMPTY;
  // Identical sets: the first stands for the others, which join it with Jaccard 1.
  const firstWithSet = new Map<number, number>();
  const reps: number[] = [];
  for (let d = 0; d < docs; d++) {
    const s0 = start(d);
    const s1 = ends[d] ?? 0;
    if (s1 === s0) continue;
    const shingles = setOf(d);
    let h = s1 - s0;
    for (let i = s0; i < s1; i++) h = fmix32(h ^ (shingles[i] ?? 0)) + i - s0;
    const first = firstWithSet.get(h);
    if (first !== undefined && sameSet(setOf(first), start(first), ends[first] ?? 0, shingles, s0, s1)) {
      if (!together(first, d)) join(first, d, 1);
      continue;
    }
    if (first === undefined) firstWithSet.set(h, d);
    reps.push(d);
  }
  firstWithSet.clear();
  if (reps.length >= MAX_JOIN_SETS) return { complete: false };
  const size = (d: number): number => (ends[d] ?? 0) - start(d);
  // Visit by increasing size (ties in document order), so every candidate of x was visited before it.
  const order = Float64Array.from(reps, (d) => size(d) * 2 ** 32 + d).sort();
  const byRank = new Uint32Array(order.length);
  for (let r = 0; r < order.length; r++) byRank[r] = (order[r] ?? 0) % 2 ** 32;
  let postings = 0;
  for (const d of byRank) postings += prefixLength(size(d), threshold);
  // Every (prefix shingle, rank) pair, sorted: each shingle's entries sit together, by rank.
  const index = new Float64Array(postings);
  let p = 0;
  for (let r = 0; r < byRank.length; r++) {
    const d = byRank[r] ?? 0;
    const s0 = start(d);
    const shingles = setOf(d);
    const len = prefixLength(size(d), threshold);
    for (let i = 0; i < len; i++) index[p++] = (shingles[s0 + i] ?? 0) * MAX_JOIN_SETS + r;
  }
  index.sort();
  // Where each rank's prefix entries sit in the index, in prefix order (a rank's entries come in shingle order).
  const prefixStart = new Uint32Array(byRank.length + 1);
  for (let r = 0; r < byRank.length; r++) prefixStart[r + 1] = (prefixStart[r] ?? 0) + prefixLength(size(byRank[r] ?? 0), threshold);
  const filled = prefixStart.slice(0, byRank.length);
  const positions = new Uint32Array(postings);
  for (let q = 0; q < postings; q++) {
    const r = (index[q] ?? 0) % MAX_JOIN_SETS;
    const at = filled[r] ?? 0;
    positions[at] = q;
    filled[r] = at + 1;
  }
  const lastVisitor = new Int32Array(byRank.length).fill(-1);
  // A pair reaches Jaccard t exactly when its overlap reaches t(|x| + |y|) / (1 + t); a merge is dropped only
  // OVERLAP_MARGIN below that, far more than the rounding of the division below, so no pair it accepts is lost.
  const overlapShare = threshold / (1 + threshold);
  for (let rx = 0; rx < byRank.length; rx++) {
    const x = byRank[rx] ?? 0;
    const sx = setOf(x);
    const x0 = start(x);
    const x1 = ends[x] ?? 0;
    const nx = x1 - x0;
    const len = prefixLength(nx, threshold);
    const base = prefixStart[rx] ?? 0;
    for (let i = 0; i < len; i++) {
      const group = (sx[x0 + i] ?? 0) * MAX_JOIN_SETS;
      // This document's own entry; the smaller documents sharing the shingle come right before it.
      for (let q = (positions[base + i] ?? 0) - 1; q >= 0; q--) {
        const entry = index[q] ?? 0;
        if (entry < group) break;
        const ry = entry - group;
        const y = byRank[ry] ?? 0;
        const y0 = start(y);
        const y1 = ends[y] ?? 0;
        const ny = y1 - y0;
        // Sizes only fall from here on: a set under t|x| cannot reach Jaccard t with x.
        if (ny < threshold * nx - EPSILON) break;
        if (lastVisitor[ry] === rx) continue;
        lastVisitor[ry] = rx;
        if (together(x, y)) continue;
        const o = overlap(sx, x0, x1, setOf(y), y0, y1, overlapShare * (nx + ny) - OVERLAP_MARGIN);
        if (o < 0) continue;
        const jaccard = o / (nx + ny - o);
        if (jaccard >= threshold) join(y, x, jaccard);
      }
    }
  }
  return { complete: true };
}

function sameSet(sa: Uint32Array, a0: number, a1: number, sb: Uint32Array, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (sa[a0 + i] !== sb[b0 + i]) return false;
  return true;
}
