/**
 * Whether a text contains any of a list of phrases (straight and curly apostrophes alike), in one pass over its
 * char codes: an Aho-Corasick automaton (Aho & Corasick 1975, "Efficient string matching") compiled to a full
 * transition table over the phrases' own characters. Every other character leads back to the start.
 *
 * Why: assistantArtifacts' one alternation of every phrase, with lookarounds for word edges (artifacts.ts), tried
 * its alternatives at nearly every position of every record, a tenth of a worker's CPU; nearly no record holds a
 * phrase. Any text the pattern matches holds one of these phrases, so the pattern runs only on texts this finds
 * one in, and finds exactly what it found before.
 */

const CURLY_APOSTROPHE = 0x2019;
const APOSTROPHE = 39;

export class PhraseScan {
  /** Column of each UTF-16 code unit in `next` (0: not in any phrase). */
  private readonly columnOf = new Uint16Array(65536);
  /**
   * Row × column → the next state's row: the start of its row (state × columns), or -1 for a state where a phrase ends
   * (or a state its failure links reach). The scan then needs no multiply and no second table per character.
   */
  private readonly next: Int32Array;

  /** `phrases` as they are matched: already lower-cased, `'` standing for either apostrophe. */
  constructor(phrases: readonly string[]) {
    let columns = 1;
    const column = (code: number): number => {
      const c = code === CURLY_APOSTROPHE ? APOSTROPHE : code;
      if (this.columnOf[c] === 0) this.columnOf[c] = columns++;
      return this.columnOf[c] ?? 0;
    };
    // The trie, as child maps per state.
    const children: Map<number, number>[] = [new Map()];
    const ends: boolean[] = [false];
    for (const phrase of phrases) {
      if (phrase.length === 0) continue;
      let state = 0;
      for (let i = 0; i < phrase.length; i++) {
        const col = column(phrase.charCodeAt(i));
        let child = children[state]?.get(col);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          ends.push(false);
          children[state]?.set(col, child);
        }
        state = child;
      }
      ends[state] = true;
    }
    this.columnOf[CURLY_APOSTROPHE] = this.columnOf[APOSTROPHE] ?? 0;
    const next = new Int32Array(children.length * columns);
    const accepting = new Uint8Array(children.length);
    // Breadth first: a state's failure target is shallower, so its row of the table is complete when it is read.
    const fail = new Int32Array(children.length);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      accepting[state] = ends[state] || accepting[fail[state] ?? 0] === 1 ? 1 : 0;
      for (let col = 1; col < columns; col++) {
        const child = children[state]?.get(col);
        const fallback = state === 0 ? 0 : (next[(fail[state] ?? 0) * columns + col] ?? 0);
        if (child === undefined) next[state * columns + col] = fallback;
        else {
          next[state * columns + col] = child;
          fail[child] = fallback;
          queue.push(child);
        }
      }
    }
    for (let i = 0; i < next.length; i++) {
      const target = next[i] ?? 0;
      next[i] = accepting[target] === 1 ? -1 : target * columns;
    }
    this.next = next;
  }

  /** True when `text` contains one of the phrases. */
  foundIn(text: string): boolean {
    const columnOf = this.columnOf;
    const next = this.next;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = next[row + (columnOf[text.charCodeAt(i)] ?? 0)] ?? 0;
      if (row < 0) return true;
    }
    return false;
  }
}
