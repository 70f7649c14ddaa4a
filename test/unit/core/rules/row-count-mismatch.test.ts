import { strict as assert } from 'node:assert';
import { applyEdits, at, buildManifest, buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'row-count-mismatch');

const spec: ManifestSpec = { sources: [{ id: 'gen', origin: 'synthetic', generator: { model: 'm' }, rows: 52_000 }] };

describe('row-count-mismatch', () => {
  it('reports declared rows that differ from the counted records, on rows, with a fix that writes the count', () => {
    const findings = only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('gen', { records: 48_000 })) }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '6:11');
    assert.equal(f.message, "Source 'gen' declares 52000 rows but its files hold 48000 records, a difference of 8.3% (tolerance 1%).");
    const fixed = applyEdits(buildManifest(spec).text, f.fixes?.[0]?.edits ?? []);
    assert.match(fixed, /^ {4}rows: 48000$/m);
  });

  it('passes a count within the tolerance', () => {
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('gen', { records: 51_800 })) })), []);
  });

  it('compares a sampled profile’s estimated population with the wider sampledTolerance, and offers no fix', () => {
    const sampled = (population: number) => profileMap(buildProfile('gen', { records: population, sample: { size: 4000, population } }));
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: sampled(48_000) })), []);
    const f = only(lintSpec(spec, { data: true, profiles: sampled(40_000) }))[0];
    assert.equal(f?.message, "Source 'gen' declares 52000 rows but its files hold an estimated 40000 records (from a sample of 4000), a difference of 30% (tolerance 10%).");
    assert.equal(f?.fixes, undefined);
  });

  it('offers no fix when part of the data could not be read', () => {
    const issues = [{ file: '/work/ds/gen.jsonl', line: 3, message: 'malformed JSON' }];
    const f = only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('gen', { records: 48_000, issues })) }))[0];
    assert.match(f?.message ?? '', /Some data could not be read \(see unreadable-data\)/);
    assert.equal(f?.fixes, undefined);
  });

  it('says nothing of a source that gave no record (a schema nobody named): its 0 counts no row, and unreadable-data says why', () => {
    const issues = [{ file: '/work/ds/gen.jsonl', message: 'no known text schema' }];
    const files = [{ path: '/work/ds/gen.jsonl', bytes: 9_000_000, format: 'jsonl', records: 52_000, malformed: 0, issues }];
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('gen', { records: 0, files, issues })) })), []);
  });
});
