/**
 * Features of the provenance score (docs/metrics.md, "Provenance score"). Every feature is a rate, a share
 * or a ratio, so it does not grow with the length of a record or the size of a source, and none measures the
 * alphabet: compression is taken against the sample's own character entropy (bits per character the
 * compressor saves beyond letter frequencies), casing only over cased letters, style words per word in the
 * language the word belongs to. Which way each feature points, and how much, is learnt
 * (scripts/train-provenance.ts); this file only measures.
 */
import { deflateRawSync } from 'node:zlib';
import { CHAR_CLASS, DIGIT, LOWER, PUNCTUATION, UPPER } from '../char-tables';
import { STYLE_WORDS_BY_LANGUAGE } from './style-words';

export const RECORD_FEATURES = [
  'styleRate',
  'punctuationShare',
  'sentenceLengthCv',
  'lowercaseStarts',
  'listLines',
  'linesPer100Chars',
  'irregularPer100Chars',
  'digitShare',
  'movingTypeToken',
  'upperShare',
  'commasPerSentence',
] as const;

export const SAMPLE_FEATURES = ['sharedOpenings', 'redundancy', 'distinctBigrams', 'lengthCv'] as const;

const SPACED_STYLE_WORDS = new Set(
  Object.entries(STYLE_WORDS_BY_LANGUAGE)
    .filter(([lang]) => lang !== 'zh')
    .flatMap(([, list]) => list),
);
const UNSPACED_STYLE_WORDS = STYLE_WORDS_BY_LANGUAGE.zh ?? [];

const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
/** Scripts written without spaces: a run of them is many words, counted at 1.5 characters a word. */
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SENTENCE_END_RE = /[.!?。！？]+|\n+/u;
const LIST_LINE_RE = /^\s*(?:[-*•·]|\d{1,3}[.)、]|[a-zA-Z][.)])\s/;
/** Marks of informal, hand-typed text: doubled punctuation, double spaces, emoticons, lower-case "i", links. */
const IRREGULAR_RE = /[!?]{2,}|\.{2}(?!\.)|\s{2,}(?=\S)| i |:\)|:\(|:D|;\)|\bhttps?:\/\/|\blol\b|\bimo\b/gi;
const COMMA_RE = /[,，、،]/g;
const WINDOW = 20;

/** A comma or semicolon straight after a sentence's end (`., `, `.;`): where a scraper joined a list's items. */
const JOINED_ITEM_RE = /([.!?])[ \t]*[,;]+/g;
/** A run of separators with nothing between them, or one starting a line (`,,,,`, `\n, `): items a scraper dropped. */
const DROPPED_ITEMS_RE = /(?:^|\n|[,;])[ \t]*(?:[,;][ \t]*)+/g;
/** Line breaks with blank lines or spaces around them. */
const LINE_BREAKS_RE = /[ \t]*(?:\r?\n[ \t]*)+/g;

/**
 * The text as the features read it: scraped pages keep layout debris (M4's WikiHow text has runs of blank
 * lines, `,,,,` where list items were dropped, `., ` where they were joined), which compression reads as
 * repetition and the sentence and punctuation features as style. Only the features see this; the data,
 * its quotes and every other figure are untouched. Blank lines and line-end spaces go (a paragraph break
 * is one line break), dropped and joined items lose their separators; words, sentence ends and spaces
 * between words (double spaces are typing, not layout) stay.
 */
export function layoutNormalised(text: string): string {
  return text
    .replace(JOINED_ITEM_RE, '$1')
    .replace(DROPPED_ITEMS_RE, (run) => (run.startsWith('\n') ? '\n' : /^[,;]/.test(run) ? `${run[0]} ` : ''))
    .replace(LINE_BREAKS_RE, '\n')
    .trim();
}

export interface WordSplit {
  words: string[];
  /** Words counted with unspaced runs split at 1.5 characters a word. */
  units: number;
}

export function splitWords(lower: string): WordSplit {
  const words = lower.match(WORD_RE) ?? [];
  let units = 0;
  for (const w of words) units += UNSPACED_RE.test(w) ? Math.max(1, w.length / 1.5) : 1;
  return { words, units };
}

function styleHits(lower: string, words: string[]): number {
  let hits = 0;
  for (const w of words) if (SPACED_STYLE_WORDS.has(w)) hits++;
  for (const s of UNSPACED_STYLE_WORDS) {
    for (let i = lower.indexOf(s); i >= 0; i = lower.indexOf(s, i + s.length)) hits++;
  }
  return hits;
}

function coefficientOfVariation(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  if (mean === 0) return 0;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return Math.sqrt(sq / (xs.length - 1)) / mean;
}

function movingTypeToken(words: string[]): number {
  if (words.length === 0) return 0;
  if (words.length <= WINDOW) return new Set(words).size / words.length;
  // Moving-average type-token ratio (Covington & McFall 2010) over a fixed window: independent of length.
  const counts = new Map<string, number>();
  let distinct = 0;
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const c = counts.get(w) ?? 0;
    if (c === 0) distinct++;
    counts.set(w, c + 1);
    if (i >= WINDOW) {
      const old = words[i - WINDOW] as string;
      const oc = (counts.get(old) ?? 1) - 1;
      counts.set(old, oc);
      if (oc === 0) distinct--;
    }
    if (i >= WINDOW - 1) total += distinct / WINDOW;
  }
  return total / (words.length - WINDOW + 1);
}

/**
 * The per-record features, in RECORD_FEATURES order, of the record's layoutNormalised text. The sentences and lines
 * are counted in loops over the splits, not through `map`/`filter` chains: a profile's end measures its 400 kept
 * records here, and V8 compiled the chains' inlined callbacks into a large function twice (a wrong map after the
 * first). 400 records of the 20 MB corpus: 62-77 -> 52-66 ms of process CPU (docs/benchmarks.md).
 */
export function recordFeatures(record: string): number[] {
  const text = layoutNormalised(record);
  const chars = Math.max(1, text.length);
  const lower = text.toLowerCase();
  const { words, units } = splitWords(lower);
  const counts = new Int32Array(6);
  for (let i = 0; i < text.length; i++) counts[CHAR_CLASS[text.charCodeAt(i)] as number]!++;
  const punctuation = counts[PUNCTUATION] as number;
  const digits = counts[DIGIT] as number;
  const upper = counts[UPPER] as number;
  const cased = upper + (counts[LOWER] as number);
  const sentenceChars: number[] = [];
  let casedStarts = 0;
  let lowerStarts = 0;
  for (const part of text.split(SENTENCE_END_RE)) {
    const s = part.trim();
    if (s.length === 0) continue;
    sentenceChars.push(s.length);
    const kind = CHAR_CLASS[s.charCodeAt(0)];
    if (kind !== UPPER && kind !== LOWER) continue;
    casedStarts++;
    if (kind === LOWER) lowerStarts++;
  }
  let lineCount = 0;
  let listLines = 0;
  for (const l of text.split('\n')) {
    if (l.trim().length === 0) continue;
    lineCount++;
    if (LIST_LINE_RE.test(l)) listLines++;
  }
  return [
    styleHits(lower, words) / Math.max(1, units),
    punctuation / chars,
    coefficientOfVariation(sentenceChars),
    casedStarts > 0 ? lowerStarts / casedStarts : 0,
    lineCount > 0 ? listLines / lineCount : 0,
    (100 * Math.max(0, lineCount - 1)) / chars,
    (100 * (text.match(IRREGULAR_RE)?.length ?? 0)) / chars,
    digits / chars,
    movingTypeToken(words),
    cased > 0 ? upper / cased : 0,
    (text.match(COMMA_RE)?.length ?? 0) / Math.max(1, sentenceChars.length),
  ];
}

/** Bits per character of the character distribution (order-0 entropy). */
function characterEntropy(text: string): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const ch of text) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    n++;
  }
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h;
}

/** Word bigrams counted for `distinctBigrams`: a fixed number, so the share does not fall as samples grow. */
const BIGRAM_BUDGET = 1500;

/** The features of a whole sample of records (texts, possibly cut, and their full lengths), in SAMPLE_FEATURES order, of the layoutNormalised texts. */
export function sampleFeatures(records: readonly string[], lengths: readonly number[]): number[] {
  const texts = records.map(layoutNormalised);
  const openings = new Map<string, number>();
  const bigrams = new Set<string>();
  let bigramCount = 0;
  for (const t of texts) {
    const { words } = splitWords(t.toLowerCase());
    const opening = words.slice(0, 2).join(' ');
    openings.set(opening, (openings.get(opening) ?? 0) + 1);
    for (let i = 1; i < words.length && bigramCount < BIGRAM_BUDGET; i++, bigramCount++) {
      bigrams.add(`${words[i - 1]} ${words[i]}`);
    }
  }
  let shared = 0;
  for (const c of openings.values()) if (c > 1) shared += c;
  const joined = texts.join('\n');
  const chars = Math.max(1, [...joined].length);
  const compressedBits = 8 * deflateRawSync(Buffer.from(joined, 'utf8'), { level: 6 }).length;
  return [
    texts.length > 0 ? shared / texts.length : 0,
    characterEntropy(joined) / Math.max(1e-9, compressedBits / chars),
    bigramCount > 0 ? bigrams.size / bigramCount : 0,
    coefficientOfVariation(lengths),
  ];
}
