/**
 * Every metric the accumulator runs, in the order their figures are assembled (and `estimated` lists them).
 * Adding a metric is one module exporting a MetricUnit (unit.ts) plus one line here.
 */
import { artifactsUnit } from './artifacts';
import { compressionUnit } from './compression';
import { wordsUnit } from './distinct';
import { excessVocabularyUnit } from './excess-vocabulary';
import { lengthsUnit } from './lengths';
import { nearDuplicatesUnit } from './minhash';
import { ngramDiversityUnit } from './ngram-diversity';
import { openingsUnit } from './openings';
import { provenanceUnit } from '../provenance/unit';
import { selfRepetitionUnit } from './self-repetition';

export const METRIC_UNITS = [
  lengthsUnit,
  compressionUnit,
  ngramDiversityUnit,
  selfRepetitionUnit,
  wordsUnit,
  nearDuplicatesUnit,
  openingsUnit,
  artifactsUnit,
  excessVocabularyUnit,
  provenanceUnit,
] as const;

/** The units that can be enabled one by one (`words` = distinct-n, entropy, vocabulary tail and top words). */
export type MetricName = (typeof METRIC_UNITS)[number]['name'];
export const metricNames: readonly MetricName[] = METRIC_UNITS.map((u) => u.name);
