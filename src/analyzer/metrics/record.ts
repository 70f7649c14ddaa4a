/**
 * One record as the metrics see it: its text and row, with each tokenisation computed at most once and
 * only when an enabled metric asks for it. The buffers are reused from record to record.
 */
import type { RowRef } from '../../core/profile';
import { ngramKeysInto } from './hashing';
import { SpaceTokens, TokenBuffer, splitOnSpace, whitespaceFromSpace, words } from './tokenize';

export class RecordView {
  text = '';
  row: RowRef = { file: '' };
  /** Offset in `text` of the record's response (its last text field): openings are measured there. */
  responseStart = 0;
  private lowerText: string | undefined;
  private readonly space = new SpaceTokens();
  private readonly whitespace = new TokenBuffer();
  private readonly wordTokens = new TokenBuffer();
  /** The exact-duplicate key `words` gave with the word tokens. */
  private textKey = 0;
  /** The word tokens' unigram keys (grown, never shrunk). */
  private wordKeyBuffer = new Float64Array(1024);
  private spaceDone = false;
  private whitespaceDone = false;
  private wordsDone = false;
  private wordKeysDone = false;

  reset(text: string, row: RowRef, responseStart = 0): void {
    this.text = text;
    this.row = row;
    this.responseStart = responseStart;
    this.lowerText = undefined;
    this.spaceDone = false;
    this.whitespaceDone = false;
    this.wordsDone = false;
    this.wordKeysDone = false;
  }

  /** The text lower-cased (one allocation per record, shared by every metric that needs it). */
  lower(): string {
    if (this.lowerText === undefined) this.lowerText = this.text.toLowerCase();
    return this.lowerText;
  }

  /** Python `text.split(' ')` tokens. */
  spaceTokens(): SpaceTokens {
    if (!this.spaceDone) {
      splitOnSpace(this.text, this.space);
      this.spaceDone = true;
    }
    return this.space;
  }

  /** Python `text.split()` tokens, taken from the `split(' ')` ones (ngramDiversity's) without hashing the text twice. */
  whitespaceTokens(): TokenBuffer {
    if (!this.whitespaceDone) {
      whitespaceFromSpace(this.text, this.spaceTokens(), this.whitespace);
      this.whitespaceDone = true;
    }
    return this.whitespace;
  }

  /** Lower-cased word tokens; offsets index into `lower()`. */
  words(): TokenBuffer {
    if (!this.wordsDone) {
      this.textKey = words(this.lower(), this.wordTokens);
      this.wordsDone = true;
    }
    return this.wordTokens;
  }

  /**
   * The exact-duplicate key: the lower-cased text with whitespace runs collapsed and trimmed, hashed (tokenize.ts
   * `words`, whose scan makes it beside the word tokens).
   */
  exactKey(): number {
    this.words();
    return this.textKey;
  }

  /**
   * Each word token's unigram key (hashing.ts `ngramKey(a, b, i, 1)`) in `[0, words().length)`: the words unit counts
   * them and excessVocabulary looks them up, so they are made once a record.
   */
  wordKeys(): Float64Array {
    const t = this.words();
    if (!this.wordKeysDone) {
      if (this.wordKeyBuffer.length < t.length) this.wordKeyBuffer = new Float64Array(t.length * 2);
      ngramKeysInto(t.a, t.b, 1, t.length, this.wordKeyBuffer);
      this.wordKeysDone = true;
    }
    return this.wordKeyBuffer;
  }
}
