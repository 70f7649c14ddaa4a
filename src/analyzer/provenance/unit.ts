/**
 * `provenance`: the metric unit that keeps a uniform sample of a source's records and, at the end, scores
 * it with the provenance model (model.ts). The sample is a bottom-k sketch: every record gets a hash key
 * from its text, and the `KEPT` records with the smallest keys are kept. That is a uniform
 * sample without replacement whatever the order, and two chunks merge into exactly the sample one pass
 * would keep, so workers and the cache give the same figures as a single pass. A record costs one short
 * hash, and the start of its text is kept only if it enters the sample (about k·(1 + ln(N/k)) of N);
 * kinds and features are measured at the end, on the KEPT records alone, so the unit's cost hardly grows
 * with N. Only the prose among them is scored (record-kind.ts); a large source whose sample holds fewer
 * than the model's minimum of prose records (under about one record in eight) is `insufficient`.
 */
import type { MachineLikeRecord, ProvenanceEstimate, RowRef } from '../../core/profile';
import { joinedKey } from '../metrics/hashing';
import type { RecordView } from '../metrics/record';
import { ownCopy } from '../metrics/own-copy';
import { runNow, type Work } from '../metrics/pacer';
import { classUnit, type UnitFigures } from '../metrics/unit';
import modelJson from './model.json';
import { sizeMatching } from './size-matched';
import { type ProvenanceModel, type ScoredRecord, SAMPLED_TEXT_CHARS, recordLogit, scorePhrases, scoreSource, sigmoid, toScoredRecord, wilson } from './model';

export const PROVENANCE_MODEL = modelJson as ProvenanceModel;
/** Records kept for scoring: enough for the model's distinct draws (8 of 50 records) and a record rate within about ±5 points. */
export const KEPT = 400;
/** Machine-like records a profile quotes, and how much of each. */
const QUOTED = 3;
const QUOTE_CHARS = 160;
/** Characters of a record the key hashes (with its length): keys stay cheap on long records. */
const KEY_CHARS = 256;

interface Kept {
  key: number;
  row: RowRef;
  /** The record's first SAMPLED_TEXT_CHARS characters, and its length. */
  text: string;
  chars: number;
}

export interface ProvenanceState {
  kept: Kept[];
}

/**
 * Key order, ties (records with the same text) broken by row: a total order, so the kept set and its order
 * are the same however the records were chunked and in whatever grouping chunks merge (shards, state-json.test.ts).
 */
function byKey(a: Kept, b: Kept): number {
  return a.key - b.key || (a.row.file < b.row.file ? -1 : a.row.file > b.row.file ? 1 : 0) || (a.row.line ?? 0) - (b.row.line ?? 0) || (a.row.index ?? 0) - (b.row.index ?? 0);
}

/** From the text alone, so the same records give the same sample whatever file, format or chunking holds them. */
function keyOf(text: string): number {
  return joinedKey(String(text.length), text, Math.min(text.length, KEY_CHARS));
}

export class ProvenanceSample {
  kept: Kept[] = [];
  /** Largest key kept, once the sample is full. */
  private ceiling = Infinity;
  /** The unit's figures a finish job made of this sample (`adopt`), until the sample changes: taken once. */
  private made: UnitFigures | undefined;

  add(record: RecordView): void {
    const key = keyOf(record.text);
    if (this.kept.length >= KEPT && key > this.ceiling) return;
    const text = record.text.length > SAMPLED_TEXT_CHARS ? ownCopy(record.text, 0, SAMPLED_TEXT_CHARS) : record.text;
    this.insert({ key, row: { ...record.row }, text, chars: record.text.length });
  }

  private insert(k: Kept): void {
    this.made = undefined;
    if (this.kept.length < KEPT) this.kept.push(k);
    else {
      let worst = 0;
      for (let i = 1; i < this.kept.length; i++) if (byKey(this.kept[i] as Kept, this.kept[worst] as Kept) > 0) worst = i;
      if (byKey(k, this.kept[worst] as Kept) > 0) return;
      this.kept[worst] = k;
    }
    if (this.kept.length >= KEPT) this.ceiling = this.largestKey();
  }

  /** A loop, not Math.max over a mapped copy: it runs on most insertions, and the copy was a quarter of a worker's garbage. */
  private largestKey(): number {
    let largest = -Infinity;
    for (const k of this.kept) if (k.key > largest) largest = k.key;
    return largest;
  }

  merge(later: ProvenanceSample): void {
    this.made = undefined;
    this.kept = [...this.kept, ...later.kept].sort(byKey).slice(0, KEPT);
    this.ceiling = this.kept.length >= KEPT ? (this.kept[this.kept.length - 1] as Kept).key : Infinity;
  }

  /** The kept texts in key order (a uniform random order), for the size-matched figures. */
  texts(): string[] {
    return [...this.kept].sort(byKey).map((r) => r.text);
  }

  /** The unit's figures made of this sample elsewhere (a finish job), for `takeFigures`. */
  adopt(figures: UnitFigures): void {
    this.made = figures;
  }

  /** The adopted figures, once: a caller may change the figures it is given (the sampled profile's intervals). */
  takeFigures(): UnitFigures | undefined {
    const made = this.made;
    this.made = undefined;
    return made;
  }

  toState(): ProvenanceState {
    return { kept: this.kept };
  }

  static fromState(state: ProvenanceState): ProvenanceSample {
    const s = new ProvenanceSample();
    s.merge(Object.assign(new ProvenanceSample(), { kept: state.kept }));
    return s;
  }

  finish(model: ProvenanceModel = PROVENANCE_MODEL): ProvenanceEstimate {
    return runNow(this.finishing(model));
  }

  /** `finish` as Work (pacer.ts): measuring the kept records' kinds and features took most of 0.1 s at a source's end. */
  *finishing(model: ProvenanceModel = PROVENANCE_MODEL): Work<ProvenanceEstimate> {
    // Key order, not arrival order: the same sample gives the same draws however it was chunked.
    const inOrder = [...this.kept].sort(byKey);
    const sampled: (ScoredRecord & { row: RowRef })[] = [];
    yield {
      count: inOrder.length,
      run: (from, to) => {
        for (const r of inOrder.slice(from, to)) sampled.push({ ...toScoredRecord(r.text, r.chars), row: r.row });
      },
    };
    // Only prose is scored (record-kind.ts); the rest is counted, so a source of code or labels says why it is `insufficient`.
    const kept = sampled.filter((r) => r.kind === 'prose');
    const setAside: ProvenanceEstimate['setAside'] = {};
    for (const r of sampled) if (r.kind !== 'prose') setAside[r.kind] = (setAside[r.kind] ?? 0) + 1;
    scorePhrases(model, kept);
    const source = scoreSource(model, kept);
    const reading = { records: kept.length, sampled: sampled.length, setAside, model: model.version };
    // No prose record, no figure: a score of nothing would read as a measurement (core/profile.ts).
    if (source === undefined) return { ...reading, verdict: 'insufficient', machineLike: [] };
    const scored = kept.map((r) => ({ r, p: sigmoid(recordLogit(model, r)) }));
    const machine = scored.filter((s) => s.p >= 0.5).length;
    const machineLike: MachineLikeRecord[] = scored
      .sort((a, b) => b.p - a.p)
      .slice(0, QUOTED)
      .map(({ r, p }) => ({ row: r.row, score: p, text: r.text.slice(0, QUOTE_CHARS) }));
    return { ...source, ...reading, recordRate: { value: machine / kept.length, ci95: wilson(machine, kept.length) }, machineLike };
  }
}

/** The unit's figures as Work (pacer.ts): the scoring, then the size-matched draws. */
function* figuresOf(m: ProvenanceSample): Work<UnitFigures> {
  const provenance = yield* m.finishing();
  const sizeMatched = yield* sizeMatching(m.texts(), PROVENANCE_MODEL);
  return { profile: { provenance }, metrics: { sizeMatched } };
}

export const provenanceUnit = classUnit<ProvenanceSample, ProvenanceState>({
  name: 'provenance',
  create: () => new ProvenanceSample(),
  fromState: (state) => ProvenanceSample.fromState(state),
  // The figures need the sample alone (400 records' first characters), so a worker makes them, beside this thread's
  // own end (the near-duplicate join), as one finish job: made here, after the join, they were its last 65-100 ms at
  // 20 MB (docs/benchmarks.md, *The source's end on both threads*).
  finishJobs: (m) => (m.kept.length > 0 ? [m.toState()] : []),
  finishJobWork: (job) => figuresOf(ProvenanceSample.fromState(job as ProvenanceState)),
  adoptFinishJobs: (m, results) => m.adopt(results[0] as UnitFigures),
  *finishing(m) {
    return m.takeFigures() ?? (yield* figuresOf(m));
  },
  off: { profile: { provenance: undefined }, metrics: { sizeMatched: undefined } },
});
