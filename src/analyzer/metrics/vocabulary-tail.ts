/**
 * The tail of the unigram distribution, which model-written text loses first (Shumailov et al. 2024,
 * "AI models collapse when trained on recursively generated data", Nature; Dohmatob et al. 2024, "A Tale of
 * Tails: Model Collapse as a Change of Scaling Laws"):
 * - `hapaxShare`: words seen exactly once / distinct words (hapax legomena share of the vocabulary);
 * - `zipfSlope`: least-squares slope of log10(frequency) on log10(rank) over ranks 1..ZIPF_MAX_RANK (or the
 *   vocabulary size if smaller); natural text sits near -1, a steeper slope means mass moved to the head.
 * Both come from the word table of distinct.ts; when that table is a distinct sample, a sampled word's rank
 * is estimated as its rank in the sample times 2^level.
 * Also the top words with counts and the records holding them (bounded by `vocabularySize`), for comparing
 * vocabularies across sources.
 */
import type { Estimate, VocabularyEntry } from '../../core/profile';
import type { CountTable } from './count-table';
import type { Work } from './pacer';

export const ZIPF_MAX_RANK = 1000;

/** The hapax share with a word, the slope with two distinct words: none of nothing (core/profile.ts). */
export interface VocabularyTailFigures {
  hapaxShare?: Estimate;
  zipfSlope?: Estimate;
}

/**
 * The tail's figures from the word table's counts in ascending order (`sortedCounts`), `hapax` of them 1, each kept
 * word standing for `scale` words (the table's 2^level).
 */
export function vocabularyTail(ascending: ArrayLike<number>, hapax: number, scale: number): VocabularyTailFigures {
  const distinct = ascending.length;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  // By rank: the largest count first.
  for (let i = 0; i < distinct; i++) {
    const rank = (i + 1) * scale;
    if (rank > ZIPF_MAX_RANK && n >= 2) break;
    const x = Math.log10(rank);
    const y = Math.log10(ascending[distinct - 1 - i] ?? 1);
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const denominator = n * sxx - sx * sx;
  return {
    ...(distinct > 0 ? { hapaxShare: { value: hapax / distinct } } : {}),
    ...(n >= 2 && denominator !== 0 ? { zipfSlope: { value: (n * sxy - sx * sy) / denominator } } : {}),
  };
}

/** A table's counts in ascending order, and how many of them are 1, as Work over its slots (pacer.ts). */
export function* sortedCounts(table: CountTable): Work<{ ascending: Uint32Array; hapax: number }> {
  const ascending = new Uint32Array(table.size);
  let at = 0;
  let hapax = 0;
  yield {
    count: table.slots,
    run: (from, to) =>
      table.forEachIn(from, to, (_key, count) => {
        ascending[at++] = count;
        if (count === 1) hapax++;
      }),
  };
  // One step: 9-10 ms of CPU for a million counts (a Uint32Array sorts 3-4x faster than the same in a Float64Array).
  yield { count: 1, run: () => ascending.sort() };
  return { ascending, hapax };
}

/**
 * The `size` most frequent words, most frequent first (ties by word, so the list is deterministic), each with
 * the number of records holding it (the table's record counts), as Work over the table's slots (pacer.ts).
 * `ascending`: the table's counts in ascending order (`sortedCounts`). Only words whose count is at least the
 * size-th largest can be in the list: they alone are sorted, a few more than `size` where the whole vocabulary
 * was sorted before (~50 ms of CPU at 64 MB in one step), in the same order (the sort is stable and they come in
 * the table's order).
 */
export function* topVocabulary(table: CountTable, size: number, ascending: ArrayLike<number>): Work<VocabularyEntry[]> {
  const least = size > 0 && ascending.length > size ? (ascending[ascending.length - size] ?? 0) : 0;
  const candidates: VocabularyEntry[] = [];
  yield {
    count: table.slots,
    run: (from, to) =>
      table.forEachIn(from, to, (_key, count, label, records) => {
        // words() folds the typographic apostrophe into ' when hashing; the label is whichever form came first, so fold it too.
        if (count >= least) candidates.push({ word: (label ?? '').replace(/\u2019/g, "'"), count, records });
      }),
  };
  yield { count: 1, run: () => candidates.sort((x, y) => y.count - x.count || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0)) };
  return candidates.slice(0, size);
}
