/**
 * What the text-judging rules report on real human and model-written corpora from ../shared/data, at their
 * defaults: the *Measured accuracy* sections of docs/rules/assistant-artifacts.md, template-collapse.md and
 * near-duplicates.md state these results, and this test keeps them true. Every corpus is declared synthetic, so
 * template-collapse (which skips human sources) judges the people's text too, as the page's table does.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { profileOf } from '../../metrics/helpers';
import { buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const DATA = path.resolve(__dirname, '../../../../..', 'shared', 'data');
const RULES = ['assistant-artifacts', 'template-collapse', 'near-duplicates'];
const METRICS = { metrics: ['artifacts', 'openings', 'nearDuplicates'] as never[] };

const jsonl = (file: string): Record<string, string>[] =>
  readFileSync(path.join(DATA, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, string>);

/** Each corpus's texts, read when the test runs (a missing ../shared fails this test with its path). */
function corpora(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const corpus of ['reddit', 'wikihow', 'id-newspaper', 'qazh']) {
    const rows = jsonl(`m4/${corpus}_llama2.jsonl`);
    out[`m4-${corpus} human`] = rows.map((r) => r.human_text ?? '');
    out[`m4-${corpus} llama-2`] = rows.map((r) => r.machine_text ?? '');
  }
  const selfInstruct = jsonl('detect/selfinstruct_human_eval.jsonl');
  out['selfinstruct human'] = selfInstruct.filter((r) => r.cls === 'human').map((r) => r.text ?? '');
  out['selfinstruct machine'] = selfInstruct.filter((r) => r.cls !== 'human').map((r) => r.text ?? '');
  const alpaca = JSON.parse(readFileSync(path.join(DATA, 'instruct/alpaca_5000.json'), 'utf8')) as Record<string, string>[];
  out['alpaca text-davinci-003'] = alpaca.map((r) => r.output ?? '');
  return out;
}

/** The corpora each rule reports at its defaults, as the rule pages say. */
const EXPECTED: Record<string, string[]> = {
  'assistant-artifacts': ['m4-qazh llama-2'],
  'template-collapse': ['m4-id-newspaper human', 'm4-id-newspaper llama-2', 'm4-qazh llama-2', 'm4-reddit llama-2', 'm4-wikihow llama-2'],
  'near-duplicates': ['selfinstruct machine'],
};

describe('text-judging rules on real corpora (the rule pages\' measured accuracy)', function () {
  this.timeout(300_000);
  it('report exactly the corpora their pages name, at the defaults', () => {
    const spec: ManifestSpec = { sources: [{ id: 'corpus', origin: 'synthetic', generator: { model: 'm' } }] };
    const flagged = new Map<string, string[]>(RULES.map((r) => [r, []]));
    for (const [name, texts] of Object.entries(corpora())) {
      const records = texts.filter((t) => t.trim());
      const profiles = profileMap(buildProfile('corpus', { ...profileOf(records, METRICS), records: records.length }));
      for (const f of lintSpec(spec, { data: true, profiles })) flagged.get(f.ruleId)?.push(name);
    }
    for (const rule of RULES) assert.deepEqual([...(flagged.get(rule) ?? [])].sort(), [...(EXPECTED[rule] ?? [])].sort(), rule);
  });
});
