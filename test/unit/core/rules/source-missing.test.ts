import { strict as assert } from 'node:assert';
import { at, lintSpec, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'source-missing');

const spec: ManifestSpec = {
  sources: [
    {
      id: 'mix',
      origin: 'human',
      files: ['data/*.jsonl', 'extra/notes.txt', 'allenai/tulu-3-sft-mixture', 'hf://datasets/x/y', '../shared/seed.jsonl'],
    },
  ],
};

describe('source-missing', () => {
  it('reports each files entry that matched nothing, at that entry; hub names and URLs are skipped', () => {
    const resolvedFiles = new Map([['mix', ['/work/ds/data/a.jsonl']]]);
    const findings = only(lintSpec(spec, { resolvedFiles }));
    assert.deepEqual(findings.map((f) => `${f.severity} ${at(f.range)} ${f.message}`), [
      "error 6:9 'extra/notes.txt' of source 'mix' matches no file.",
      "error 9:9 '../shared/seed.jsonl' of source 'mix' matches no file.",
    ]);
  });

  it('passes when every entry matched a file (globs, exact paths and ../ paths)', () => {
    const resolvedFiles = new Map([['mix', ['/work/ds/data/a.jsonl', '/work/ds/extra/notes.txt', '/work/shared/seed.jsonl']]]);
    assert.deepEqual(only(lintSpec(spec, { resolvedFiles })), []);
  });

  it("judges an entry that many sources share against each source's own files", () => {
    // One entry read once for the manifest: its answer still depends on the files each source resolved to.
    const shared: ManifestSpec = {
      sources: ['a', 'b', 'c'].map((id) => ({ id, origin: 'human' as const, files: ['data/*.jsonl', 'extra'] })),
    };
    const resolvedFiles = new Map([
      ['a', ['/work/ds/data/a.jsonl', '/work/ds/extra/x.txt']],
      ['b', ['/work/ds/extra/x.txt']],
      ['c', ['/work/ds/data/c.jsonl']],
    ]);
    assert.deepEqual(only(lintSpec(shared, { resolvedFiles })).map((f) => f.message), [
      "'data/*.jsonl' of source 'b' matches no file.",
      "'extra' of source 'c' matches no file.",
    ]);
  });

  it('is skipped when the caller did not resolve files', () => {
    assert.deepEqual(only(lintSpec(spec)), []);
  });

  it('names the path once when the source is named by it, as training configs name local files', () => {
    const byPath: ManifestSpec = { sources: [{ id: 'data/train.jsonl', origin: 'human', files: ['data/train.jsonl'] }] };
    const findings = only(lintSpec(byPath, { resolvedFiles: new Map([['data/train.jsonl', []]]) }));
    assert.deepEqual(findings.map((f) => f.message), ["'data/train.jsonl' matches no file."]);
  });
});
