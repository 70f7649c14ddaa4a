/**
 * `sizeMatched`: compression ratio and n-gram diversity measured on fixed-size random draws of records
 * (the provenance model's `sampleSize` records, averaged over its `draws`: one sample size for the score
 * and for these figures, owned by scripts/train-provenance.ts), from the provenance unit's uniform sample. Both figures
 * of the whole source drift with its size (a bigger corpus compresses better and repeats more n-grams), so
 * comparing a 5,000-record source with a 175-record one, or with an absolute limit, measures the sizes; at a
 * fixed number of records they compare. The compression ratio is taken per character (characters / gzip
 * bytes, the package's double gzip) rather than per UTF-8 byte, so two-byte alphabets (Cyrillic, Greek)
 * and three-byte scripts (Chinese) are not counted as repetitive for their encoding.
 */
import type { SizeMatchedFigures } from '../../core/profile';
import { packageCompressedSize } from '../metrics/compression';
import { mulberry32 } from '../metrics/hashing';
import { NgramDiversity } from '../metrics/ngram-diversity';
import type { Work } from '../metrics/pacer';
import { RecordView } from '../metrics/record';
import { type ProvenanceModel, drawIndices } from './model';

/** Ample for 50 records of 2,000 characters: the n-gram tables stay exact. */
const NGRAM_BUDGET = 1 << 17;

/** The figures as Work (pacer.ts), a draw at a time: they are made at a source's end, in the thread that hears the abort. */
export function* sizeMatching(texts: readonly string[], model: Pick<ProvenanceModel, 'sampleSize' | 'draws'>, seed = 2): Work<SizeMatchedFigures | undefined> {
  const size = model.sampleSize;
  if (texts.length < size) return undefined;
  const random = mulberry32(seed);
  const draws = texts.length > size ? model.draws : 1;
  const view = new RecordView();
  let compression = 0;
  let diversity = 0;
  yield {
    count: draws,
    run: (from, to) => {
      for (let d = from; d < to; d++) {
        const sample = drawIndices(texts.length, size, random).map((i) => texts[i] as string);
        const joined = sample.join(' ');
        compression += joined.length / packageCompressedSize(Buffer.from(joined, 'utf8')) / draws;
        const ngrams = new NgramDiversity(NGRAM_BUDGET, 0);
        sample.forEach((t, i) => {
          view.reset(t, { file: '', index: i });
          ngrams.add(view);
        });
        diversity += ngrams.finish().value / draws;
      }
    },
  };
  return { records: size, compressionPerChar: compression, ngramDiversity: diversity };
}
