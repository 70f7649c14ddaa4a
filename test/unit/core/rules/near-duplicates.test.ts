import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../../src/core/config';
import { at, buildProfile, est, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'near-duplicates');

const spec: ManifestSpec = { sources: [{ id: 'scrape', origin: 'human', files: ['scrape.jsonl'] }] };
const FILE = '/work/ds/scrape.jsonl';

describe('near-duplicates', () => {
  it('reports a source above the near-duplicate maximum, with each pair’s rows as related locations', () => {
    const profiles = profileMap(
      buildProfile('scrape', {
        metrics: { nearDuplicateRate: est(0.12), exactDuplicateRate: est(0.004) },
        nearDuplicatePairs: [{ a: { file: FILE, line: 3 }, b: { file: FILE, line: 41 }, jaccard: 0.91 }],
      }),
    );
    const findings = only(lintSpec(spec, { data: true, profiles }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '2:9');
    assert.equal(
      f.message,
      "In source 'scrape', 12% are near-duplicates (maximum 5%); 0.4% are exact duplicates (maximum 1%). Duplicated text is memorised and over-weighted in training; deduplicate the source.",
    );
    assert.deepEqual(
      f.related?.map((r) => `${r.file} ${at(r.range)} ${r.message}`),
      [`${FILE} 3:1 near-duplicate of scrape.jsonl:41 (Jaccard 0.91)`, `${FILE} 41:1 near-duplicate of scrape.jsonl:3 (Jaccard 0.91)`],
    );
  });

  it('reports exact duplicates alone, and says when the near-duplicate rate is a MinHash-LSH estimate', () => {
    const profiles = profileMap(buildProfile('scrape', { records: 5000, metrics: { exactDuplicateRate: est(0.03), nearDuplicateRate: est(0.03), estimated: ['nearDuplicateRate'] } }));
    const f = only(lintSpec(spec, { data: true, profiles }))[0];
    assert.match(f?.message ?? '', /3% are near-duplicates \(MinHash-LSH estimate over every record\) \(maximum 5%\); 3% are exact duplicates \(maximum 1%\)/);
    assert.equal(f?.related, undefined);
  });

  it('passes a deduplicated source', () => {
    const profiles = profileMap(buildProfile('scrape', { metrics: { nearDuplicateRate: est(0.01), exactDuplicateRate: est(0) } }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles })), []);
  });

  it('does not judge a source under minRecords (30): one duplicate pair in 6 records is a third of them', () => {
    const small = profileMap(buildProfile('scrape', { records: 6, metrics: { nearDuplicateRate: est(1 / 3), exactDuplicateRate: est(1 / 3) } }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: small })), []);
    const atMinimum = profileMap(buildProfile('scrape', { records: 30, metrics: { nearDuplicateRate: est(0.1), exactDuplicateRate: est(0.1) } }));
    assert.equal(only(lintSpec(spec, { data: true, profiles: atMinimum })).length, 1);
    const lower = parseConfig('/work/ds/.synthlint.yaml', 'rules:\n  near-duplicates: [warning, { minRecords: 5 }]').config;
    assert.equal(only(lintSpec(spec, { data: true, profiles: small, config: lower })).length, 1);
  });
});
