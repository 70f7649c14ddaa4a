/**
 * Record lengths in characters (UTF-16 code units, as editors count) and words (tokenize.ts `words`), as
 * histograms with fixed power-of-two bounds so histograms of different sources and chunks line up and merge
 * by adding counts. Also the totals, and the token estimate: characters / 4, OpenAI's rule of thumb for
 * English BPE tokenizers. We prefer it to words × 1.3 because it does not depend on spaces (words × 1.3
 * would count a whole unspaced Chinese paragraph as one token); it undercounts CJK text, about one token
 * per character.
 */
import type { Histogram } from '../../core/profile';
import type { RecordView } from './record';
import { classUnit } from './unit';

export const CHAR_BOUNDS: readonly number[] = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
export const WORD_BOUNDS: readonly number[] = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];
export const CHARS_PER_TOKEN = 4;

export interface LengthsState {
  records: number;
  words: number;
  chars: number;
  charCounts: number[];
  wordCounts: number[];
}

export interface LengthFigures {
  records: number;
  words: number;
  chars: number;
  tokensEstimate: number;
  lengths: { chars: Histogram; words: Histogram };
}

function bucket(bounds: readonly number[], value: number): number {
  let i = 0;
  while (i < bounds.length && value > (bounds[i] ?? 0)) i++;
  return i;
}

export class Lengths {
  private records = 0;
  private words = 0;
  private chars = 0;
  private charCounts = new Array<number>(CHAR_BOUNDS.length + 1).fill(0);
  private wordCounts = new Array<number>(WORD_BOUNDS.length + 1).fill(0);

  add(record: RecordView): void {
    const chars = record.text.length;
    const words = record.words().length;
    this.records++;
    this.chars += chars;
    this.words += words;
    const c = bucket(CHAR_BOUNDS, chars);
    const w = bucket(WORD_BOUNDS, words);
    this.charCounts[c] = (this.charCounts[c] ?? 0) + 1;
    this.wordCounts[w] = (this.wordCounts[w] ?? 0) + 1;
  }

  merge(other: Lengths): void {
    this.records += other.records;
    this.words += other.words;
    this.chars += other.chars;
    other.charCounts.forEach((n, i) => (this.charCounts[i] = (this.charCounts[i] ?? 0) + n));
    other.wordCounts.forEach((n, i) => (this.wordCounts[i] = (this.wordCounts[i] ?? 0) + n));
  }

  toState(): LengthsState {
    return { records: this.records, words: this.words, chars: this.chars, charCounts: this.charCounts, wordCounts: this.wordCounts };
  }

  static fromState(state: LengthsState): Lengths {
    const l = new Lengths();
    l.records = state.records;
    l.words = state.words;
    l.chars = state.chars;
    l.charCounts = state.charCounts.slice();
    l.wordCounts = state.wordCounts.slice();
    return l;
  }

  finish(): LengthFigures {
    return {
      records: this.records,
      words: this.words,
      chars: this.chars,
      tokensEstimate: Math.round(this.chars / CHARS_PER_TOKEN),
      lengths: {
        chars: { bounds: [...CHAR_BOUNDS], counts: this.charCounts.slice() },
        words: { bounds: [...WORD_BOUNDS], counts: this.wordCounts.slice() },
      },
    };
  }
}

/** Record and word counts, the token estimate and the length histograms of a profile. */
export const lengthsUnit = classUnit<Lengths, LengthsState>({
  name: 'lengths',
  create: () => new Lengths(),
  fromState: (state) => Lengths.fromState(state),
  finish(m) {
    const { words, chars, tokensEstimate, lengths } = m.finish();
    return { profile: { words, chars, tokensEstimate, lengths } };
  },
  off: { profile: { words: 0, chars: 0, tokensEstimate: 0, lengths: { chars: { bounds: [], counts: [] }, words: { bounds: [], counts: [] } } } },
});
