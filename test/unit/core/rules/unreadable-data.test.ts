import { strict as assert } from 'node:assert';
import { at, buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'unreadable-data');

const spec: ManifestSpec = { sources: [{ id: 'logs', origin: 'human', files: ['data/a.jsonl', 'data/b/*.jsonl'] }] };

describe('unreadable-data', () => {
  it('reports malformed records at the files entry that names the file, with each problem’s line as related information', () => {
    const file = '/work/ds/data/b/part-1.jsonl';
    const issues = [
      { file, line: 12, message: 'malformed JSON: Unexpected token } in JSON at position 40' },
      { file, line: 90, message: 'malformed JSON: Unterminated string in JSON at position 7' },
    ];
    const profiles = profileMap(
      buildProfile('logs', { files: [{ path: file, bytes: 900, format: 'jsonl', records: 98, malformed: 2, issues }], issues }),
    );
    const findings = only(lintSpec(spec, { data: true, profiles }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '6:9');
    assert.equal(
      f.message,
      "Source 'logs' could not be read fully (2 malformed records, 2 problems in 1 file); its figures cover only the records that were read. First: part-1.jsonl:12: malformed JSON: Unexpected token } in JSON at position 40.",
    );
    assert.deepEqual(f.related?.map((r) => `${r.file} ${at(r.range)}`), [`${file} 12:1`, `${file} 90:1`]);
  });

  it('reports a file that could not be read at all, even when the source has no records', () => {
    const issues = [{ file: '/work/ds/data/a.jsonl', message: 'data file not found' }];
    const profiles = profileMap(buildProfile('logs', { records: 0, files: [], issues }));
    const findings = only(lintSpec(spec, { data: true, profiles }));
    assert.equal(findings.length, 1);
    assert.equal(at(findings[0]!.range), '5:9');
    assert.match(findings[0]!.message, /\(1 problem in 1 file\).*First: a\.jsonl: data file not found\.$/);
  });

  it('says a source that gave no record has no figures and no known size, not that its figures are partial', () => {
    const file = '/work/ds/data/a.jsonl';
    const issues = [{ file, message: 'no known text schema (alpaca, ...); name the fields with `text:` — string fields found: prompt, human_text' }];
    const profiles = profileMap(buildProfile('logs', { records: 0, files: [{ path: file, bytes: 800, format: 'jsonl', records: 100, malformed: 0, issues }], issues }));
    const [finding] = only(lintSpec(spec, { data: true, profiles }));
    assert.match(finding?.message ?? '', /^Source 'logs' gave no record to measure \(1 problem in 1 file\); it has no figures, and its size is unknown\. First: a\.jsonl: no known text schema/);
  });

  it('passes a source whose files were read cleanly', () => {
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(buildProfile('logs')) })), []);
  });
});
