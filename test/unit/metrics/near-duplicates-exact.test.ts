/**
 * The exact near-duplicate rate (similarity-join.ts, used within the exact limit) against a brute-force
 * all-pairs check written here independently: shingle sets of word 5-grams as strings, every pair that
 * shares a shingle scored by its true Jaccard similarity, exact duplicates (lower-cased, whitespace
 * collapsed) joined too, clusters by union-find. 5,000 records: real Alpaca answers plus edited copies
 * of some of them (1 to 6 word edits, so their similarity straddles the 0.72 threshold) and copies that
 * differ only in case and spacing.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ProfileAccumulator, type AccumulatedFigures, type AccumulatorOptions } from '../../../src/analyzer/metrics/accumulator';
import { runFinishJob, type FinishJob } from '../../../src/analyzer/metrics/finish-jobs';
import { WordNgrams } from '../../../src/analyzer/metrics/distinct';
import { mulberry32 } from '../../../src/analyzer/metrics/hashing';
import { NearDuplicates, type MinHashOptions } from '../../../src/analyzer/metrics/minhash';
import { RecordView } from '../../../src/analyzer/metrics/record';
import { searchFromTop, takePiece, type FoundPiece, type SharedSearch } from '../../../src/analyzer/metrics/join-split';
import { Pacer, type Work } from '../../../src/analyzer/metrics/pacer';
import { findPairs } from '../../../src/analyzer/metrics/similarity-join';
import { accumulate, measured, profileOf, SPILLING } from './helpers';

const THRESHOLD = 0.72;
const exactNear = { metrics: ['nearDuplicates'] as const, minhash: { memoryDocs: 0, threshold: THRESHOLD, exactBudget: 1 << 20, exact: true } };

function fiveThousand(): string[] {
  const alpaca = (JSON.parse(readFileSync('../shared/data/instruct/alpaca_5000.json', 'utf8')) as { output: string }[]).map((r) => r.output);
  const random = mulberry32(14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const texts = alpaca.slice(0, 3800);
  const vocabulary = texts.flatMap((t) => t.split(' ')).filter((w) => w.length > 2);
  const long = texts.filter((t) => t.split(' ').length >= 12);
  for (let i = 0; i < 1000; i++) {
    const words = pick(long).split(' ');
    const edits = 1 + Math.floor(random() * 6);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * words.length);
      const kind = random();
      if (kind < 0.4) words[at] = pick(vocabulary);
      else if (kind < 0.7) words.splice(at, 1);
      else words.splice(at, 0, pick(vocabulary));
    }
    texts.push(words.join(' '));
  }
  for (let i = 0; i < 200; i++) texts.push(`  ${pick(texts).toUpperCase().replace(/ /g, '   ')}\n`);
  return texts;
}

/** The all-pairs reference: the components of the graph of exact duplicates and pairs at Jaccard ≥ THRESHOLD. */
function bruteForceRate(texts: readonly string[]): number {
  const words = (text: string): string[] => (text.toLowerCase().replace(/\u2019/g, "'").match(/[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu) ?? []);
  const exactKey = (text: string): string => text.toLowerCase().replace(/[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ').trim();
  const ids = new Map<string, number>();
  const sets = texts.map((text) => {
    const w = words(text);
    const set = new Set<number>();
    for (let i = 0; i + 5 <= w.length; i++) {
      const s = w.slice(i, i + 5).join(' ');
      if (!ids.has(s)) ids.set(s, ids.size);
      set.add(ids.get(s) as number);
    }
    return [...set];
  });
  const parent = texts.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x] as number)));
  const union = (x: number, y: number): void => {
    parent[find(x)] = find(y);
  };
  const byKey = new Map<string, number>();
  texts.forEach((text, i) => {
    const first = byKey.get(exactKey(text));
    if (first === undefined) byKey.set(exactKey(text), i);
    else union(first, i);
  });
  // Every pair sharing a shingle, with its overlap counted (pairs sharing none have Jaccard 0).
  const postings = new Map<number, number[]>();
  const overlap = new Int32Array(texts.length);
  sets.forEach((set, x) => {
    const touched: number[] = [];
    for (const s of set) {
      for (const y of postings.get(s) ?? []) {
        const o = overlap[y] ?? 0;
        overlap[y] = o + 1;
        if (o === 0) touched.push(y);
      }
    }
    for (const y of touched) {
      const o = overlap[y] ?? 0;
      if (o / (set.length + (sets[y]?.length ?? 0) - o) >= THRESHOLD) union(y, x);
      overlap[y] = 0;
    }
    for (const s of set) {
      const list = postings.get(s);
      if (list) list.push(x);
      else postings.set(s, [x]);
    }
  });
  const components = new Set(texts.map((_, i) => find(i))).size;
  return (texts.length - components) / texts.length;
}

describe('nearDuplicateRate within the exact limit', () => {
  const texts = fiveThousand();
  const reference = bruteForceRate(texts);

  it('equals an all-pairs check on 5,000 records', () => {
    const m = profileOf(texts, exactNear).metrics;
    assert.ok(reference > 0.05, `the set should hold near-duplicates (reference ${reference})`);
    assert.equal(m.nearDuplicateRate.value, reference);
    assert.equal(m.nearDuplicateRate.ci95, undefined);
    assert.equal(m.estimated, undefined);
    assert.ok(m.nearDuplicateRate.value > m.exactDuplicateRate.value);
  });

  it('is the same when the records arrive in chunks merged in order, and after a state round trip', () => {
    const parts = [texts.slice(0, 1700), texts.slice(1700, 1701), texts.slice(1701)];
    let line = 1;
    const [first, ...rest] = parts.map((part) => {
      const acc = accumulate(part, exactNear, 'data.jsonl', line);
      line += part.length;
      return acc;
    });
    if (!first) throw new Error('no parts');
    for (const part of rest) first.merge(ProfileAccumulator.fromState(structuredClone(part.toState())));
    const merged = measured(first.finish());
    assert.equal(merged.metrics.nearDuplicateRate.value, reference);
    assert.deepEqual(merged.nearDuplicatePairs, profileOf(texts, exactNear).nearDuplicatePairs);
  });

  it('names real pairs: each example is at or above the threshold, or an exact duplicate', () => {
    const pairs = profileOf(texts, exactNear).nearDuplicatePairs;
    assert.ok(pairs.length > 0);
    for (const p of pairs) assert.ok(p.jaccard >= THRESHOLD && p.a.line !== p.b.line);
  });
});

/** The exact join fed `list`, one record a text. */
function nearDuplicatesOf(list: readonly string[], minhash: MinHashOptions): NearDuplicates {
  const near = new NearDuplicates(minhash);
  const view = new RecordView();
  list.forEach((text, i) => {
    view.reset(text, { file: 'data.jsonl', line: i + 1 });
    near.add(view);
  });
  return near;
}

describe("the exact join with its search cut into rank ranges (the pool workers' finish jobs)", () => {
  // No exact duplicates (whose joins come first), so the example pairs are the search's own first joins.
  const all = fiveThousand();
  const texts = [...new Set(all.slice(0, 4800))];
  // Split however few the sets (the default splits only from SPLIT_JOIN_MIN_SETS, far above these 4,800).
  const options = { ...exactNear.minhash, splitJoinFrom: 0 };

  const fed = (list: readonly string[], minhash = options): NearDuplicates => nearDuplicatesOf(list, minhash);
  const whole = fed(texts).finish();

  it('holds pairs found by the search, below Jaccard 1, among its examples', () => {
    assert.ok(whole.pairs.some((p) => p.jaccard < 1), JSON.stringify(whole.pairs));
  });

  for (const ranges of [1, 3, 8, 40]) {
    it(`gives the same rate and example pairs from ${ranges} range${ranges === 1 ? '' : 's'}, each searched with clusters of its own`, async () => {
      const near = fed(texts);
      const jobs = await near.finishJobs(ranges);
      assert.ok(jobs.length > (ranges === 1 ? 1 : ranges), `${jobs.length} jobs`);
      // Each job crosses a thread boundary as the pool posts it: the arrays stay shared.
      near.adopt(jobs.map((job) => findPairs(structuredClone(job))));
      assert.deepEqual(near.finish(), whole);
    });
  }

  it('is what the accumulator settles to when the jobs run elsewhere, exact duplicates included', async () => {
    const split = { ...exactNear, minhash: options };
    const acc = accumulate(all, split);
    let ran = 0;
    await acc.settle(async (jobs: readonly FinishJob[]) => {
      ran += jobs.filter((job) => job.unit === 'nearDuplicates').length;
      return jobs.map((job) => runFinishJob(structuredClone(job)));
    });
    assert.ok(ran > 1, `${ran} join jobs`);
    assert.deepEqual(acc.finish(), profileOf(all, exactNear));
  });

  it('searches in this thread, with no jobs, below the sets it splits from', async () => {
    const near = fed(texts);
    assert.deepEqual(await new NearDuplicates(exactNear.minhash).finishJobs(8), [], 'no documents');
    const small = fed(texts, { ...options, splitJoinFrom: texts.length + 1 });
    assert.deepEqual(await small.finishJobs(8), []);
    assert.deepEqual(small.finish(), whole);
    assert.ok((await near.finishJobs(8)).length > 1);
  });
});

describe("the exact join's search shared with the batch's threads (join-split.ts)", () => {
  const all = fiveThousand();
  const texts = [...new Set(all.slice(0, 4800))];

  const fed = (): NearDuplicates => nearDuplicatesOf(texts, exactNear.minhash);
  const whole = fed().finish();

  /** A pacer that returns to the event loop after every piece, so a helper's turns come between them. */
  class EveryPiece extends Pacer {
    override due(): boolean {
      return true;
    }
  }

  /** `count` pieces from the top, as a batch thread takes them (searchFromTop, stopped early). */
  function topPieces(search: SharedSearch, count: number): FoundPiece[] {
    const found: FoundPiece[] = [];
    for (let k = 0; k < count; k++) {
      const piece = takePiece(search, true);
      if (piece < 0) break;
      found.push({ piece, found: findPairs({ ...search, from: search.cuts[piece] ?? 0, to: search.cuts[piece + 1] ?? 0 }) });
    }
    return found;
  }

  it('hands out each piece once, from either end, until the ends meet', async () => {
    let pieces = 0;
    const taken: number[] = [];
    await fed().settle(new Pacer(), (job) => {
      const search = job as SharedSearch;
      pieces = search.cuts.length - 1;
      for (let p = takePiece(search, true); p >= 0; p = takePiece(search, taken.length % 2 === 0)) taken.push(p);
      return Promise.resolve([]);
    });
    assert.ok(pieces > 8, `${pieces} pieces`);
    assert.deepEqual(taken.slice(0, 4), [pieces - 1, 0, pieces - 2, 1]);
    assert.deepEqual([...taken].sort((a, b) => a - b), [...Array(pieces).keys()]);
  });

  for (const [label, helper] of [
    ['none of the pieces', () => []],
    ['one piece', (search: SharedSearch) => [topPieces(search, 1)]],
    ['half the pieces', (search: SharedSearch) => [topPieces(search, (search.cuts.length - 1) >> 1)]],
    ['every piece', (search: SharedSearch) => [searchFromTop(structuredClone(search))]],
    ['pieces on two threads', (search: SharedSearch) => [topPieces(search, 3), topPieces(search, 2)]],
  ] as const) {
    it(`gives the one-thread join's rate and example pairs when the batch's threads took ${label} from the top`, async () => {
      const near = fed();
      let took = -1;
      await near.settle(new Pacer(), (job) => {
        const helped = helper(job as SharedSearch);
        took = helped.flat().length;
        return Promise.resolve(helped);
      });
      assert.ok(label !== 'every piece' || took > 8, `${took} pieces`);
      assert.deepEqual(near.finish(), whole);
    });
  }

  it("gives the one-thread join's figures when a batch thread takes a piece from the top between each of this thread's", async () => {
    const near = fed();
    const taken: number[] = [];
    await near.settle(new EveryPiece(), (job) => {
      const search = job as SharedSearch;
      const found: FoundPiece[] = [];
      return new Promise((resolve) => {
        const turn = (): void => {
          const [next] = topPieces(search, 1);
          if (!next) {
            resolve([found]);
            return;
          }
          found.push(next);
          taken.push(next.piece);
          setImmediate(turn);
        };
        setImmediate(turn);
      });
    });
    // Both sides searched: the top's pieces run down from the last, and this thread had the others.
    const pieces = taken.length > 0 ? (taken[0] ?? 0) + 1 : 0;
    assert.ok(taken.length > 2 && taken.length < pieces - 2, `the top took ${taken.length} of ${pieces}`);
    assert.deepEqual(near.finish(), whole);
  });

  it('waits for the pieces the batch thread has under way, and hears an abort while it waits', async () => {
    const controller = new AbortController();
    const near = fed();
    const settling = near.settle(new Pacer(controller.signal), () => new Promise(() => undefined));
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(settling, { name: 'AbortError' });
  });
});


describe("the exact join beside the n-gram tables' finish jobs (ProfileAccumulator.settle)", () => {
  const texts = fiveThousand().slice(0, 600);

  /**
   * Settles an accumulator of `texts` with jobs run here after a few turns of the event loop, as on workers; returns what
   * happened, in order. `untilShared`: the batch ends once the join has shared its search instead (a loaded machine can
   * take longer than those turns to plan the join).
   */
  async function settleRecording(options: Partial<AccumulatorOptions>, beside = false, untilShared = false): Promise<{ events: string[]; figures: AccumulatedFigures }> {
    const events: string[] = [];
    const settle = NearDuplicates.prototype.settle;
    NearDuplicates.prototype.settle = function (this: NearDuplicates, pacer, beside) {
      events.push('join settles');
      return settle.call(this, pacer, beside);
    };
    try {
      const acc = accumulate(texts, options);
      let sharedNow = (): void => undefined;
      const shared = new Promise<void>((resolve) => (sharedNow = resolve));
      const runBatch = async (jobs: readonly FinishJob[]): Promise<unknown[]> => {
        events.push(`batch of ${[...new Set(jobs.map((job) => job.unit))].join(', ')}`);
        await (untilShared ? shared : new Promise((resolve) => setTimeout(resolve, 20)));
        events.push('batch done');
        return jobs.map((job) => runFinishJob(structuredClone(job)));
      };
      // A batch thread with no job left at once: it takes every piece of what it is given beside the batch.
      const runner = Object.assign((jobs: readonly FinishJob[]) => runBatch(jobs), {
        beside: (job: FinishJob) => {
          const found = runFinishJob(structuredClone(job)) as unknown[];
          events.push(`beside: ${job.unit}, ${found.length} pieces`);
          sharedNow();
          return Promise.resolve([found]);
        },
      });
      await acc.settle(beside ? runner : runBatch);
      return { events, figures: acc.finish() };
    } finally {
      NearDuplicates.prototype.settle = settle;
    }
  }

  it('runs the join below its split in this thread while the batch is out, to the figures of one thread', async () => {
    const { events, figures } = await settleRecording(SPILLING);
    assert.deepEqual(events.slice(0, 3), [events[0], 'join settles', 'batch done'], events.join(' | '));
    assert.doesNotMatch(events[0] ?? '', /nearDuplicates/);
    assert.deepEqual(figures, profileOf(texts, SPILLING));
  });

  it("shares the join's search below its split with the last batch's threads, to the figures of one thread", async () => {
    const { events, figures } = await settleRecording(SPILLING, true, true);
    assert.equal(events.length, 4, events.join(' | '));
    assert.doesNotMatch(events[0] ?? '', /nearDuplicates/);
    assert.equal(events[1], 'join settles');
    assert.match(events[2] ?? '', /^beside: nearDuplicates, ([1-9]\d*) pieces$/);
    assert.equal(events[3], 'batch done');
    assert.deepEqual(figures, profileOf(texts, SPILLING));
  });

  it("makes the words unit's unigram figures beside the batch once the join's search is shared, not before", async () => {
    const events: string[] = [];
    const ahead = WordNgrams.prototype.figuringAhead;
    try {
      const acc = accumulate(texts, SPILLING);
      let aheadMade = (): void => undefined;
      const made = new Promise<void>((resolve) => (aheadMade = resolve));
      // The batch ends once the figures ahead are made: they come while it is out, whatever the machine's load.
      const runner = Object.assign(
        async (jobs: readonly FinishJob[]): Promise<unknown[]> => {
          events.push('batch');
          await made;
          events.push('batch done');
          return jobs.map((job) => runFinishJob(structuredClone(job)));
        },
        {
          beside: (job: FinishJob) => {
            events.push(`beside: ${job.unit}`);
            return Promise.resolve([runFinishJob(structuredClone(job))]);
          },
        },
      );
      WordNgrams.prototype.figuringAhead = function* (this: WordNgrams, size: number): Work<void> {
        events.push('ahead');
        yield* ahead.call(this, size);
        aheadMade();
      };
      await acc.settle(runner);
      assert.deepEqual(events, ['batch', 'beside: nearDuplicates', 'ahead', 'batch done']);
      assert.deepEqual(acc.finish(), profileOf(texts, SPILLING));
    } finally {
      WordNgrams.prototype.figuringAhead = ahead;
    }
  });

  it("gives nothing to share to a split join's own batch (its search is that batch)", async () => {
    const split = { ...SPILLING, minhash: { ...(SPILLING.minhash as MinHashOptions), splitJoinFrom: 0 } };
    const { events, figures } = await settleRecording(split, true);
    assert.deepEqual(events.slice(1), ['batch done', 'batch of nearDuplicates', 'batch done', 'join settles']);
    assert.deepEqual(figures, profileOf(texts, SPILLING));
  });

  it('makes a split join wait for the batch before it (its index comes after those threads end), and settles it after its own', async () => {
    const split = { ...SPILLING, minhash: { ...(SPILLING.minhash as MinHashOptions), splitJoinFrom: 0 } };
    const { events, figures } = await settleRecording(split);
    assert.equal(events.length, 5, events.join(' | '));
    assert.doesNotMatch(events[0] ?? '', /nearDuplicates/);
    assert.deepEqual(events.slice(1), ['batch done', 'batch of nearDuplicates', 'batch done', 'join settles']);
    assert.deepEqual(figures, profileOf(texts, SPILLING));
  });
});
