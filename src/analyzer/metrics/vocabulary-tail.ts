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

export const ZIPF_MAX_RANK = 1000;

export interface VocabularyTailFigures {
  hapaxShare: Estimate;
  zipfSlope: Estimate;
}

export function vocabularyTail(table: CountTable): VocabularyTailFigures {
  const counts: number[] = [];
  let hapax = 0;
  table.forEach((_key, count) => {
    counts.push(count);
    if (count === 1) hapax++;
  });
  const hapaxShare = counts.length === 0 ? 0 : hapax / counts.length;
  counts.sort((x, y) => y - x);
  const scale = table.scale;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < counts.length; i++) {
    const rank = (i + 1) * scale;
    if (rank > ZIPF_MAX_RANK && n >= 2) break;
    const x = Math.log10(rank);
    const y = Math.log10(counts[i] ?? 1);
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const denominator = n * sxx - sx * sx;
  const slope = n < 2 || denominator === 0 ? 0 : (n * sxy - sx * sy) / denominator;
  return { hapaxShare: { value: hapaxShare }, zipfSlope: { value: slope } };
}

/**
 * The `size` most frequent words, most frequent first (ties by word, so the list is deterministic), each with
 * the number of records holding it from `documents` (keyed like `table`).
 */
export function topVocabulary(table: CountTable, documents: CountTable, size: number): VocabularyEntry[] {
  const all: VocabularyEntry[] = [];
  // words() folds the typographic apostrophe into ' when hashing; the label is whichever form came first, so fold it too.
  table.forEach((key, count, label) => all.push({ word: (label ?? '').replace(/\u2019/g, "'"), count, records: documents.count(key) }));
  all.sort((x, y) => y.count - x.count || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
  return all.slice(0, size);
}
