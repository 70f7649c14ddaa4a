import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { Manifest } from '../../../src/core/manifest';
import type { SourceProfile } from '../../../src/core/profile';
import { isConfigFile, lintFile, type AnalyzeFn } from '../../../src/project/lint-file';
import { loadPrevious, readPrevious } from '../../../src/project/previous';
import { makeTree } from './tmp-tree';

const V1 = `name: chat
sources:
  - id: tickets
    files: [data/tickets.jsonl]
    origin: human
  - id: forum
    files: [data/forum.txt]
    origin: human
`;
const V2 = `name: chat
previous: v1.dataset.yaml
sources:
  - id: tickets
    files: [data/tickets.jsonl]
    origin: human
  - id: answers
    files: [data/answers-*.jsonl]
    origin: synthetic
    generator: { model: mistral-7b-instruct, generation: 1 }
`;

describe('project/lintFile', () => {
  const tree = makeTree({
    'ws/.synthlint.yaml': 'rules:\n  real-data-replaced: error\n',
    'ws/v1.dataset.yaml': V1,
    'ws/v2.dataset.yaml': V2,
    'ws/data/tickets.jsonl': '{"text": "a"}\n',
    'ws/data/forum.txt': 'a\n',
    'ws/data/answers-1.jsonl': '{"text": "b"}\n',
    'ws/lost.dataset.yaml': 'previous: gone.dataset.yaml\nsources:\n  - id: a\n    files: [data/tickets.jsonl]\n    origin: human\n',
    'bad/.synthlint.yaml': 'rules:\n  synthetic-shar: error\n',
    'bad/m.dataset.yaml': 'sources:\n  - id: a\n    files: [nothing.jsonl]\n    origin: human\n',
  });
  after(() => tree.remove());

  it('parses, resolves files, loads the previous version and applies the nearest config', async () => {
    const linted = await lintFile(tree.path('ws/v2.dataset.yaml'));
    assert.equal(linted.manifest?.sources.length, 2);
    const replaced = linted.findings.filter((f) => f.ruleId === 'real-data-replaced');
    assert.equal(replaced.length, 1);
    assert.equal(replaced[0]?.severity, 'error');
    assert.match(replaced[0]?.message ?? '', /'forum'/);
    assert.ok(!linted.findings.some((f) => f.ruleId === 'source-missing'), 'answers-*.jsonl resolves');
  });

  it('gives the same findings for a path relative to the working folder as for the absolute path', async () => {
    const absolute = await lintFile(tree.path('ws/v2.dataset.yaml'));
    const relative = await lintFile(path.relative(process.cwd(), tree.path('ws/v2.dataset.yaml')));
    assert.ok(absolute.findings.length > 0);
    assert.deepEqual(relative.findings, absolute.findings);
  });

  it('lints the text it is given (an editor buffer) instead of the file on disk', async () => {
    const text = V2.replace('data/answers-*.jsonl', 'data/missing-*.jsonl');
    const linted = await lintFile(tree.path('ws/v2.dataset.yaml'), { text });
    const missing = linted.findings.find((f) => f.ruleId === 'source-missing');
    assert.deepEqual(missing?.range.start, { line: 7, character: 12 });
  });

  it('reports an unreadable previous version on the `previous` field, and an unreadable file at its start', async () => {
    const lost = await lintFile(tree.path('ws/lost.dataset.yaml'));
    const finding = lost.findings.find((f) => f.ruleId === 'manifest-invalid');
    assert.match(finding?.message ?? '', /Cannot read the previous manifest "gone\.dataset\.yaml": ENOENT/);
    assert.deepEqual(finding?.range.start, { line: 0, character: 10 });

    const gone = await lintFile(tree.path('ws/nope.dataset.yaml'));
    assert.deepEqual(
      gone.findings.map((f) => [f.ruleId, f.message, f.range.start.line]),
      [['manifest-invalid', 'Cannot read the manifest: ENOENT.', 0]],
    );
  });

  it('carries the findings of a broken config, positioned in the config file', async () => {
    const linted = await lintFile(tree.path('bad/m.dataset.yaml'));
    const config = linted.findings.filter((f) => f.file === tree.path('bad/.synthlint.yaml'));
    assert.equal(config.length, 1);
    assert.equal(config[0]?.ruleId, 'config-invalid');
    assert.ok(linted.findings.some((f) => f.ruleId === 'source-missing' && f.file === tree.path('bad/m.dataset.yaml')));
  });

  it('uses --config instead of searching when given one', async () => {
    const linted = await lintFile(tree.path('ws/v2.dataset.yaml'), { configFile: tree.path('bad/.synthlint.yaml') });
    assert.equal(linted.findings.find((f) => f.ruleId === 'real-data-replaced')?.severity, 'warning');
    assert.ok(linted.findings.some((f) => f.ruleId === 'config-invalid'));
  });

  it('lints a config file as a config', async () => {
    assert.equal(isConfigFile(tree.path('bad/.synthlint.yaml')), true);
    const linted = await lintFile(tree.path('bad/.synthlint.yaml'));
    assert.equal(linted.manifest, undefined);
    assert.deepEqual(
      linted.findings.map((f) => f.ruleId),
      ['config-invalid'],
    );
  });

  it('runs the injected analyzer on the resolved files only when data is asked for', async () => {
    const calls: [string, string[]][] = [];
    const analyze: AnalyzeFn = async (manifest: Manifest, files) => {
      for (const [id, list] of files) calls.push([id, [...list]]);
      return new Map<string, SourceProfile>();
    };
    await lintFile(tree.path('ws/v2.dataset.yaml'), { analyze });
    assert.equal(calls.length, 0);
    const linted = await lintFile(tree.path('ws/v2.dataset.yaml'), { analyze, data: true });
    assert.deepEqual(calls, [
      ['tickets', [tree.path('ws/data/tickets.jsonl')]],
      ['answers', [tree.path('ws/data/answers-1.jsonl')]],
    ]);
    assert.equal(linted.profiles.size, 0);
  });

  it('stops with an AbortError when cancelled before the analysis', async () => {
    const controller = new AbortController();
    controller.abort();
    const analyze: AnalyzeFn = async () => assert.fail('must not analyse after cancellation');
    await assert.rejects(lintFile(tree.path('ws/v2.dataset.yaml'), { analyze, data: true, signal: controller.signal }), { name: 'AbortError' });
  });

  it('readPrevious/loadPrevious give the previous model, or findings when there is none to load', async () => {
    const v2 = (await lintFile(tree.path('ws/v2.dataset.yaml'))).manifest;
    assert.ok(v2);
    assert.deepEqual(
      loadPrevious(v2)?.sources.map((s) => s.id),
      ['tickets', 'forum'],
    );
    assert.deepEqual(readPrevious({ ...v2, previous: undefined }), { findings: [] });
    assert.match(readPrevious({ ...v2, previous: 'v2.dataset.yaml' }).findings[0]?.message ?? '', /names this manifest itself/);
  });
});
