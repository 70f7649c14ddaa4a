/**
 * The exact join's search below its split (minhash.ts, SPLIT_JOIN_MIN_SETS), shared at a source's end between the
 * pool's thread and the threads of the finish jobs' batch beside it. The pool's thread builds the plan and searches
 * the ranks from the bottom, with the real clusters; a batch thread that has run out of jobs takes pieces from the
 * top (`searchFromTop`), each with clusters of its own (`findPairs`), until the two ends meet. Its pairs are then
 * replayed in rank order after the bottom's, which makes the same joins in the same order as one thread's search
 * (findPairs says why): the same clusters and example pairs. Without it one side idled: at 20 MB the join on the pool's
 * thread was ~70-120 ms of CPU longer than the batch beside it (docs/benchmarks.md).
 */
import type { Work } from './pacer';
import { findPairs, probeRanks, rankRanges, type FoundPairs, type JoinPlan } from './similarity-join';
import type { ShingleSets } from './shingle-sets';

/**
 * The pieces the search is cut into, of about equal work (rankRanges): a side that finds the other's end waits for
 * at most the piece the other is in (~3-6 ms of a 0.2-0.4 s search at 20 MB).
 */
export const SEARCH_PIECES = 64;
/** Both ends of the pieces left sit in one 32-bit word (the bottom's in the low half), so a side takes one with one compare-and-swap. */
const END_BITS = 16;
const END_MASK = 2 ** END_BITS - 1;

/** The search as the batch's threads get it (every array shared, not copied). */
export interface SharedSearch {
  sets: ShingleSets;
  plan: JoinPlan;
  threshold: number;
  /** Piece p is the ranks [cuts[p], cuts[p + 1]). */
  cuts: Uint32Array;
  /** The pieces left, [bottom, top), packed (END_BITS). */
  ends: Int32Array;
}

/** The pairs one piece's search found, by the piece's index. */
export interface FoundPiece {
  piece: number;
  found: FoundPairs;
}

/** The search over `plan`'s ranks, cut into about SEARCH_PIECES pieces, none taken. */
export function sharedSearch(sets: ShingleSets, plan: JoinPlan, threshold: number, pieces = SEARCH_PIECES): SharedSearch {
  const ranges = rankRanges(sets, plan, Math.min(pieces, END_MASK >>> 1));
  const cuts = new Uint32Array(new SharedArrayBuffer((ranges.length + 1) * Uint32Array.BYTES_PER_ELEMENT));
  ranges.forEach(([from], p) => (cuts[p] = from));
  cuts[ranges.length] = plan.byRank.length;
  const ends = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  ends[0] = ranges.length << END_BITS;
  return { sets, plan, threshold, cuts, ends };
}

/** Whether a job of the near-duplicates unit is a shared search (else one range of a split join, JoinJob). */
export function isSharedSearch(job: object): job is SharedSearch {
  return 'cuts' in job;
}

/** Takes the lowest piece left (`fromTop`: the highest), or -1 once the two ends have met. */
export function takePiece(search: SharedSearch, fromTop: boolean): number {
  for (;;) {
    const ends = Atomics.load(search.ends, 0);
    const bottom = ends & END_MASK;
    const top = ends >>> END_BITS;
    if (bottom >= top) return -1;
    const taken = fromTop ? ((top - 1) << END_BITS) | bottom : (top << END_BITS) | (bottom + 1);
    if (Atomics.compareExchange(search.ends, 0, ends, taken) === ends) return fromTop ? top - 1 : bottom;
  }
}

/**
 * The pool's thread's side, as Work (pacer.ts): the pieces from the bottom, one at a time, through the real
 * clusters (`together`, `join`), as one thread's search would, until it meets the top's end.
 */
export function* searchingFromBelow(
  search: SharedSearch,
  together: (x: number, y: number) => boolean,
  join: (y: number, x: number, jaccard: number) => void,
): Work<void> {
  const { sets, plan, threshold, cuts } = search;
  const lastVisitor = new Int32Array(plan.byRank.length).fill(-1);
  for (let piece = takePiece(search, false); piece >= 0; piece = takePiece(search, false)) {
    const from = cuts[piece] ?? 0;
    const to = cuts[piece + 1] ?? 0;
    yield { count: to - from, run: (a, b) => probeRanks(sets, plan, threshold, from + a, from + b, together, join, lastVisitor) };
  }
}

/** A batch thread's side: pieces from the top until the ends meet, each searched with clusters of its own. */
export function searchFromTop(search: SharedSearch): FoundPiece[] {
  const found: FoundPiece[] = [];
  for (let piece = takePiece(search, true); piece >= 0; piece = takePiece(search, true)) {
    const job = { sets: search.sets, plan: search.plan, threshold: search.threshold, from: search.cuts[piece] ?? 0, to: search.cuts[piece + 1] ?? 0 };
    found.push({ piece, found: findPairs(job) });
  }
  return found;
}

/** Every top piece's pairs, in rank order: the order in which they are replayed after the bottom's search. */
export function inRankOrder(helped: readonly (readonly FoundPiece[])[]): FoundPairs[] {
  return helped
    .flat()
    .sort((a, b) => a.piece - b.piece)
    .map((p) => p.found);
}
