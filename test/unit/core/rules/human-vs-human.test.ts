/**
 * The data rules that compare a generated source with the manifest's human data must not fire when both
 * sides are human (or the same writer): one part of a real corpus from ../shared/data declared `human`,
 * a disjoint part of the same corpus declared `synthetic`, at sizes from 10 to 1,000 records, over two
 * random splits. The figures come from the real accumulator, so the rules see what they see on a user's
 * data (vocabulary-tail-loss its document frequencies, low-diversity its size-matched draws).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../../../../src/analyzer/metrics/hashing';
import type { SourceProfile } from '../../../../src/core/profile';
import { profileOf } from '../../metrics/helpers';
import { buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const DATA = path.resolve(__dirname, '../../../../..', 'shared', 'data');
const jsonl = (file: string) => readFileSync(path.join(DATA, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, string>);

/**
 * Human-written corpora, and Alpaca as a same-writer control big enough for 1,000-record sources. Read when the test
 * runs, so a missing ../shared fails this test with its path instead of aborting the whole mocha run at load.
 */
const corpora = (): Record<string, string[]> => ({
  'm4-reddit': jsonl('m4/reddit_llama2.jsonl').map((r) => r.human_text ?? ''),
  'm4-wikihow': jsonl('m4/wikihow_llama2.jsonl').map((r) => r.human_text ?? ''),
  'm4-id-newspaper': jsonl('m4/id-newspaper_llama2.jsonl').map((r) => r.human_text ?? ''),
  'm4-qazh': jsonl('m4/qazh_llama2.jsonl').map((r) => r.human_text ?? ''),
  'selfinstruct-human': jsonl('detect/selfinstruct_human_eval.jsonl').filter((r) => r.cls === 'human').map((r) => r.text ?? ''),
  'alpaca (same writer)': (JSON.parse(readFileSync(path.join(DATA, 'instruct/alpaca_5000.json'), 'utf8')) as Record<string, string>[]).map((r) =>
    [r.instruction, r.input, r.output].filter((f) => f).join('\n'),
  ),
});
const SIZES = [10, 30, 50, 100, 300, 1000];
const SPLITS = [7, 19];
const RULES = ['low-diversity', 'vocabulary-tail-loss'];
const METRICS = { metrics: ['lengths', 'compression', 'ngramDiversity', 'words', 'provenance'] as never[] };

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function profile(id: string, texts: string[]): SourceProfile {
  return buildProfile(id, { ...profileOf(texts, METRICS), records: texts.length });
}

describe('data rules: human data checked against human data of the same corpus', function () {
  this.timeout(600_000);
  it('low-diversity and vocabulary-tail-loss each flag at most 5% of the comparisons, at sizes 10 to 1,000', () => {
    const spec: ManifestSpec = { sources: [{ id: 'people', origin: 'human' }, { id: 'suspect', origin: 'synthetic', generator: { model: 'm' } }] };
    const flagged = new Map<string, string[]>(RULES.map((r) => [r, []]));
    let checks = 0;
    for (const [name, texts] of Object.entries(corpora())) {
      for (const seed of SPLITS) {
        const pool = shuffled(texts.filter((t) => t.trim()), seed);
        for (const size of SIZES) {
          // The judged part is at most half the corpus; the human side is the rest, up to 1,000 records.
          const n = Math.min(size, Math.floor(pool.length / 2));
          if (n < size && size !== SIZES.find((s) => s >= pool.length / 2)) continue;
          const profiles = profileMap(profile('people', pool.slice(n, n + 1000)), profile('suspect', pool.slice(0, n)));
          const findings = lintSpec(spec, { data: true, profiles }).filter((f) => RULES.includes(f.ruleId));
          checks++;
          for (const f of findings) flagged.get(f.ruleId)?.push(`${name} (split ${seed}) at ${n}: ${f.message}`);
        }
      }
    }
    assert.ok(checks >= 40, `${checks} checks`);
    for (const [rule, hits] of flagged) assert.ok(hits.length <= 0.05 * checks, `${rule}: ${hits.length} of ${checks} flagged:\n${hits.join('\n')}`);
  });
});
