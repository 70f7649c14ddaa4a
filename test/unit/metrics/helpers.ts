import { ProfileAccumulator, type AccumulatorOptions, type AccumulatedFigures } from '../../../src/analyzer/metrics/accumulator';

/** Runs texts through one accumulator, rows numbered from 1 in `file`. */
export function profileOf(texts: readonly string[], options: Partial<AccumulatorOptions> = {}, file = 'data.jsonl'): AccumulatedFigures {
  return accumulate(texts, options, file).finish();
}

export function accumulate(texts: readonly string[], options: Partial<AccumulatorOptions> = {}, file = 'data.jsonl', firstLine = 1): ProfileAccumulator {
  const acc = new ProfileAccumulator(options);
  texts.forEach((text, i) => acc.add(text, { file, line: firstLine + i }));
  return acc;
}
