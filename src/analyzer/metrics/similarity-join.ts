/**
 * Exact near-duplicate clusters over word-shingle sets: every pair of documents whose shingle sets have a
 * Jaccard similarity of at least `threshold` is found and joined, with no false negatives or positives
 * beyond 32-bit shingle-hash collisions. The MinHash-LSH of minhash.ts finds such a pair with probability
 * 1 - (1 - J^8)^14 (0.5 at J = 0.685); this is what replaces it while a source's shingles fit in memory.
 *
 * Method: prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007, "Scaling up all pairs similarity
 * search"). With every set sorted in one global order (here: by shingle hash), two sets with Jaccard ≥ t
 * share at least ceil(t · max(|x|, |y|)) shingles, so each shares a shingle with the other's first
 * |x| - ceil(t|x|) + 1. Documents are visited by increasing size, so each is met only by larger ones, and a shorter
 * prefix of it is indexed (indexPrefixLength); each probes its prefix and is
 * compared with the smaller ones that share a prefix shingle and are at least t times their size, and each
 * candidate is verified by intersecting the two sorted sets. Identical sets are joined by a hash of the set
 * before the search, and a candidate already in the document's cluster is skipped, so large groups of
 * repeated or templated documents do not make the search quadratic in their size.
 */
import { fmix32 } from './hashing';
import type { Span, Work } from './pacer';
import { sharedArray } from './shared-arrays';
import type { ShingleSets } from './shingle-sets';
import { UnionFind } from './union-find';

/** Ranks are packed beside a 32-bit shingle in one exact double (53 bits): at most 2^21 distinct sets. */
const RANK_BITS = 21;
export const MAX_JOIN_SETS = 2 ** RANK_BITS;
const EPSILON = 1e-9;
const EMPTY = new Uint32Array(0);
/** How far below the overlap a pair needs (see probeRanks) a verification may give up. */
const OVERLAP_MARGIN = 1e-6;

/** Shingles of `x` that must be probed for threshold `t`: |x| - ceil(t|x|) + 1. */
function prefixLength(size: number, t: number): number {
  return Math.max(1, size - Math.ceil(t * size - EPSILON) + 1);
}

/**
 * Shingles of `y` that must be indexed for threshold `t`: |y| - ceil(2t/(1+t)·|y|) + 1, shorter than the probing prefix
 * (PPJoin's mid-prefix, Xiao et al. 2008). The search meets y only from sets at least its size (later ranks), and a
 * pair with Jaccard ≥ t shares α ≥ t(|x| + |y|)/(1 + t) ≥ 2t|y|/(1 + t) shingles, so their smallest common shingle
 * sits within y's first |y| - α + 1, inside this prefix, and within x's probing prefix: every such pair is met first
 * through it, as before (positionalOverlap). At t = 0.72 the index holds ~0.16|y| + 1 shingles a set instead of
 * ~0.28|y| + 1, and the search meets fewer candidates that cannot qualify.
 */
function indexPrefixLength(size: number, t: number): number {
  return Math.max(1, size - Math.ceil(((2 * t) / (1 + t)) * size - EPSILON) + 1);
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
 * |x ∩ y| (or -1 as `overlap`) when `sx[xi]`, found in y, is their smallest common shingle. The prefix search meets a
 * candidate y first through that shingle: a common one earlier in x's order would come earlier in y's too, inside
 * y's indexed prefix (which holds this one), so the search, visiting x's prefix in order, would have met y through it.
 * Nothing before it in either set can match, so the merge starts after it in both, and the shingles left bound the
 * overlap at once: a candidate whose shingle sits deep in y is dropped without a merge (PPJoin's positional filter,
 * Xiao et al. 2008).
 */
function positionalOverlap(sx: Uint32Array, xi: number, x1: number, sy: Uint32Array, y0: number, ny: number, need: number): number {
  const shingle = sx[xi] ?? 0;
  let lo = y0;
  let hi = y0 + ny;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sy[mid] ?? 0) < shingle) lo = mid + 1;
    else hi = mid;
  }
  const y1 = y0 + ny;
  if (1 + Math.min(x1 - xi - 1, y1 - lo - 1) < need) return -1;
  const rest = overlap(sx, xi + 1, x1, sy, lo + 1, y1, need - 1);
  return rest < 0 ? -1 : rest + 1;
}

/**
 * What the search over ranks reads, built once (`planning`): the distinct non-empty sets by rank and the index of
 * their prefixes. In SharedArrayBuffers, so the pool's workers can each search a range of ranks (`probeRanks`)
 * without a copy.
 */
export interface JoinPlan {
  /** Rank → document: distinct non-empty sets by increasing size, ties in document order. */
  byRank: Uint32Array;
  /**
   * Rank → its set's size: the search reads the size of every candidate it meets (2 M at 20 MB), and one load here
   * is cheaper than three scattered ones (the document, then where its set starts and ends).
   */
  sizeOfRank: Uint32Array;
  /** Every (prefix shingle, rank) pair as shingle · MAX_JOIN_SETS + rank, in increasing order. */
  index: Float64Array;
  /** Where in `index` the entries of each value of a shingle's high 16 bits start; one more at the end. */
  bucketStarts: Uint32Array;
}

/**
 * The join's first part, as Work (pacer.ts): joins identical sets (the first stands for the others, which join it
 * with Jaccard 1, calling `join(y, x, jaccard)`, y before x in visiting order, for those `together(x, y)` does not
 * already connect) and ranks and indexes the distinct ones. Undefined when there are MAX_JOIN_SETS distinct sets
 * or more: then only identical sets were joined. Documents with an empty set are never joined here.
 */
export function* planning(
  sets: ShingleSets,
  threshold: number,
  together: (x: number, y: number) => boolean,
  join: (y: number, x: number, jaccard: number) => void,
): Work<JoinPlan | undefined> {
  const { docs, blockOf, starts, ends, blocks } = sets;
  const start = (d: number): number => starts[d] ?? 0;
  const setOf = (d: number): Uint32Array => blocks[blockOf[d] ?? 0] ?? EMPTY;
  const firstWithSet = new Map<number, number>();
  const reps: number[] = [];
  let largest = 0;
  yield {
    count: docs,
    run: (from, to) => {
      for (let d = from; d < to; d++) {
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
        largest = Math.max(largest, s1 - s0);
      }
    },
  };
  firstWithSet.clear();
  if (reps.length >= MAX_JOIN_SETS) return undefined;
  const size = (d: number): number => (ends[d] ?? 0) - start(d);
  // Visit by increasing size, ties in document order, so every candidate of x was visited before it. The sets
  // come in document order, so a stable counting sort by size ranks them, in spans: a sort of their keys was one
  // step of 0.1-0.2 s at 64 MB (128,000 sets).
  const next = new Uint32Array(largest + 1);
  yield {
    count: reps.length,
    run: (from, to) => {
      for (let i = from; i < to; i++) {
        const n = size(reps[i] ?? 0);
        next[n] = (next[n] ?? 0) + 1;
      }
    },
  };
  startsFromCounts(next);
  const byRank = sharedArray(Uint32Array, reps.length);
  const sizeOfRank = sharedArray(Uint32Array, reps.length);
  yield {
    count: reps.length,
    run: (from, to) => {
      for (let i = from; i < to; i++) {
        const d = reps[i] ?? 0;
        const n = size(d);
        const r = next[n] ?? 0;
        next[n] = r + 1;
        byRank[r] = d;
        sizeOfRank[r] = n;
      }
    },
  };
  return { byRank, sizeOfRank, ...(yield* indexing(sets, byRank, threshold)) };
}

const BUCKET_BITS = 16;
const BUCKETS = 2 ** BUCKET_BITS;

/**
 * The index of the ranks' prefixes, sorted in place without a second array: the entries are placed by their
 * shingle's high 16 bits (a counting pass, then a placing pass), and each of the 65,536 buckets, a few dozen
 * entries of uniformly hashed shingles, is then sorted (sortRun). About linear in the entries, instead of a
 * comparison sort of them all, and no memory beyond the index (8 bytes an entry). Work (pacer.ts): at 64 MB it
 * took 0.6 s of the pool's thread.
 */
function* indexing(sets: ShingleSets, byRank: Uint32Array, threshold: number): Work<Pick<JoinPlan, 'index' | 'bucketStarts'>> {
  const { blockOf, starts, ends, blocks } = sets;
  /** Calls `visit(shingle, rank)` for the prefix shingles of ranks [from, to), rank after rank. */
  const eachPrefix = (from: number, to: number, visit: (shingle: number, rank: number) => void): void => {
    for (let r = from; r < to; r++) {
      const d = byRank[r] ?? 0;
      const s0 = starts[d] ?? 0;
      const shingles = blocks[blockOf[d] ?? 0] ?? EMPTY;
      const len = indexPrefixLength((ends[d] ?? 0) - s0, threshold);
      for (let i = 0; i < len; i++) visit(shingles[s0 + i] ?? 0, r);
    }
  };
  const next = new Uint32Array(BUCKETS + 1);
  let entries = 0;
  const count = (shingle: number): void => {
    const bucket = shingle >>> (32 - BUCKET_BITS);
    next[bucket] = (next[bucket] ?? 0) + 1;
    entries++;
  };
  yield { count: byRank.length, run: (from, to) => eachPrefix(from, to, count) };
  startsFromCounts(next);
  const bucketStarts = sharedArray(Uint32Array, BUCKETS + 1);
  bucketStarts.set(next);
  const index = sharedArray(Float64Array, entries);
  const place = (shingle: number, rank: number): void => {
    const bucket = shingle >>> (32 - BUCKET_BITS);
    const at = next[bucket] ?? 0;
    next[bucket] = at + 1;
    index[at] = shingle * MAX_JOIN_SETS + rank;
  };
  yield { count: byRank.length, run: (from, to) => eachPrefix(from, to, place) };
  yield {
    count: BUCKETS,
    run: (from, to) => {
      for (let bucket = from; bucket < to; bucket++) sortRun(index, bucketStarts[bucket] ?? 0, bucketStarts[bucket + 1] ?? entries);
    },
  };
  return { index, bucketStarts };
}

/** Above this many entries a bucket is sorted by the engine's sort, not by insertion. */
const INSERTION_SORT_MAX = 64;

/**
 * Sorts `array[from..to)` in place: by insertion when short, the common case. A long bucket (a shingle in many
 * prefixes, templated data) is sorted by the engine (through a copy of the bucket, as the array is shared), so
 * two such shingles in one bucket cannot make it quadratic.
 */
function sortRun(array: Float64Array, from: number, to: number): void {
  if (to - from > INSERTION_SORT_MAX) {
    array.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = array[i] ?? 0;
    let j = i - 1;
    while (j >= from && (array[j] ?? 0) > value) {
      array[j + 1] = array[j] ?? 0;
      j--;
    }
    array[j + 1] = value;
  }
}

/** Counts per bucket (or set size) → where each one's run starts, in place. */
function startsFromCounts(counts: Uint32Array): void {
  let total = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const count = counts[bucket] ?? 0;
    counts[bucket] = total;
    total += count;
  }
}

/**
 * Where `entry` (shingle · MAX_JOIN_SETS + rank) sits in the sorted index: a binary search within its shingle's
 * bucket, a few dozen neighbouring entries, where one over the whole index would miss the cache at every step.
 */
function placeOf(plan: JoinPlan, shingle: number, entry: number): number {
  const { index, bucketStarts } = plan;
  const bucket = shingle >>> (32 - BUCKET_BITS);
  let lo = bucketStarts[bucket] ?? 0;
  let hi = bucketStarts[bucket + 1] ?? index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((index[mid] ?? 0) < entry) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ranks cut into about `ranges` ranges of about equal work, for workers to search one each. A rank's search
 * probes its prefix (about (1 - t) of its set) and verifies candidates of about its size, so its work is taken
 * as its set's size squared: the largest sets, the last ranks, cost the most.
 */
export function rankRanges(sets: ShingleSets, plan: JoinPlan, ranges: number): [number, number][] {
  const { byRank } = plan;
  const work = (r: number): number => {
    const d = byRank[r] ?? 0;
    const size = (sets.ends[d] ?? 0) - (sets.starts[d] ?? 0);
    return size * size;
  };
  let total = 0;
  for (let r = 0; r < byRank.length; r++) total += work(r);
  const cuts: [number, number][] = [];
  let from = 0;
  let done = 0;
  for (let k = 1; k <= ranges && from < byRank.length; k++) {
    const target = (total * k) / ranges;
    let to = from;
    do done += work(to++);
    while (to < byRank.length && (k === ranges || done + work(to) <= target));
    cuts.push([from, to]);
    from = to;
  }
  return cuts;
}

/**
 * The join's search, for the documents of ranks [from, to): each is compared with the smaller ones sharing a
 * prefix shingle, in rank order, and `join` called for each pair at or above the threshold that `together` does
 * not already connect. Ranks 0 to the end, after `planning`'s joins, is the whole join. `lastVisitor` (a slot a
 * rank, for the candidates already seen from the current rank) may be shared by calls over consecutive ranges.
 */
export function probeRanks(
  sets: ShingleSets,
  plan: JoinPlan,
  threshold: number,
  from: number,
  to: number,
  together: (x: number, y: number) => boolean,
  join: (y: number, x: number, jaccard: number) => void,
  lastVisitor = new Int32Array(plan.byRank.length).fill(-1),
): void {
  const { blockOf, starts, ends, blocks } = sets;
  const { byRank, sizeOfRank, index } = plan;
  const start = (d: number): number => starts[d] ?? 0;
  const setOf = (d: number): Uint32Array => blocks[blockOf[d] ?? 0] ?? EMPTY;
  // A pair reaches Jaccard t exactly when its overlap reaches t(|x| + |y|) / (1 + t); a merge is dropped only
  // OVERLAP_MARGIN below that, far more than the rounding of the division below, so no pair it accepts is lost.
  const overlapShare = threshold / (1 + threshold);
  for (let rx = from; rx < to; rx++) {
    const x = byRank[rx] ?? 0;
    const sx = setOf(x);
    const x0 = start(x);
    const x1 = ends[x] ?? 0;
    const nx = x1 - x0;
    const len = prefixLength(nx, threshold);
    for (let i = 0; i < len; i++) {
      const shingle = sx[x0 + i] ?? 0;
      const group = shingle * MAX_JOIN_SETS;
      // Where this document's own entry is or would be (its indexed prefix is shorter than the probed one); the
      // smaller documents sharing the shingle come right before it.
      for (let q = placeOf(plan, shingle, group + rx) - 1; q >= 0; q--) {
        const entry = index[q] ?? 0;
        if (entry < group) break;
        const ry = entry - group;
        // Met already from this rank through an earlier prefix shingle (half the candidates at 20 MB): its size was
        // within reach then, and it is the same set, so the size test below would not have stopped the scan.
        if (lastVisitor[ry] === rx) continue;
        const ny = sizeOfRank[ry] ?? 0;
        // Sizes only fall from here on: a set under t|x| cannot reach Jaccard t with x.
        if (ny < threshold * nx - EPSILON) break;
        lastVisitor[ry] = rx;
        const y = byRank[ry] ?? 0;
        if (together(x, y)) continue;
        // The first shingle x meets y through is their smallest common one (positionalOverlap): the merge starts after it.
        const o = positionalOverlap(sx, x0 + i, x1, setOf(y), start(y), ny, overlapShare * (nx + ny) - OVERLAP_MARGIN);
        if (o < 0) continue;
        const jaccard = o / (nx + ny - o);
        if (jaccard >= threshold) join(y, x, jaccard);
      }
    }
  }
}

/** The search over every rank, as a span (pacer.ts) whose pieces are consecutive rank ranges. */
export function searching(
  sets: ShingleSets,
  plan: JoinPlan,
  threshold: number,
  together: (x: number, y: number) => boolean,
  join: (y: number, x: number, jaccard: number) => void,
): Span {
  const lastVisitor = new Int32Array(plan.byRank.length).fill(-1);
  return { count: plan.byRank.length, run: (from, to) => probeRanks(sets, plan, threshold, from, to, together, join, lastVisitor) };
}

function sameSet(sa: Uint32Array, a0: number, a1: number, sb: Uint32Array, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (sa[a0 + i] !== sb[b0 + i]) return false;
  return true;
}

/** One range of the join's search, as it travels to a worker (every array shared, not copied). */
export interface JoinJob {
  sets: ShingleSets;
  plan: JoinPlan;
  threshold: number;
  from: number;
  to: number;
}

/** The pairs a range's search joined, in the order it joined them: document y, document x, their Jaccard. */
export interface FoundPairs {
  ys: Uint32Array;
  xs: Uint32Array;
  jaccards: Float64Array;
}

/**
 * A range's search in a thread of its own, with clusters of its own (only the pairs it found): `together` there
 * implies together in the whole join at that point, so it finds every pair the whole join would join in these
 * ranks, and perhaps a few more it would skip. Replaying every range's pairs in range order through the real
 * clusters (joining only those not yet together) therefore makes the same joins in the same order as one thread:
 * the same clusters and example pairs.
 */
export function findPairs(job: JoinJob): FoundPairs {
  const own = new UnionFind(job.sets.docs);
  const ys: number[] = [];
  const xs: number[] = [];
  // Doubles from the start, not a number array: the first pair's Jaccard is often exactly 1, a small integer, and
  // the array turned into one of doubles at the next pair, which made V8 recompile probeRanks (where this is
  // inlined, the join's whole search) in each thread that searched.
  let jaccards = new Float64Array(64);
  probeRanks(job.sets, job.plan, job.threshold, job.from, job.to, (x, y) => own.together(x, y), (y, x, jaccard) => {
    own.union(y, x);
    if (ys.length === jaccards.length) {
      const grown = new Float64Array(jaccards.length * 2);
      grown.set(jaccards);
      jaccards = grown;
    }
    jaccards[ys.length] = jaccard;
    ys.push(y);
    xs.push(x);
  });
  return { ys: Uint32Array.from(ys), xs: Uint32Array.from(xs), jaccards: jaccards.slice(0, ys.length) };
}
