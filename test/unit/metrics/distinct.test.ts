/**
 * distinct-1/2 (Li et al. 2016) and the Shannon entropy of the unigram and bigram distributions: exact
 * while the tables fit their budget, HyperLogLog and a distinct sample beyond it.
 */
import { strict as assert } from 'node:assert';
import { ProfileAccumulator, type AccumulatorOptions } from '../../../src/analyzer/metrics/accumulator';
import { WordNgrams } from '../../../src/analyzer/metrics/distinct';
import { runFinishJob, type FinishJob } from '../../../src/analyzer/metrics/finish-jobs';
import { runNow, type Work } from '../../../src/analyzer/metrics/pacer';
import { RecordView } from '../../../src/analyzer/metrics/record';
import type { DiversityMetrics } from '../../../src/core/profile';
import { accumulate, corpus, profileOf, SPILLING, TINY } from './helpers';

const wordsOnly = { metrics: ['words'] as const };

describe('distinct-n and entropy, exact', () => {
  it('are worked out by hand on two short records', () => {
    // Words (lower-cased, punctuation dropped): the cat sat | the cat ran: 6 words, 4 distinct.
    // Bigrams stay inside a record: "the cat", "cat sat" | "the cat", "cat ran": 4 bigrams, 3 distinct.
    // Unigram counts the 2, cat 2, sat 1, ran 1 over 6:
    //   H1 = 2 * (2/6) log2(6/2) + 2 * (1/6) log2(6) = (2/3) log2 3 + (1/3)(1 + log2 3) = log2 3 + 1/3 ≈ 1.9183 bits.
    // Bigram counts 2, 1, 1 over 4: H2 = (1/2) log2 2 + 2 * (1/4) log2 4 = 1/2 + 1 = 1.5 bits.
    const p = profileOf(['The cat sat.', 'the CAT ran!'], wordsOnly);
    const m = p.metrics;
    assert.equal(m.distinct1!.value, 4 / 6);
    assert.equal(m.distinct2!.value, 3 / 4);
    assert.ok(Math.abs(m.entropy1!.value - (Math.log2(3) + 1 / 3)) < 1e-12, String(m.entropy1!.value));
    assert.ok(Math.abs(m.entropy2!.value - 1.5) < 1e-12, String(m.entropy2!.value));
    assert.equal(m.distinctRelativeError, undefined);
    assert.equal(m.estimated, undefined);
  });

  it('a repetitive source scores lower than a varied one', () => {
    const repetitive = profileOf(Array.from({ length: 20 }, () => 'I am happy to help you with that'), wordsOnly).metrics;
    const varied = profileOf(
      ['Rain fell on the old harbour', 'Two ferries left before dawn', 'Gulls argued over a crate of fish', 'Nobody answered the lighthouse phone'],
      wordsOnly,
    ).metrics;
    // 8 distinct words of 160; 7 distinct bigrams of 140. Every word of the varied one but "the" (twice) is new.
    assert.equal(repetitive.distinct1!.value, 8 / 160);
    assert.equal(repetitive.distinct2!.value, 7 / 140);
    assert.ok(Math.abs(repetitive.entropy1!.value - 3) < 1e-12, 'eight words equally often: log2 8 = 3 bits');
    assert.equal(varied.distinct1!.value, 22 / 23);
    assert.equal(varied.distinct2!.value, 1);
  });

  it('gives no word figure of a source without words, and no bigram figure of one-word records', () => {
    const none = profileOf(['...', '!!!']).metrics;
    assert.deepEqual([none.distinct1, none.distinct2, none.entropy1, none.entropy2, none.excessVocabulary.per1000], [undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(none.vocabularyTail, {});
    // Figures of the text itself stand: it has characters and space tokens.
    assert.ok(none.compressionRatio.value > 0 && none.ngramDiversity.value > 0);
    const labels = profileOf(['yes', 'no', 'yes']).metrics;
    assert.equal(labels.distinct1?.value, 2 / 3);
    assert.ok(labels.entropy1 !== undefined && labels.vocabularyTail.zipfSlope !== undefined);
    assert.deepEqual([labels.distinct2, labels.entropy2], [undefined, undefined]);
    // One distinct word is one point: no slope.
    const one = profileOf(['yes', 'yes']).metrics;
    assert.deepEqual(one.vocabularyTail, { hapaxShare: { value: 0 } });
  });
});

describe('distinct-n and entropy above the memory budget (HyperLogLog)', () => {
  const DISTINCT = 200_000;
  const word = (i: number): string => `w${i.toString(36)}`;
  let truth = { distinct1: 0, distinct2: 0 };
  let m: DiversityMetrics;

  before(() => {
    // Each word used twice: word i in record floor(i / 100), then again in the second half, where each
    // record is reversed so that its bigrams are new ones.
    const texts: string[] = [];
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r < DISTINCT / 100; r++) {
        const ids = Array.from({ length: 100 }, (_, k) => r * 100 + k);
        texts.push((pass === 0 ? ids : ids.reverse()).map(word).join(' '));
      }
    }
    const bigrams = new Set<string>();
    let bigramTotal = 0;
    for (const t of texts) {
      const w = t.split(' ');
      for (let i = 1; i < w.length; i++, bigramTotal++) bigrams.add(`${w[i - 1]} ${w[i]}`);
    }
    truth = { distinct1: DISTINCT / (2 * DISTINCT), distinct2: bigrams.size / bigramTotal };
    m = profileOf(texts, { ...wordsOnly, distinctBudget: 1024 }).metrics;
  });

  it('states the HyperLogLog relative error (p = 14: 1.04 / sqrt(2^14)) and marks the figures estimated', () => {
    assert.equal(m.distinctRelativeError, 1.04 / Math.sqrt(2 ** 14));
    assert.deepEqual(m.estimated, ['distinct1', 'distinct2', 'entropy1', 'entropy2', 'vocabularyTail']);
  });

  it('estimates distinct-1 and distinct-2 within 3 stated relative errors', () => {
    const error = m.distinctRelativeError ?? 0;
    assert.equal(truth.distinct1, 0.5);
    assert.ok(Math.abs(m.distinct1!.value / truth.distinct1 - 1) <= 3 * error, `distinct1 ${m.distinct1!.value}`);
    assert.ok(Math.abs(m.distinct2!.value / truth.distinct2 - 1) <= 3 * error, `distinct2 ${m.distinct2!.value} vs ${truth.distinct2}`);
  });

  it('never reports more distinct bigrams than bigrams (every bigram here is new: the truth is 1)', () => {
    assert.equal(truth.distinct2, 1);
    assert.ok(m.distinct2!.value <= 1, `distinct2 ${m.distinct2!.value}`);
  });

  it('estimates the unigram entropy from the distinct sample', () => {
    // Every word twice: H1 = log2(200,000) ≈ 17.61 bits. The sample keeps ~512-1024 words, each with c log2 c
    // = 2, so the estimated sum has a relative error near 1/sqrt(700) ≈ 4% of the 1 bit it subtracts: 0.2 is
    // about 5 of those.
    assert.ok(Math.abs(m.entropy1!.value - Math.log2(DISTINCT)) < 0.2, String(m.entropy1!.value));
  });
});

describe("the vocabulary's record counts (document frequency, kept in the word table)", () => {
  const texts = corpus(7, 400);
  // The corpus's words are lower-case letters and digits between spaces: its records' word sets by hand.
  const held = new Map<string, number>();
  for (const text of texts) for (const word of new Set(text.split(/\s+/).filter(Boolean))) held.set(word, (held.get(word) ?? 0) + 1);

  it('counts a record once when the table grows part way through it', () => {
    // 48 words fill the 64-slot table to three quarters; "b", the 49th key, doubles it between the two "a0"s.
    const first = Array.from({ length: 48 }, (_, i) => `a${i}`).join(' ');
    const vocabulary = profileOf([first, 'a0 b a0'], { metrics: ['words'] }).vocabulary;
    assert.deepEqual(
      vocabulary.find((e) => e.word === 'a0'),
      { word: 'a0', count: 3, records: 2 },
    );
  });

  for (const [name, options] of [
    ['exact', {}],
    ['sampled past a budget of 64 words', TINY],
  ] as const) {
    it(`counts a record once however often it holds the word (${name}), in one pass and in merged chunks alike`, () => {
      const words = { ...options, metrics: ['words'] as const };
      const one = profileOf(texts, words);
      assert.ok(one.vocabulary.length >= 30, `${one.vocabulary.length} words listed`);
      assert.ok(one.vocabulary.some((e) => e.count > e.records), 'some words occur more than once in a record');
      for (const e of one.vocabulary) assert.equal(e.records, held.get(e.word), e.word);
      if (options === TINY) assert.deepEqual(one.metrics.estimated?.includes('distinct1'), true);
      let line = 1;
      const [first, ...rest] = [texts.slice(0, 150), texts.slice(150, 151), texts.slice(151)].map((part) => {
        const acc = accumulate(part, words, 'data.jsonl', line);
        line += part.length;
        return acc;
      });
      if (!first) throw new Error('no parts');
      for (const part of rest) first.merge(ProfileAccumulator.fromState(structuredClone(part.toState())));
      assert.deepEqual(first.finish().vocabulary, one.vocabulary);
    });
  }
});

describe("the unigram figures made beside the last batch of finish jobs (MetricUnit.figuringAhead)", () => {
  const texts = corpus(11, 400);
  const spillingWords: Partial<AccumulatorOptions> = { ...SPILLING, metrics: ['words'] };
  const VOCABULARY_SIZE = 50;

  /** A word table fed `texts` (rows from 1), as a worker's or a merge's. */
  function wordsOf(part: readonly string[]): WordNgrams {
    const words = new WordNgrams(Infinity, 0);
    const view = new RecordView();
    part.forEach((text, i) => {
      view.reset(text, { file: 'data.jsonl', line: i + 1 });
      words.add(view);
    });
    return words;
  }

  it('are made while the batch is out, and the figures are those of one pass', async () => {
    const events: string[] = [];
    const ahead = WordNgrams.prototype.figuringAhead;
    WordNgrams.prototype.figuringAhead = function* (this: WordNgrams, size: number): Work<void> {
      events.push('ahead');
      yield* ahead.call(this, size);
      events.push('ahead made');
    };
    try {
      const acc = accumulate(texts, spillingWords);
      await acc.settle(async (jobs: readonly FinishJob[]) => {
        events.push('batch');
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push('batch done');
        return jobs.map((job) => runFinishJob(structuredClone(job)));
      });
      assert.deepEqual(events, ['batch', 'ahead', 'ahead made', 'batch done']);
      assert.deepEqual(acc.finish(), profileOf(texts, spillingWords));
    } finally {
      WordNgrams.prototype.figuringAhead = ahead;
    }
  });

  it('are used once, and dropped by an add or a merge after them', () => {
    const whole = runNow(wordsOf(texts).figuring(VOCABULARY_SIZE));
    const used = wordsOf(texts);
    runNow(used.figuringAhead(VOCABULARY_SIZE));
    assert.deepEqual(runNow(used.figuring(VOCABULARY_SIZE)), whole);
    assert.deepEqual(runNow(used.figuring(VOCABULARY_SIZE)), whole, 'made again once taken');

    const merged = wordsOf(texts.slice(0, 250));
    runNow(merged.figuringAhead(VOCABULARY_SIZE));
    merged.merge(wordsOf(texts.slice(250)));
    assert.deepEqual(runNow(merged.figuring(VOCABULARY_SIZE)), whole);

    const added = wordsOf(texts.slice(0, -1));
    runNow(added.figuringAhead(VOCABULARY_SIZE));
    const view = new RecordView();
    view.reset(texts[texts.length - 1] ?? '', { file: 'data.jsonl', line: texts.length });
    added.add(view);
    assert.deepEqual(runNow(added.figuring(VOCABULARY_SIZE)), whole);
  });
});
