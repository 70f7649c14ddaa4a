/**
 * Sampling for sources above `sampleAboveBytes`.
 *
 * Why units of bytes, not a reservoir: a reservoir over records must still read and parse every record,
 * so it saves only the metric work; choosing whole record-aligned byte units (the chunk planner's pieces,
 * ~1 MB each, or Parquet row groups) reads only what is analysed. Units are a simple random sample without
 * replacement, and every record lies in exactly one unit, so every record has the same chance k/U of
 * being analysed: the sample is uniform over records, though clustered by unit.
 *
 * Why random groups for the intervals: the chosen units are dealt at random into G groups and each group
 * is analysed as its own accumulator; the merged groups give the point estimate and the spread of the
 * group estimates gives its variance, var ≈ s²_g / G (the random group method, Wolter 2007,
 * "Introduction to Variance Estimation", ch. 2). It respects the clustering, costs G extra finish() calls
 * instead of hundreds of bootstrap resamples, and needs nothing from the metrics but their figures.
 * For size-dependent metrics (distinct-n, n-gram diversity, compression ratio) the interval covers
 * sampling variability at the sample's size, not the difference between a sample's and the full
 * corpus's value; the profile states the sample size so readers compare like with like.
 */
import { mulberry32 } from './metrics/hashing';

export const SAMPLE_GROUPS = 10;
/** Student t quantiles at 0.975 for 1..9 degrees of freedom (G-1). */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];
/**
 * Unit size for a sample budget: about 16 units per group, so each group averages over many units,
 * within 16 KiB (per-unit overhead) and 1 MiB (one read block).
 */
export function sampleUnitBytes(budgetBytes: number, groups = SAMPLE_GROUPS): number {
  return Math.min(1024 * 1024, Math.max(16 * 1024, Math.floor(budgetBytes / (groups * 16))));
}
const SEED = 0x5a17;

/**
 * A uniform sample of units with about `budgetBytes` in total, dealt at random into groups. By default at least
 * one unit per group is taken, whatever the budget; `strict` (a budget of fetched bytes, which must hold) stops
 * before the first unit that would pass it instead: stopping, rather than skipping to smaller units, keeps the
 * sample a simple random one.
 */
export function sampleGroups<T extends { bytes: number }>(units: readonly T[], budgetBytes: number, groups = SAMPLE_GROUPS, strict = false): T[][] {
  const random = mulberry32(SEED);
  const order = units.map((_, i) => i);
  // Fisher-Yates: the first k of a random permutation are a simple random sample without replacement.
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const out: T[][] = Array.from({ length: groups }, () => []);
  let bytes = 0;
  for (let k = 0; k < order.length && (bytes < budgetBytes || (!strict && k < groups)); k++) {
    const unit = units[order[k] as number] as T;
    if (strict && bytes + unit.bytes > budgetBytes) break;
    bytes += unit.bytes;
    (out[k % groups] as T[]).push(unit);
  }
  return out.filter((g) => g.length > 0);
}

interface EstimateLike {
  value: number;
  ci95?: [number, number];
}

function isEstimate(v: unknown): v is EstimateLike {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as EstimateLike).value === 'number';
}

/**
 * Sets `ci95` on every Estimate in `full` (walked generically, so new metrics get intervals too) from the
 * same Estimate in each group's figures: value ± t·s_g/√G.
 */
export function attachConfidence(full: unknown, groups: readonly unknown[]): void {
  if (groups.length < 2 || typeof full !== 'object' || full === null) return;
  if (isEstimate(full)) {
    const values = groups.filter(isEstimate).map((g) => g.value).filter(Number.isFinite);
    if (values.length < 2 || !Number.isFinite(full.value)) return;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
    const t = T_975[Math.min(values.length - 1, T_975.length) - 1] as number;
    const half = t * Math.sqrt(variance / values.length);
    full.ci95 = [full.value - half, full.value + half];
    return;
  }
  if (Array.isArray(full)) return;
  for (const [key, value] of Object.entries(full)) {
    attachConfidence(
      value,
      groups.map((g) => (typeof g === 'object' && g !== null ? (g as Record<string, unknown>)[key] : undefined)),
    );
  }
}
