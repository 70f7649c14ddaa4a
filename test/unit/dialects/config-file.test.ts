import * as assert from 'node:assert/strict';
import { DialectContext } from '../../../src/core/dialects/context';
import { dialectById } from '../../../src/core/dialects/registry';
import type { DialectId, Manifest } from '../../../src/core/manifest';
import type { Finding } from '../../../src/core/finding';
import { span, textAt } from './helpers';

/**
 * The reading every config dialect starts with (src/core/dialects/config-file.ts): what each says about an empty
 * file, a file that is not a mapping and a config without its data key, and where its `sources` range points.
 * The messages are written out here, so a change to any dialect's words shows.
 */
interface Case {
  dialect: DialectId;
  file: string;
  empty: string;
  notMapping: string;
  missing: string;
  /** A config whose data key (the text `key` names) comes after another key. */
  withData: string;
  key: string;
}

const CASES: readonly Case[] = [
  {
    dialect: 'torchtune',
    file: '/w/recipe.yaml',
    empty: 'The file is empty: expected a torchtune config with `dataset:`.',
    notMapping: 'The torchtune config must be a mapping',
    missing: 'This torchtune config has no `dataset:` (or the multi-dataset recipe\'s `datasets:`).',
    withData: 'seed: 1\ndataset:\n  _component_: torchtune.datasets.alpaca_dataset\n',
    key: 'dataset',
  },
  {
    dialect: 'trl-mixture',
    file: '/w/config.yaml',
    empty: 'The file is empty: expected a training config with `dataset_mixture:`.',
    notMapping: 'The training config must be a mapping',
    missing: 'This training config has no `dataset_mixture`.',
    withData: 'seed: 1\ndataset_mixture:\n  datasets:\n    - id: org/a\n',
    key: 'dataset_mixture',
  },
  {
    dialect: 'llama-factory',
    file: '/w/sft.yaml',
    empty: 'The file is empty: expected a LLaMA-Factory config with `dataset:`.',
    notMapping: 'The LLaMA-Factory config must be a mapping',
    missing: 'This LLaMA-Factory config has no `dataset:`.',
    withData: 'stage: sft\neval_dataset: org/a\ndataset_dir: ONLINE\n',
    key: 'eval_dataset',
  },
  {
    dialect: 'open-instruct',
    file: '/w/mix.yaml',
    empty: 'The file is empty: expected a training config with `dataset_mixer:`.',
    notMapping: 'The training config must be a mapping',
    missing: 'This training config has no `dataset_mixer` (or `dataset_mixer_list`, `dataset_name`, `train_file`).',
    withData: 'train_file: a.jsonl\ndataset_mixer_list:\n  - org/a\n  - "1.0"\n',
    key: 'dataset_mixer_list',
  },
  {
    dialect: 'axolotl',
    file: '/w/lora.yml',
    empty: 'The file is empty: expected an Axolotl config with `datasets:`.',
    notMapping: 'The Axolotl config must be a mapping',
    missing: 'This Axolotl config has no `datasets:` (or `pretraining_dataset:`) list.',
    withData: 'base_model: m\ntest_datasets:\n  - path: org/b\ndatasets:\n  - path: org/a\n',
    key: 'datasets',
  },
  {
    dialect: 'nemo',
    file: '/w/gpt.yaml',
    empty: 'The file is empty: expected a NeMo config with `data_prefix`.',
    notMapping: 'The NeMo config must be a mapping',
    missing: 'This NeMo config has no `model.data.data_prefix`.',
    withData: 'trainer: {}\nmodel:\n  data:\n    data_prefix: [1.0, /d/a]\n',
    key: 'data_prefix',
  },
  {
    dialect: 'nemo-rl',
    file: '/w/sft.yaml',
    empty: 'The file is empty: expected a NeMo-RL config with `data:`.',
    notMapping: 'The NeMo-RL config must be a mapping',
    missing: 'This NeMo-RL config has no `data:` block.',
    withData: 'policy: {}\ndata:\n  dataset_name: squad\n',
    key: 'data',
  },
  {
    dialect: 'mosaicml',
    file: '/w/mpt.yaml',
    empty: 'The file is empty: expected an llm-foundry config with `train_loader:`.',
    notMapping: 'The llm-foundry config must be a mapping',
    missing: 'This llm-foundry config has no `train_loader:`.',
    withData: 'max_seq_len: 8\neval_loader:\n  dataset:\n    hf_name: org/a\n',
    key: 'eval_loader',
  },
  {
    dialect: 'croissant',
    file: '/w/croissant.json',
    empty: 'The file is empty: expected Croissant JSON-LD with a `distribution` list.',
    notMapping: 'The Croissant metadata must be a mapping',
    missing: 'This Croissant file has no `distribution`: list the FileObjects and FileSets that hold the data.',
    withData: '{"name": "d", "distribution": []}',
    key: '"distribution"',
  },
  {
    dialect: 'synthlint',
    file: '/w/d.dataset.yaml',
    empty: 'The manifest is empty: expected a mapping with a `sources:` list.',
    notMapping: 'The manifest must be a mapping',
    missing: 'The manifest has no `sources:` list; list each part of the dataset under it with at least `id` and `files`.',
    withData: 'name: d\nsources:\n  - id: a\n    files: [a.jsonl]\n',
    key: 'sources',
  },
];

function parse(c: Case, text: string): { manifest: Manifest | undefined; findings: Finding[] } {
  const dialect = dialectById(c.dialect);
  assert.ok(dialect);
  const ctx = new DialectContext(c.file, text);
  return { manifest: dialect.parse(ctx), findings: ctx.findings };
}

describe('dialects: the config preamble they share', () => {
  for (const c of CASES) {
    describe(c.dialect, () => {
      it('reports an empty file at its start, and gives no manifest', () => {
        const { manifest, findings } = parse(c, '');
        assert.equal(manifest, undefined);
        assert.deepEqual(
          findings.map((f) => [f.message, span(f.range)]),
          [[c.empty, [0, 0, 0, 0]]],
        );
      });

      it('reports a file that is not a mapping, at the whole value', () => {
        const text = c.file.endsWith('.json') ? '[1, 2]' : '- a\n- b\n';
        const { manifest, findings } = parse(c, text);
        assert.equal(manifest, undefined);
        assert.equal(findings.length, 1);
        assert.ok(findings[0]?.message.startsWith(c.notMapping), findings[0]?.message);
        assert.deepEqual(span(findings[0]?.range)?.slice(0, 2), [0, 0]);
      });

      it('reports a config without its data key at the first key, and gives an empty manifest over the whole file', () => {
        const text = c.file.endsWith('.json') ? '{"name": "d"}\n' : 'name: d\ndescription: x\n';
        const { manifest, findings } = parse(c, text);
        assert.deepEqual(
          findings.map((f) => [f.message, textAt(text, f.range)]),
          [[c.missing, c.file.endsWith('.json') ? '"name"' : 'name']],
        );
        assert.equal(manifest?.dialect, c.dialect);
        assert.deepEqual(manifest?.sources, []);
        assert.equal(manifest?.ranges.sources, undefined);
        assert.equal(textAt(text, manifest?.ranges.self), text);
      });

      it('points the manifest\'s `sources` range at the key that lists the data', () => {
        const { manifest } = parse(c, c.withData);
        assert.equal(manifest?.dialect, c.dialect);
        assert.equal(textAt(c.withData, manifest?.ranges.sources), c.key);
        assert.equal(textAt(c.withData, manifest?.ranges.self), c.withData);
      });
    });
  }
});
