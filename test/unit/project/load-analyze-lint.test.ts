import { strict as assert } from 'node:assert';
import { lintFile, lintLoaded, loadFile } from '../../../src/project/index';
import { profileOf } from '../metrics/helpers';
import { makeTree } from './tmp-tree';

describe('project: lintFile is load → analyze → lint', () => {
  it('loads without reading data, lints with or without profiles, and composes to lintFile', async () => {
    const tree = makeTree({
      'mix.dataset.yaml': 'sources:\n  - id: a\n    files: [a.jsonl]\n    origin: synthetic\n    generator: { model: gpt-4o }\n    rows: 2\n',
      'a.jsonl': '{"text":"one"}\n',
    });
    try {
      const loadedFile = await loadFile(tree.path('mix.dataset.yaml'));
      assert.ok(!loadedFile.done && loadedFile.loaded, 'a manifest, with its data files resolved');
      assert.deepEqual(loadedFile.loaded.resolvedFiles.get('a'), [tree.path('a.jsonl')]);
      const withoutData = lintLoaded(loadedFile);
      assert.equal(withoutData.findings.some((f) => f.ruleId === 'row-count-mismatch'), false, 'no profiles, no data rules');
      let analyzed = 0;
      const viaLintFile = await lintFile(tree.path('mix.dataset.yaml'), {
        data: true,
        analyze: async (manifest) => {
          analyzed++;
          return new Map([[manifest.sources[0]!.id, { ...profileOf(['one']), sourceId: 'a', analyzerVersion: 't', files: [], schema: 'text', textFields: ['text'], issues: [] }]]);
        },
      });
      assert.equal(analyzed, 1);
      const again = lintLoaded(loadedFile, viaLintFile.profiles);
      assert.deepEqual(again.findings, viaLintFile.findings, 'lint over kept profiles is the same lint');
      assert.ok(again.findings.some((f) => f.ruleId === 'row-count-mismatch'), 'declared 2 rows, 1 counted');
    } finally {
      tree.remove();
    }
  });
});
