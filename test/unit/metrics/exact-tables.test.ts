/**
 * Within the exact limit the n-gram figures come from exact tables that spill to temporary files
 * (exact-counts.ts, self-repetition-exact.ts). Whether they spilled or not, they must equal the package's
 * definitions computed here on strings (ngram_diversity_score, self_repetition_score), be marked as no estimate,
 * and leave no file behind once the accumulator is released.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProfileAccumulator } from '../../../src/analyzer/metrics/accumulator';
import { removeStaleSpillFolders } from '../../../src/analyzer/metrics/spill-runs';
import { SPILLING, accumulate, corpus, measured, runFiles, within } from './helpers';

/** ngram_diversity_score(data, num_n=4) on strings: documents joined and split on ' ', n-grams across documents. */
function ngramDiversity(texts: readonly string[]): number {
  const tokens = texts.join(' ').split(' ');
  let score = 0;
  for (let n = 1; n <= 4; n++) {
    const total = tokens.length - n + 1;
    if (total <= 0) continue;
    const unique = new Set<string>();
    for (let i = 0; i < total; i++) unique.add(tokens.slice(i, i + n).join('\u0000'));
    score += unique.size / total;
  }
  return score;
}

/** self_repetition_score(dataset, n=4) on strings. */
function selfRepetition(texts: readonly string[]): number {
  const grams = texts.map((t) => {
    const tokens = t.split(/\s+/).filter((x) => x !== '');
    const set = new Set<string>();
    for (let i = 0; i + 4 <= tokens.length; i++) set.add(tokens.slice(i, i + 4).join('\u0000'));
    return set;
  });
  const df = new Map<string, number>();
  for (const set of grams) for (const g of set) df.set(g, (df.get(g) ?? 0) + 1);
  let total = 0;
  for (const set of grams) {
    let shared = 0;
    for (const g of set) shared += (df.get(g) ?? 1) - 1;
    total += Math.log(shared + 1);
  }
  return total / texts.length;
}


describe('exact n-gram tables within the exact limit', () => {
  const texts = corpus(23, 2500);

  it('equal the package definitions when they spill, and when they do not', () => {
    for (const spillAboveKeys of [64, 2 ** 30]) {
      const acc = accumulate(texts, { ...SPILLING, spillAboveKeys });
      const figures = measured(acc.finish());
      assert.ok(Math.abs(figures.metrics.ngramDiversity.value - ngramDiversity(texts)) < 1e-12, `ngramDiversity, ${spillAboveKeys} keys in memory`);
      assert.ok(Math.abs(figures.metrics.selfRepetition.value - selfRepetition(texts)) < 1e-12, `selfRepetition, ${spillAboveKeys} keys in memory`);
      assert.equal(figures.metrics.estimated, undefined);
      acc.release();
    }
  });

  it('give the in-memory figures to the last bit when spilled, distinct-n and entropy included', () => {
    const inMemory = accumulate(texts, { ...SPILLING, spillAboveKeys: 2 ** 30 }).finish();
    const spilled = accumulate(texts, SPILLING);
    assert.deepEqual(spilled.finish(), inMemory);
    spilled.release();
  });

  it('delete their temporary files when released, also after moving between threads and merging', async () => {
    const before = new Set(runFiles());
    const first = accumulate(texts.slice(0, 1200), SPILLING);
    const second = ProfileAccumulator.fromState(structuredClone(accumulate(texts.slice(1200), SPILLING).toState()));
    first.merge(second);
    first.finish();
    assert.ok(runFiles().some((f) => !before.has(f)), 'the tables should have spilled');
    first.release();
    // Deleted in the background (spill-runs.ts, deleteSoon).
    const left = (): string[] => runFiles().filter((f) => !before.has(f));
    assert.ok(await within(30_000, () => left().length === 0), `temporary files left: ${left().join(', ')}`);
  });

  it('remove the empty spill folders of processes that are gone, and keep the others', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'synthlint-stale-'));
    // Pids that certainly belonged to processes that have exited: children run to completion.
    const [gone, goneWithRuns] = [0, 1].map(() => spawnSync(process.execPath, ['-e', '']).pid);
    const names = [`synthlint-spill-${gone}`, `synthlint-spill-${goneWithRuns}`, `synthlint-spill-${process.pid}`, 'synthlint-spill-x1', `other-${gone}`];
    for (const name of names) mkdirSync(path.join(parent, name));
    writeFileSync(path.join(parent, `synthlint-spill-${goneWithRuns}`, '1-0.run'), '');
    removeStaleSpillFolders(parent);
    assert.deepEqual(readdirSync(parent).sort(), names.filter((n) => n !== `synthlint-spill-${gone}`).sort());
    rmSync(parent, { recursive: true, force: true });
  });
});
