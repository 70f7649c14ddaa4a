/**
 * The provenance hints of one record's words: assistant artefacts (phrase list in artifacts.ts), Kobak et
 * al.'s excess style words, the vocabulary tail (hapax share, Zipf slope), and the length histograms with
 * the token estimate. Expected figures are counted by hand or by the small reference code below.
 */
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { profileOf } from './helpers';

describe('assistantArtifacts', () => {
  const artifactsOf = (texts: string[], file = 'chat.jsonl') => profileOf(texts, { metrics: ['artifacts'] }, file).metrics.assistantArtifacts;

  it('flags the records that carry an assistant phrase, with their rows', () => {
    const a = artifactsOf([
      'Paris is the capital of France.',
      'As an AI language model, I cannot browse the internet.',
      'Boil the pasta for ten minutes.',
      'Here is your poem about the sea.',
      "I'm sorry, but I can't help with that request.",
      'Water boils at 100 °C at sea level.',
    ]);
    assert.equal(a.rate.value, 2 / 6);
    assert.deepEqual(a.examples, [
      { row: { file: 'chat.jsonl', line: 2 }, phrase: 'as an ai language model' },
      { row: { file: 'chat.jsonl', line: 5 }, phrase: "i'm sorry, but i can't" },
    ]);
  });

  // One record per family of the list, written as assistants write them (any case, straight or curly apostrophes).
  const FAMILIES: [string, string, string][] = [
    ['self-identification', 'Good question! As an AI assistant, my answers may be incomplete.', 'as an ai assistant'],
    ['self-identification, curly apostrophe', 'Remember that I\u2019m just an AI and cannot see your screen.', "i'm just an ai"],
    ['refusal', 'I apologize, but I cannot create content that harms others.', 'i apologize, but i cannot'],
    ['refusal without apology', 'I cannot assist with hacking into accounts.', 'i cannot assist with'],
    ['vendor', 'I am ChatGPT, a large language model trained by OpenAI.', 'large language model trained'],
    ['knowledge cutoff', 'As of my last knowledge update in 2021, the tower was still standing.', 'as of my last knowledge update'],
    ['no opinions or feelings', 'I don\u2019t have personal opinions, but here are both sides.', "i don't have personal opinions"],
    ['no real-time access', 'I do not have access to real-time weather data.', 'i do not have access to real-time'],
  ];
  for (const [family, text, phrase] of FAMILIES) {
    it(`detects the ${family} family`, () => {
      const a = artifactsOf([text]);
      assert.equal(a.rate.value, 1);
      assert.deepEqual(a.examples, [{ row: { file: 'chat.jsonl', line: 1 }, phrase }]);
    });
  }

  it('does not flag human text that merely mentions AI, or words that begin like a phrase', () => {
    const a = artifactsOf([
      'I asked an AI to draft this email, and as an engineer I rewrote most of it.',
      'The OpenAI board met on Friday; the AI boom goes on.',
      "I'm an airline pilot, so I travel a lot.",
      'I am an aide to the mayor.',
      'As a language modeler I build grammars by hand.',
    ]);
    assert.equal(a.rate.value, 0);
    assert.deepEqual(a.examples, []);
  });

  it("matches each accumulator's own extra phrases, however the lists alternate in one thread", () => {
    const texts = ['Certainly! Here is the summary you asked for.', 'As an AI language model, I cannot browse.', 'Plain text.'];
    const withExtra = (extraPhrases: string[]) => profileOf(texts, { metrics: ['artifacts'], extraPhrases }).metrics.assistantArtifacts.rate.value;
    for (let round = 0; round < 2; round++) {
      assert.equal(withExtra(['certainly! here is']), 2 / 3);
      assert.equal(withExtra([]), 1 / 3);
      assert.equal(withExtra(['plain text', 'certainly! here is']), 1);
    }
  });

  it('keeps five examples but counts every flagged record', () => {
    const a = artifactsOf(Array.from({ length: 7 }, (_, i) => `Answer ${i}: as a language model I cannot say.`));
    assert.equal(a.rate.value, 1);
    assert.deepEqual(a.examples.map((e) => e.row.line), [1, 2, 3, 4, 5]);
  });
});

describe('excessVocabulary (Kobak et al. 2024 style words)', () => {
  it('counts style words and their listed inflections per 1,000 words', () => {
    // Record 1, 22 words: We delve into the realm of data This study delves deeper Delving into a pivotal
    // and intricate tapestry the delver ignored it. Hits: delve, realm, delves, delving, pivotal, intricate,
    // tapestry = 7 ("delver" is not in the list). Record 2, 18 words, one hit: pivotal.
    // 8 hits in 40 words: 200 per 1,000.
    const e = profileOf(
      [
        'We delve into the realm of data. This study delves deeper, Delving into a pivotal and intricate tapestry; the delver ignored it.',
        'Pivotal moments are rare, said the old man who fed the cat and sat on the mat today.',
      ],
      { metrics: ['excessVocabulary'] },
    ).metrics.excessVocabulary;
    assert.equal(e.per1000!.value, 200);
    assert.deepEqual(e.top, [
      { text: 'pivotal', count: 2 },
      { text: 'delve', count: 1 },
      { text: 'delves', count: 1 },
      { text: 'delving', count: 1 },
      { text: 'intricate', count: 1 },
      { text: 'realm', count: 1 },
      { text: 'tapestry', count: 1 },
    ]);
  });

  it('is 0 on plain human prose', () => {
    const e = profileOf(['We looked at the data and found the pump was broken.'], { metrics: ['excessVocabulary'] }).metrics.excessVocabulary;
    assert.equal(e.per1000!.value, 0);
    assert.deepEqual(e.top, []);
  });
});

/** Least-squares slope of log10(count) on log10(rank), counts sorted in descending order: the reference. */
function zipfSlope(counts: number[]): number {
  const sorted = [...counts].sort((x, y) => y - x);
  const xs = sorted.map((_, i) => Math.log10(i + 1));
  const ys = sorted.map((c) => Math.log10(c));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** Records of shuffled words where the word of rank r occurs round(c / r^s) times. */
function zipfCorpus(c: number, s: number, vocabulary: number, seed: number): string[] {
  const tokens: string[] = [];
  for (let r = 1; r <= vocabulary; r++) for (let k = Math.round(c / r ** s); k > 0; k--) tokens.push(`w${r.toString(36)}`);
  const random = mulberry32(seed);
  for (let i = tokens.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [tokens[i], tokens[j]] = [tokens[j] ?? '', tokens[i] ?? ''];
  }
  const records: string[] = [];
  for (let i = 0; i < tokens.length; i += 100) records.push(tokens.slice(i, i + 100).join(' '));
  return records;
}

describe('vocabularyTail', () => {
  const tailOf = (texts: string[]) => profileOf(texts, { metrics: ['words'] }).metrics.vocabularyTail;

  it('hapax share and Zipf slope of a small text', () => {
    // the 3, sat 2, cat 1, on 1, mat 1, dog 1, too 1: 5 of 7 distinct words are seen once.
    const t = tailOf(['The cat sat on the mat.', 'The dog sat too.']);
    assert.equal(t.hapaxShare!.value, 5 / 7);
    assert.ok(Math.abs(t.zipfSlope!.value - zipfSlope([3, 2, 1, 1, 1, 1, 1])) < 1e-12);
  });

  // Counts rounded to integers move log10(count) by at most log10(1 + 0.5 / 19.2) = 0.011 (the smallest
  // count is 20 for s = 1, 19 for s = 1.5); the slope moves by at most that times sum|x - mean| /
  // sum (x - mean)^2 over x = log10(rank), which is 1.74 for 1,000 ranks and 1.79 for 300: under 0.02.
  it('is -1 on a Zipfian corpus (frequency ~ 1/rank over 1,000 ranks)', () => {
    const t = tailOf(zipfCorpus(20_000, 1, 1000, 1));
    assert.ok(Math.abs(t.zipfSlope!.value + 1) < 0.02, String(t.zipfSlope!.value));
    assert.equal(t.hapaxShare!.value, 0);
  });

  it('is steeper when the head holds more of the mass (frequency ~ 1/rank^1.5)', () => {
    const t = tailOf(zipfCorpus(100_000, 1.5, 300, 2));
    assert.ok(Math.abs(t.zipfSlope!.value + 1.5) < 0.02, String(t.zipfSlope!.value));
  });
});

describe('lengths and tokensEstimate', () => {
  it('buckets characters and words by power-of-two upper bounds, the last bucket open', () => {
    const texts = [
      'a'.repeat(16), // 16 chars (<= 16: bucket 0), 1 word (<= 2: bucket 0)
      'a'.repeat(17), // 17 chars: bucket 1 (<= 32); 1 word: bucket 0
      'one two three', // 13 chars: bucket 0; 3 words: bucket 1 (<= 4)
      'x '.repeat(8192), // 16,384 chars: bucket 10 (<= 16,384); 8,192 words: bucket 12 (<= 8,192)
      'x '.repeat(8193).trim(), // 16,385 chars: bucket 11 (<= 32,768); 8,193 words: bucket 13 (over 8,192)
      'a'.repeat(65537), // 65,537 chars: bucket 13 (over 65,536); 1 word: bucket 0
    ];
    const { lengths } = profileOf(texts, { metrics: ['lengths'] });
    assert.deepEqual(lengths.chars.bounds, Array.from({ length: 13 }, (_, i) => 2 ** (i + 4)));
    assert.deepEqual(lengths.words.bounds, Array.from({ length: 13 }, (_, i) => 2 ** (i + 1)));
    assert.deepEqual(lengths.chars.counts, [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1]);
    assert.deepEqual(lengths.words.counts, [3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('counts characters as UTF-16 units and estimates tokens as characters / 4', () => {
    // 44 chars and 9 words; then "😀 naïve": 2 (a surrogate pair) + 1 + 5 = 8 chars and 1 word (the emoji is no word).
    const p = profileOf(['The quick brown fox jumps over the lazy dog.', '😀 naïve'], { metrics: ['lengths'] });
    assert.equal(p.chars, 52);
    assert.equal(p.words, 10);
    assert.equal(p.tokensEstimate, 13);
  });
});
