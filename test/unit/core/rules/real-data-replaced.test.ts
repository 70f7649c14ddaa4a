import { strict as assert } from 'node:assert';
import { at, buildManifest, lintSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'real-data-replaced');

const previous = buildManifest(
  {
    sources: [
      { id: 'seed', origin: 'human', files: ['data/seed_tasks.jsonl'] },
      { id: 'forum', origin: 'human', files: ['data/forum.jsonl'] },
      { id: 'gen1', origin: 'synthetic', generator: { model: 'm' }, files: ['data/gen1.jsonl'] },
    ],
  },
  '/work/ds/v1.dataset.yaml',
).manifest;

describe('real-data-replaced', () => {
  it('reports each human source of the previous version that this version drops, on the previous key', () => {
    const findings = only(
      lintSpec(
        {
          previous: 'v1.dataset.yaml',
          sources: [
            { id: 'seed', origin: 'human', files: ['data/seed_tasks.jsonl'] },
            { id: 'gen2', origin: 'synthetic', generator: { model: 'm' }, files: ['data/gen2.jsonl'] },
          ],
        },
        { previous },
      ),
    );
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${f.severity} ${at(f.range)}`), ['forum warning 1:11']);
    assert.match(findings[0]?.message ?? '', /^Human source 'forum' of the previous version \(v1\.dataset\.yaml\) is gone\./);
    assert.deepEqual(findings[0]?.related?.map((r) => `${r.file} ${at(r.range)}`), ['/work/ds/v1.dataset.yaml 6:9']);
  });

  it('passes when the human data is kept, even under a new id with the same files (accumulate)', () => {
    const findings = only(
      lintSpec(
        {
          previous: 'v1.dataset.yaml',
          sources: [
            { id: 'seed', origin: 'human' },
            { id: 'forum-v2', origin: 'human', files: ['./data/forum.jsonl'] },
            { id: 'gen2', origin: 'synthetic', generator: { model: 'm' } },
          ],
        },
        { previous },
      ),
    );
    assert.deepEqual(findings, []);
  });

  it('counts a human source turned synthetic under the same id as replaced', () => {
    const findings = only(
      lintSpec(
        { sources: [{ id: 'seed', origin: 'synthetic', generator: { model: 'm' } }, { id: 'forum', origin: 'human' }] },
        { previous },
      ),
    );
    assert.deepEqual(findings.map((f) => f.sourceId), ['seed']);
  });

  it('does nothing without a previous manifest', () => {
    assert.deepEqual(only(lintSpec({ sources: [] })), []);
  });
});
