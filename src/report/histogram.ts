/**
 * Pools length histograms of several sources into one per origin. Profiles normally share the analyzer's fixed
 * bounds; when they do not (different analyzer versions in the cache), each bucket is moved to the first pooled
 * bucket whose bound covers it, which can only coarsen, never invent, detail.
 */
import type { Histogram } from '../core/profile';

export function pooledBounds(histograms: readonly Histogram[]): number[] {
  const bounds = new Set<number>();
  for (const h of histograms) for (const b of h.bounds) if (Number.isFinite(b)) bounds.add(b);
  return [...bounds].sort((a, b) => a - b);
}

/** Record counts of `histograms` summed into buckets with upper bounds `bounds` (last bucket open-ended). */
export function poolCounts(histograms: readonly Histogram[], bounds: readonly number[]): number[] {
  const counts = bounds.map(() => 0);
  if (counts.length === 0) return counts;
  for (const h of histograms) {
    h.counts.forEach((count, i) => {
      const openEnded = i >= h.bounds.length - 1;
      const upper = openEnded ? Number.POSITIVE_INFINITY : (h.bounds[i] ?? Number.POSITIVE_INFINITY);
      let target = bounds.findIndex((b) => b >= upper);
      if (target < 0) target = bounds.length - 1;
      counts[target] = (counts[target] ?? 0) + count;
    });
  }
  return counts;
}

export function toFractions(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}
