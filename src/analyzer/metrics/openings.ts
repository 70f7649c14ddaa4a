/**
 * `templateOpenings`: how many records start the same way ("Sure! Here is ...", "As an AI ..."), a sign of
 * template collapse in generated data. The opening of a record is the first 3 (or 5) lower-cased words of its
 * response (the last text field: alpaca's output, a chat's last message; the whole text for single-field records)
 * (tokenize.ts, punctuation ignored); records with fewer words have none. "Most common" = the top
 * TOP_OPENINGS openings by count among those seen at least twice; `share3`/`share5` = records whose opening
 * is one of them / all records.
 * Counts are exact up to `budget` distinct openings, then a distinct sample (count-table.ts) whose counts,
 * scaled by 2^level, stand for the whole; a frequent opening is then only listed if it is in the sample.
 */
import type { Estimate, Opening } from '../../core/profile';
import { CountTable, type CountTableState } from './count-table';
import { ngramKey } from './hashing';
import type { Work } from './pacer';
import type { RecordView } from './record';
import { classUnit } from './unit';

export const TOP_OPENINGS = 10;
export const OPENING_LENGTHS = [3, 5] as const;

export interface OpeningsState {
  records: number;
  tables: CountTableState[];
}

export interface OpeningsFigures {
  share3: Estimate;
  share5: Estimate;
  top3: Opening[];
  top5: Opening[];
}

/** Whether `a` comes before `b` in the list: more records, then by text (so the list is deterministic). */
function precedes(count: number, text: string, b: Opening): boolean {
  return count > b.count || (count === b.count && text < b.text);
}

/**
 * The TOP_OPENINGS openings seen at least twice, most frequent first, as Work over the table's slots (pacer.ts).
 * The list is kept sorted as they come, each after those it does not precede: the order a stable sort of them all
 * gives, without sorting them all (~40 ms of CPU in one step at 64 MB, the two tables together).
 */
function* top(table: CountTable): Work<Opening[]> {
  const list: Opening[] = [];
  yield {
    count: table.slots,
    run: (from, to) =>
      table.forEachIn(from, to, (_key, seen, label) => {
        if (seen < 2) return;
        const count = seen * table.scale;
        const text = label ?? '';
        let at = list.length;
        while (at > 0 && precedes(count, text, list[at - 1] as Opening)) at--;
        if (at === TOP_OPENINGS) return;
        list.splice(at, 0, { text, count });
        if (list.length > TOP_OPENINGS) list.pop();
      }),
  };
  return list;
}

export class Openings {
  private records = 0;
  private tables: CountTable[];

  constructor(budget: number) {
    this.tables = OPENING_LENGTHS.map(() => new CountTable({ budget, labels: true }));
  }

  add(record: RecordView): void {
    this.records++;
    const t = record.words();
    let first = 0;
    while (first < t.length && (t.start[first] ?? 0) < record.responseStart) first++;
    for (let i = 0; i < OPENING_LENGTHS.length; i++) {
      const n = OPENING_LENGTHS[i] ?? 0;
      if (t.length - first < n) continue;
      this.tables[i]?.add(ngramKey(t.a, t.b, first, n), 1, record.lower(), t.start[first] ?? 0, t.end[first + n - 1] ?? 0);
    }
  }

  merge(other: Openings): void {
    this.records += other.records;
    this.tables.forEach((table, i) => {
      const theirs = other.tables[i];
      if (theirs) table.merge(theirs);
    });
  }

  toState(): OpeningsState {
    return { records: this.records, tables: this.tables.map((t) => t.toState()) };
  }

  static fromState(state: OpeningsState, budget: number): Openings {
    const o = new Openings(budget);
    o.records = state.records;
    o.tables = state.tables.map((t) => CountTable.fromState(t));
    return o;
  }

  /** The figures, as Work (pacer.ts). */
  *figuring(): Work<OpeningsFigures> {
    const [t3, t5] = this.tables;
    const top3 = t3 ? yield* top(t3) : [];
    const top5 = t5 ? yield* top(t5) : [];
    const share = (list: Opening[]): Estimate => ({
      value: this.records === 0 ? 0 : Math.min(1, list.reduce((sum, o) => sum + o.count, 0) / this.records),
    });
    return { share3: share(top3), share5: share(top5), top3, top5 };
  }
}

export const openingsUnit = classUnit<Openings, OpeningsState, { openingsBudget: number }>({
  name: 'openings',
  create: (o) => new Openings(o.openingsBudget),
  fromState: (state, o) => Openings.fromState(state, o.openingsBudget),
  *finishing(m) {
    return { metrics: { templateOpenings: yield* m.figuring() } };
  },
  off: { metrics: { templateOpenings: { share3: { value: 0 }, share5: { value: 0 }, top3: [], top5: [] } } },
});
