import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import type { DiversityMetrics } from '../../../src/core/profile';
import { accumulatorOptionsFor, ProfileAccumulator, type AccumulatorOptions, type AccumulatedFigures } from '../../../src/analyzer/metrics/accumulator';

/** Runs texts (at least one) through one accumulator, rows numbered from 1 in `file`. */
export function profileOf(texts: readonly string[], options: Partial<AccumulatorOptions> = {}, file = 'data.jsonl'): MeasuredFigures {
  return measured(accumulate(texts, options, file).finish());
}

type MeasuredFigures<T extends { metrics?: DiversityMetrics } = AccumulatedFigures> = T & { metrics: DiversityMetrics };

/** Figures (of an accumulator or a profile) that read records, so carry `metrics`; fails the test otherwise. */
export function measured<T extends { metrics?: DiversityMetrics }>(figures: T): MeasuredFigures<T> {
  if (figures.metrics === undefined) throw new Error('no figures: no record was read');
  return figures as MeasuredFigures<T>;
}

export function accumulate(texts: readonly string[], options: Partial<AccumulatorOptions> = {}, file = 'data.jsonl', firstLine = 1): ProfileAccumulator {
  const acc = new ProfileAccumulator(options);
  texts.forEach((text, i) => acc.add(text, { file, line: firstLine + i }));
  return acc;
}

const VOCABULARY = 'the a of sure here is an example delve into rich tapestry cat dog sat on mat hat ran fast slow i am sorry but cannot as ai language model'.split(' ');

/** Random records over a small vocabulary with 10% repeats: every sketch has something to count. */
export function corpus(seed: number, records: number): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let r = 0; r < records; r++) {
    if (r > 0 && random() < 0.1) {
      out.push(out[Math.floor(random() * out.length)] ?? '');
      continue;
    }
    const n = Math.floor(random() * 40);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'x');
    if (random() < 0.3) words.push(String(Math.floor(random() * 100000)));
    out.push(words.join(random() < 0.1 ? '  ' : ' '));
  }
  return out;
}

/** Budgets so small that every sketch engages: sampled count tables, HyperLogLog, compression blocks, MinHash signatures in a temporary file. */
export const TINY: Partial<AccumulatorOptions> = {
  distinctBudget: 64,
  selfRepetitionBudget: 200,
  openingsBudget: 32,
  compression: { exactBytes: 2000, blockRecords: 8, maxBlockBytes: 1 << 30 },
  minhash: { memoryDocs: 16, threshold: 0.72, exactBudget: 64 },
  vocabularySize: 50,
};

/** The exact limit's options (every figure exact) with tables that spill to temporary files past 64 keys: runs, partitions and their merging engaged. */
export const SPILLING: Partial<AccumulatorOptions> = { ...accumulatorOptionsFor({ exact: true, sampleAboveBytes: Infinity }, 0), spillAboveKeys: 64 };

/** Polls `done` every 20 ms up to `ms`: a bound on every wait, generous for a loaded machine. */
export async function within(ms: number, done: () => boolean): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 20))) if (done()) return true;
  return done();
}

/** The files in this process's spill folder (spill-runs.ts): the exact tables' runs not deleted yet (deleted in the background, `deleteSoon`). */
export function runFiles(): string[] {
  try {
    return readdirSync(path.join(tmpdir(), `synthlint-spill-${process.pid}`));
  } catch {
    return [];
  }
}
