/**
 * `excessVocabulary`: occurrences of the style words whose frequency jumped in 2024 with LLM-assisted
 * writing, per 1,000 words (Kobak, González-Márquez, Horvát, Lause 2024, "Delving into ChatGPT usage in
 * academic writing through excess vocabulary", arXiv:2406.07016). The list below is the subset of their
 * 2024 excess *style* words (verbs, adjectives, adverbs) that the paper names in its figures and text, with
 * inflections; their content words ("potential", "findings") are left out because human text uses them as
 * much. A provenance hint, not proof: people write "pivotal" too. Extend with the accumulator's
 * `extraStyleWords` option.
 */
import type { Estimate, Opening } from '../../core/profile';
import { ngramKey } from './hashing';
import type { RecordView } from './record';
import { TokenBuffer, words } from './tokenize';
import { classUnit } from './unit';

export const KOBAK_STYLE_WORDS: readonly string[] = [
  'delve', 'delves', 'delved', 'delving',
  'showcase', 'showcases', 'showcased', 'showcasing',
  'underscore', 'underscores', 'underscored', 'underscoring',
  'pivotal', 'intricate', 'intricacies', 'meticulous', 'meticulously',
  'realm', 'realms', 'notably', 'noteworthy', 'commendable', 'invaluable',
  'unwavering', 'unparalleled', 'unprecedented', 'groundbreaking',
  'boast', 'boasts', 'boasting', 'garner', 'garnered', 'garnering',
  'comprehensive', 'crucial', 'additionally', 'enhancing', 'emphasizing', 'emphasising',
  'elucidate', 'elucidates', 'elucidating', 'encompassing', 'exhibited', 'exhibiting',
  'surpassing', 'strategically', 'tapestry', 'multifaceted', 'nuanced', 'intriguing',
  'bolster', 'bolsters', 'foster', 'fosters', 'fostering', 'harness', 'harnessing',
  'leverage', 'leverages', 'leveraging', 'navigate', 'navigating', 'seamless', 'seamlessly',
  'paramount', 'versatile', 'interplay', 'insights', 'unveil', 'unveils', 'unveiling',
];

/** The key bits the style words' filter reads. */
const KEY_BITS_MASK = 0xffff;

export interface ExcessVocabularyState {
  words: number;
  counts: number[];
}

export interface ExcessVocabularyFigures {
  /** None of no word (core/profile.ts). */
  per1000?: Estimate;
  top: Opening[];
}

export class ExcessVocabulary {
  private words = 0;
  private counts: Float64Array;
  private readonly list: string[];
  private readonly index = new Map<number, number>();
  /**
   * 1 at the low 16 bits of each style word's key: a word whose bit is 0 is not a style word, so all but about
   * one word in 800 skip the Map, whose lookup boxed every 53-bit key (a heap allocation per word).
   */
  private readonly maybe = new Uint8Array(KEY_BITS_MASK + 1);

  constructor(extraStyleWords: readonly string[] = []) {
    this.list = [...new Set([...KOBAK_STYLE_WORDS, ...extraStyleWords.map((w) => w.toLowerCase())])];
    const buffer = new TokenBuffer();
    this.list.forEach((word, i) => {
      words(word, buffer);
      if (buffer.length !== 1) return;
      const key = ngramKey(buffer.a, buffer.b, 0, 1);
      this.index.set(key, i);
      this.maybe[(key >>> 0) & KEY_BITS_MASK] = 1;
    });
    this.counts = new Float64Array(this.list.length);
  }

  add(record: RecordView): void {
    const length = record.words().length;
    const keys = record.wordKeys();
    this.words += length;
    const maybe = this.maybe;
    for (let i = 0; i < length; i++) {
      const key = keys[i] ?? 0;
      if (maybe[(key >>> 0) & KEY_BITS_MASK] === 0) continue;
      const hit = this.index.get(key);
      if (hit !== undefined) this.counts[hit] = (this.counts[hit] ?? 0) + 1;
    }
  }

  merge(other: ExcessVocabulary): void {
    this.words += other.words;
    for (let i = 0; i < this.counts.length; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
  }

  toState(): ExcessVocabularyState {
    return { words: this.words, counts: Array.from(this.counts) };
  }

  static fromState(state: ExcessVocabularyState, extraStyleWords: readonly string[] = []): ExcessVocabulary {
    const e = new ExcessVocabulary(extraStyleWords);
    e.words = state.words;
    e.counts = Float64Array.from(state.counts);
    return e;
  }

  finish(): ExcessVocabularyFigures {
    let hits = 0;
    const top: Opening[] = [];
    this.list.forEach((word, i) => {
      const count = this.counts[i] ?? 0;
      hits += count;
      if (count > 0) top.push({ text: word, count });
    });
    top.sort((x, y) => y.count - x.count || (x.text < y.text ? -1 : 1));
    return { ...(this.words > 0 ? { per1000: { value: (1000 * hits) / this.words } } : {}), top: top.slice(0, 10) };
  }
}

export const excessVocabularyUnit = classUnit<ExcessVocabulary, ExcessVocabularyState, { extraStyleWords: readonly string[] }>({
  name: 'excessVocabulary',
  create: (o) => new ExcessVocabulary(o.extraStyleWords),
  fromState: (state, o) => ExcessVocabulary.fromState(state, o.extraStyleWords),
  finish: (m) => ({ metrics: { excessVocabulary: m.finish() } }),
  off: { metrics: { excessVocabulary: { per1000: { value: 0 }, top: [] } } },
});
