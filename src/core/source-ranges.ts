import type { SourceField } from './manifest';
import { type LineIndex, type Range, TextRange } from './range';

/**
 * Every field a source keeps the range of, with its place in the offsets: a Record, so that a field added to
 * SourceField fails to compile here until it has one. `toJSON` writes them in this order.
 */
const FIELD_INDEX: Record<SourceField, number> = {
  self: 0,
  id: 1,
  files: 2,
  origin: 3,
  generator: 4,
  'generator.model': 5,
  'generator.provider': 6,
  'generator.generation': 7,
  derivedFrom: 8,
  rows: 9,
  tokens: 10,
  weight: 11,
  license: 12,
  text: 13,
};
const FIELDS = Object.keys(FIELD_INDEX) as SourceField[];

const ABSENT = -1;

/**
 * A source's ranges (`Source['ranges']`) kept as offsets into the manifest's text, each made a TextRange when read.
 * Why: a source keeps the range of nearly every field it has, and a cold `check --no-data` of the bench's 1,000
 * sources kept 10,000 of them as TextRange objects of 64 bytes, which lived to the end of the run: the young-generation
 * collections copied each twice and then into fresh old-generation pages, a page fault per 4 kB. As two numbers a
 * field in one array a source, the same ranges take about 40% of the memory, in 2,000 objects instead of 11,000.
 * It reads and writes as the record it stands for: `source.ranges.rows` is a Range or undefined, assigning stores it
 * (a TextRange over the same text as offsets, any other Range as it is) and assigning undefined removes it. Each
 * read makes a new TextRange: compare ranges by their positions, never by identity. It writes to JSON as that record,
 * and the lint thread's wire copies it as one (src/server/lint-wire.ts); `assert.deepStrictEqual` compares two by
 * their offsets. The accessors read plain named fields: in a cold run, whose code is never optimised, a private
 * method or a symbol-keyed field costs a keyed lookup on every read and write.
 */
export class SourceRanges {
  declare self: Range;
  declare id: Range;
  declare files?: Range;
  declare origin?: Range;
  declare generator?: Range;
  declare 'generator.model'?: Range;
  declare 'generator.provider'?: Range;
  declare 'generator.generation'?: Range;
  declare derivedFrom?: Range;
  declare rows?: Range;
  declare tokens?: Range;
  declare weight?: Range;
  declare license?: Range;
  declare text?: Range;

  /** The text's line index, taken from `self` when that is a TextRange; without one every range is kept as it is. */
  readonly #lines: LineIndex | undefined;
  /** The start and end offset of each field (FIELD_INDEX order), ABSENT when it has no range or one in `others`. */
  readonly offsets: number[] = new Array<number>(FIELDS.length * 2).fill(ABSENT);
  /** Ranges that are not over the source's text (a dialect's plain Range), by field index; absent until there is one. */
  others: (Range | undefined)[] | undefined = undefined;

  constructor(self: Range, id: Range) {
    this.#lines = self instanceof TextRange ? self.lines : undefined;
    this.self = self;
    this.id = id;
  }

  /** The line index, for the accessors. */
  get lines(): LineIndex | undefined {
    return this.#lines;
  }

  static {
    FIELDS.forEach((field, index) => {
      const at = index * 2;
      Object.defineProperty(SourceRanges.prototype, field, {
        get(this: SourceRanges): Range | undefined {
          return read(this, index, at);
        },
        set(this: SourceRanges, range: Range | undefined) {
          write(this, index, at, range);
        },
      });
    });
  }

  /**
   * Sets `field` to the range from offset `start` to `end` of the text `self` is in, as assigning a TextRange over
   * those offsets would, without making one: a dialect reads about ten ranges a source, and in a cold run each
   * TextRange made only to be taken apart here was an allocation, a constructor and the setter's checks. Only for a
   * source whose `self` is a TextRange (`lines` is set).
   */
  setOffsets(field: SourceField, start: number, end: number): void {
    const index = FIELD_INDEX[field];
    if (this.others !== undefined) this.others[index] = undefined;
    this.offsets[index * 2] = start;
    this.offsets[index * 2 + 1] = end;
  }

  /** The record it stands for: each field that has a range, in FIELD_INDEX order. */
  toJSON(): Partial<Record<SourceField, Range>> {
    const record: Partial<Record<SourceField, Range>> = {};
    FIELDS.forEach((field, index) => {
      const range = read(this, index, index * 2);
      if (range !== undefined) record[field] = range;
    });
    return record;
  }
}

/** The range of field `index`, whose offsets are at `at`. */
function read(ranges: SourceRanges, index: number, at: number): Range | undefined {
  const other = ranges.others?.[index];
  if (other !== undefined) return other;
  const start = ranges.offsets[at] as number;
  const lines = ranges.lines;
  return start === ABSENT || lines === undefined ? undefined : new TextRange(lines, start, ranges.offsets[at + 1] as number);
}

function write(ranges: SourceRanges, index: number, at: number, range: Range | undefined): void {
  const offsets = ranges.offsets;
  if (ranges.others !== undefined) ranges.others[index] = undefined;
  if (range instanceof TextRange && range.lines === ranges.lines) {
    offsets[at] = range.startOffset;
    offsets[at + 1] = range.endOffset;
    return;
  }
  offsets[at] = ABSENT;
  offsets[at + 1] = ABSENT;
  if (range !== undefined) (ranges.others ??= [])[index] = range;
}
