/**
 * What reads-machine-written and provenance-mismatch share: whether a profile's provenance estimate counts
 * as machine-written at a threshold, and how to say so with the rows that read most machine-written.
 */
import type { RelatedLocation } from '../finding';
import type { JudgedProvenance, ProvenanceEstimate, SourceProfile } from '../profile';
import { quoteData } from '../quote';
import { rowLabel, rowLocation } from './data-figures';
import { percent, proseRecords } from './format';

/**
 * The estimate when it reads as machine-written: at `minScore` when set (> 0), else at the model's own
 * `machine` verdict. Never below the model's minimum number of records (`insufficient`).
 */
export function machineWritten(profile: SourceProfile, minScore: number): JudgedProvenance | undefined {
  const p = profile.provenance;
  if (p === undefined || p.verdict === 'insufficient') return undefined;
  const reads = minScore > 0 ? p.score >= minScore : p.verdict === 'machine';
  return reads ? p : undefined;
}

const two = (x: number): string => x.toFixed(2);

/** "provenance score 0.93 (95% interval 0.85-0.97, from 400 prose records; 64% of the records read machine-written one by one)" */
export function provenanceText(p: JudgedProvenance): string {
  const rate = p.recordRate.ci95 ? ` (${percent(p.recordRate.ci95[0])}-${percent(p.recordRate.ci95[1])})` : '';
  return (
    `provenance score ${two(p.score)} (95% interval ${two(p.low)}-${two(p.high)}, from ${proseRecords(p)}; ` +
    `${percent(p.recordRate.value)}${rate} of the records read machine-written one by one)`
  );
}

/** "most machine-like: data.jsonl:12 "Sure! Here ..." (0.97), ..." */
export function machineLikeText(p: ProvenanceEstimate): string {
  if (p.machineLike.length === 0) return '';
  return `most machine-like: ${p.machineLike.map((m) => `${rowLabel(m.row)} ${quoteData(m.text)} (${two(m.score)})`).join(', ')}`;
}

export function machineLikeLocations(p: ProvenanceEstimate): RelatedLocation[] {
  return p.machineLike.map((m) => rowLocation(m.row, `Reads machine-written (record score ${two(m.score)})`));
}

/** Rule data for a finding on a provenance estimate. */
export function provenanceData(p: JudgedProvenance, minScore: number): Record<string, unknown> {
  return {
    score: p.score,
    low: p.low,
    high: p.high,
    verdict: p.verdict,
    records: p.records,
    sampled: p.sampled,
    setAside: p.setAside,
    model: p.model,
    recordRate: p.recordRate.value,
    minScore,
    rows: p.machineLike.map((m) => ({ ...m.row, score: m.score })),
  };
}
