import * as assert from 'node:assert/strict';
import { commentsBeside, originStated } from '../../../src/core/dialects/comment-origin';
import { detectDialect, parseManifest } from '../../../src/core/parse';
import { syntheticShares } from '../../../src/core/ratios';
import { findingWith, textAt } from './helpers';

/** What the training-config dialects read beyond the real files' common case: errors, comments, the rarer forms. */
describe('training-config dialects', () => {
  describe('comments beside an entry as evidence of origin (open-instruct)', () => {
    const text = [
      'dataset_mixer:',
      '  # human written',
      '  HuggingFaceH4/no_robots: 1.0',
      '  my-org/answers: 0.5 # gpt4 generated answers to user questions',
      '  my-org/mix: 2000 # human prompts, gpt-4 generated responses',
      '  # my-org/old-synthetic: 1.0',
      '  my-org/plain: 1.0 # all of it',
      '',
    ].join('\n');
    const manifest = parseManifest('/w/train.yaml', text).manifest;
    const byId = new Map(manifest?.sources.map((s) => [s.id, s]));

    it('sets origin from the comment, with the comment as evidence', () => {
      assert.equal(byId.get('my-org/answers')?.origin, 'synthetic');
      assert.deepEqual(byId.get('my-org/answers')?.originEvidence, { kind: 'comment', detail: 'gpt4 generated answers to user questions' });
      assert.equal(byId.get('HuggingFaceH4/no_robots')?.originEvidence?.detail, 'human written');
      // People's prompts answered by a model: synthetic, as the registry classes ShareGPT and WildChat.
      assert.equal(byId.get('my-org/mix')?.origin, 'synthetic');
      assert.deepEqual(byId.get('my-org/mix')?.generator, { model: 'gpt-4' });
      assert.equal(byId.get('HuggingFaceH4/no_robots')?.generator, undefined);
    });

    it('ignores comments that say nothing about origin, and commented-out entries', () => {
      assert.equal(byId.get('my-org/plain')?.origin, 'unknown');
      assert.deepEqual(byId.get('my-org/plain')?.originEvidence, { kind: 'none' });
      assert.deepEqual(commentsBeside(text, text.indexOf('my-org/plain'), text.indexOf('1.0 # all') + 3), ['all of it']);
      assert.equal(originStated('orig Helpsteer2'), undefined);
      assert.equal(originStated("LJ's UF regenerations"), undefined);
    });

    it('reads prompts written by people as saying nothing about the answers, and both kinds of text as mixed', () => {
      assert.equal(originStated('WildChat dataset, real user queries + gpt4 responses, for general chat.'), 'synthetic');
      assert.equal(originStated('ShareGPT dataset, real user shared queries + gpt4 responses'), 'synthetic');
      assert.equal(originStated('Lmsys chatbot arena data, human queries for challenging models'), undefined);
      assert.equal(originStated('human written answers, plus gpt-4 generated ones'), 'mixed');
      assert.equal(originStated('MetaMathQA dataset, augmented using gpt4'), 'synthetic');
    });

    it("ends an entry's block of comments at a divider and at a disabled entry with its own description (open-instruct gemma_2_9b_v3.4.23.yaml)", () => {
      const blocks = [
        'dataset_mixer:',
        '    # ----------',
        '    # SlimOrca dataset, gpt4 generated, for general chat.',
        '    # Total: 517982',
        '    # Con: may be biased by the styles of three websites;',
        '    # org/slim-orca-300k: 100000',
        '    org/SlimOrca-reformat: 100000',
        '    # ----------',
        '    # ShareGPT dataset, real user shared queries + gpt4 responses, for general chat.',
        '    # org/sharegpt-cleaned: 114046',
        '    # Daring-Anteater, a mix of existing datasets, for general chat.',
        '    org/Daring-Anteater-reformat: 99532',
        '    # ----------',
        '    # Open-ended, human written.',
        '    # ----------',
        '    org/after-divider: 10',
        '',
      ].join('\n');
      const origins = parseManifest('/w/sft.yaml', blocks).manifest?.sources.map((s) => [s.id, s.origin]);
      assert.deepEqual(origins, [
        // A disabled alternative directly above the entry does not end the block describing it, nor does prose
        // with a colon (`Total: 517982`): only a key with a slash is an entry.
        ['org/SlimOrca-reformat', 'synthetic'],
        // ShareGPT's description belongs to the disabled ShareGPT entry, not to the dataset after it.
        ['org/Daring-Anteater-reformat', 'unknown'],
        ['org/after-divider', 'unknown'],
      ]);
    });

    it('the comment wins over the registry: a manifest speaks for itself', () => {
      const own = parseManifest('/w/train.yaml', 'dataset_mixer:\n  HuggingFaceH4/no_robots: 1.0 # synthetic rewrite by our team\n').manifest;
      assert.equal(own?.sources[0]?.origin, 'synthetic');
      assert.equal(own?.sources[0]?.originEvidence?.kind, 'comment');
    });
  });

  describe('open-instruct amounts', () => {
    it('reads up to 1 as the fraction of the dataset drawn and above 1 as rows drawn (get_datasets), in both forms', () => {
      const mixer = parseManifest('/w/sft.yaml', 'dataset_mixer:\n  org/a: 0.5\n  org/b: 1.0\n  org/c: 2500\n').manifest;
      const list = parseManifest('/w/sft.yaml', 'dataset_mixer_list: [org/a, "0.5", org/b, "1.0", org/c, "2500"]\n').manifest;
      const expected = [
        ['org/a', { value: 0.5, kind: 'fraction-of-source' }, undefined],
        ['org/b', { value: 1, kind: 'fraction-of-source' }, undefined],
        // A count drawn, not the dataset's size: it is no `rows`, which row-count-mismatch compares with the data.
        ['org/c', { value: 2500, kind: 'rows' }, undefined],
      ];
      assert.deepEqual(mixer?.sources.map((s) => [s.id, s.weight, s.rows]), expected);
      assert.deepEqual(list?.sources.map((s) => [s.id, s.weight, s.rows]), expected);
    });
  });

  describe('open-instruct dataset_name', () => {
    it('recognises a value on the next, indented line (TRL examples/cli_configs/example_config.yaml)', () => {
      const text = 'model_name_or_path:\n  Qwen/Qwen2.5-0.5B\ndataset_name:\n  stanfordnlp/imdb\nreport_to:\n  none\n';
      assert.equal(detectDialect('/w/config.yaml', text), 'open-instruct');
      assert.deepEqual(parseManifest('/w/config.yaml', text).manifest?.sources.map((s) => s.id), ['stanfordnlp/imdb']);
      assert.equal(detectDialect('/w/config.yaml', 'dataset_name:\n  - a\n'), undefined);
    });
  });

  describe('the split an open-instruct-style config trains on', () => {
    it("reads the alignment-handbook's `dataset_splits` (the first split named for training) and TRL's `dataset_train_split`", () => {
      const splits = (text: string): (string | undefined)[] | undefined => parseManifest('/w/config_full.yaml', text).manifest?.sources.map((s) => s.split);
      // zephyr-7b-gemma/sft/config_full.yaml: mix_datasets trains on the splits whose name contains "train".
      assert.deepEqual(splits('dataset_mixer:\n  HuggingFaceH4/deita-10k-v0-sft: 1.0\n  org/other: 0.5\ndataset_splits:\n- test_sft\n- train_sft\n'), ['train_sft', 'train_sft']);
      // smollm2/sft/config.yaml; TRL trains on dataset[dataset_train_split], whatever its name.
      assert.deepEqual(splits('dataset_name: HuggingFaceTB/smoltalk\ndataset_train_split: sft[:90%]\ndataset_test_split: test\n'), ['sft']);
      assert.deepEqual(splits('dataset_name: org/a\n'), [undefined]);
      assert.deepEqual(splits('dataset_mixer:\n  org/a: 1.0\ndataset_splits: train_sft\n'), [undefined], 'not a list: left to the default');
      assert.deepEqual(splits('dataset_mixer_list: [org/a, "1.0"]\ndataset_splits:\n- train_sft\n'), [undefined], 'dataset_splits belongs to dataset_mixer');
    });
  });

  describe('open-instruct train_file', () => {
    it('reads a config that trains on one local file (`train_file:`, as finetune.py takes it) as that source', () => {
      const text = 'model_name_or_path: Qwen/Qwen2-1.5B\ntrain_file: /data/sciriff/tulu_science.jsonl\nmax_seq_length: 4096\n';
      const result = parseManifest('/w/llama_3_8b-sciriff.yaml', text);
      assert.equal(result.manifest?.dialect, 'open-instruct');
      assert.deepEqual(result.findings, []);
      assert.deepEqual(
        result.manifest?.sources.map((s) => [s.id, s.files, textAt(text, s.ranges.id)]),
        [['/data/sciriff/tulu_science.jsonl', ['/data/sciriff/tulu_science.jsonl'], '/data/sciriff/tulu_science.jsonl']],
      );
    });
  });

  describe('duplicate YAML keys', () => {
    it('are reported, and linting goes on with the last value, as PyYAML-based trainers read it', () => {
      const text = 'base_model: x\ndatasets:\n  - path: org/first\ndatasets:\n  - path: org/second\n';
      const result = parseManifest('/w/run.yml', text);
      const finding = findingWith(result.findings, "Duplicate key 'datasets'");
      assert.equal(textAt(text, finding.range), 'datasets');
      assert.equal(finding.range.start.line, 3);
      assert.deepEqual(result.manifest?.sources.map((s) => s.id), ['org/second']);
    });

    it('are found in a long mapping and in a flow mapping too, with the last value kept', () => {
      // 20 entries: past the length at which the fast reader keeps its keys in a Set instead of scanning them.
      const names = Array.from({ length: 20 }, (_, i) => `org/set-${i}`);
      const text = `dataset_mixer:\n${names.map((n, i) => `  ${n}: ${i + 1}`).join('\n')}\n  org/set-3: 0.5\n`;
      const long = parseManifest('/w/mix.yaml', text);
      const finding = findingWith(long.findings, "Duplicate key 'org/set-3'");
      assert.equal(finding.range.start.line, 21);
      assert.equal(long.manifest?.sources.length, 20);
      assert.deepEqual(long.manifest?.sources.find((s) => s.id === 'org/set-3')?.weight, { value: 0.5, kind: 'fraction-of-source' });
      const flow = parseManifest('/w/mix.yaml', 'dataset_mixer: {org/a: 0.1, org/b: 0.2, org/a: 0.3}\n');
      assert.ok(findingWith(flow.findings, "Duplicate key 'org/a'"));
      assert.deepEqual(flow.manifest?.sources.map((s) => [s.id, s.weight?.value]), [['org/a', 0.3], ['org/b', 0.2]]);
    });
  });

  describe('TRL dataset_mixture', () => {
    it('reports a misspelt key with a fix, and a mixture without datasets', () => {
      const text = 'dataset_mixture:\n  datasets:\n    - id: org/a\n      wieght: 0.5\n';
      const result = parseManifest('/w/recipe.yaml', text);
      const finding = findingWith(result.findings, "Unknown key 'wieght'");
      assert.equal(finding.fixes?.[0]?.edits[0]?.newText, 'weight');
      assert.ok(findingWith(parseManifest('/w/recipe.yaml', 'dataset_mixture:\n  seed: 0\n').findings, 'has no `datasets`'));
    });

    it('keeps the split each entry names, for remote sampling to read that split', () => {
      const text = 'dataset_mixture:\n  datasets:\n    - id: org/chat\n      split: train_sft\n    - id: org/chat\n      split: test_sft\n    - id: org/plain\n';
      const sources = parseManifest('/w/recipe.yaml', text).manifest?.sources;
      assert.deepEqual(sources?.map((s) => [s.files, s.split]), [[['org/chat'], 'train_sft'], [['org/chat'], 'test_sft'], [['org/plain'], undefined]]);
    });

    it('samples a sliced or joined split expression from the split it names (train[:2000], train+test)', () => {
      const text = 'dataset_mixture:\n  datasets:\n    - id: org/a\n      split: train[:2000]\n    - id: org/b\n      split: test_sft[10%:]+train_sft\n';
      const sources = parseManifest('/w/recipe.yaml', text).manifest?.sources;
      assert.deepEqual(sources?.map((s) => s.split), ['train', 'test_sft']);
    });
  });

  describe('Axolotl', () => {
    const text = [
      'base_model: m',
      'datasets:',
      '  - path: org/train',
      '    type: alpaca',
      '    split: train_sft',
      'test_datasets:',
      '  - path: data/eval.jsonl',
      '    type: alpaca',
      'pretraining_dataset: allenai/c4',
      '',
    ].join('\n');
    const manifest = parseManifest('/w/any-name.yml', text).manifest;

    it('reads test_datasets as evaluation data and a bare pretraining_dataset name, whatever the file is called', () => {
      assert.equal(manifest?.dialect, 'axolotl');
      assert.deepEqual(
        manifest?.sources.map((s) => [s.id, s.role ?? 'train', s.files]),
        [
          ['org/train', 'train', ['org/train']],
          ['allenai/c4', 'train', ['allenai/c4']],
          ['data/eval.jsonl', 'eval', ['data/eval.jsonl']],
        ],
      );
      assert.equal(manifest?.sources[0]?.split, 'train_sft', 'a hub dataset keeps its split');
    });

    it('samples `split: train[:2000]` (axolotl examples/gkd) from the train split', () => {
      const sliced = parseManifest('/w/gkd.yaml', 'base_model: m\ndatasets:\n  - path: org/chat\n    split: train[:2000]\n').manifest;
      assert.equal(sliced?.sources[0]?.split, 'train');
    });

    it('leaves evaluation data out of the training shares', () => {
      assert.ok(manifest);
      const sources = manifest.sources.map((s) => ({ ...s, rows: 100, origin: s.role === 'eval' ? ('synthetic' as const) : ('human' as const) }));
      assert.equal(syntheticShares({ ...manifest, sources }).byRows.synthetic, 0);
    });
  });

  describe('LLaMA-Factory training YAML', () => {
    const info = JSON.stringify({ alpaca_en: { hf_hub_url: 'llamafactory/alpaca_en' }, local_set: { file_name: 'local.json' } });
    const read = (file: string): string | undefined => (file === '/w/data/dataset_info.json' ? info : undefined);
    const yaml = 'stage: sft\ndataset: alpaca_en, local_set\neval_dataset: alpacaen\n';

    it('resolves names through the nearest data/dataset_info.json, reporting an unknown name with a did-you-mean', () => {
      const result = parseManifest('/w/examples/train/run.yaml', yaml, undefined, read);
      assert.deepEqual(
        result.manifest?.sources.map((s) => [s.id, s.files, textAt(yaml, s.ranges.id)]),
        [
          ['alpaca_en', ['llamafactory/alpaca_en'], 'alpaca_en'],
          ['local_set', ['../../data/local.json'], 'local_set'],
        ],
      );
      const unknown = findingWith(result.findings, "Undefined dataset 'alpacaen'");
      assert.equal(unknown.fixes?.[0]?.edits[0]?.newText, 'alpaca_en');
    });

    it('says why a defined name cannot be used instead of dropping it', () => {
      const broken = JSON.stringify({ nowhere: { formatting: 'alpaca' }, scalar: 3 });
      const result = parseManifest('/w/run.yaml', 'stage: sft\ndataset: nowhere,scalar\n', undefined, (f) => (f === '/w/data/dataset_info.json' ? broken : undefined));
      assert.deepEqual(result.manifest?.sources, []);
      assert.match(findingWith(result.findings, "Dataset 'nowhere'").message, /says nowhere where its data is/);
      assert.match(findingWith(result.findings, "Dataset 'scalar'").message, /not an object/);
    });

    it('recognises a prediction config that names only `eval_dataset` (examples/extras/nlg_eval/llama3_lora_predict.yaml)', () => {
      const predict = 'stage: sft\ndo_predict: true\neval_dataset: alpaca_en\ntemplate: llama3\n';
      assert.equal(detectDialect('/w/examples/predict.yaml', predict), 'llama-factory');
      const sources = parseManifest('/w/examples/predict.yaml', predict, undefined, read).manifest?.sources;
      assert.deepEqual(sources?.map((s) => [s.id, s.role]), [['alpaca_en', 'eval']]);
    });

    it('says so when there is no dataset_info.json, and takes names as hub ids with dataset_dir: ONLINE', () => {
      assert.ok(findingWith(parseManifest('/w/run.yaml', yaml).findings, 'No data/dataset_info.json'));
      assert.match(parseManifest('/w/examples/train/run.yaml', yaml, undefined, read).findings[0]?.message ?? '', /in \.\.\/\.\.\/data\/dataset_info\.json\./);
      const online = parseManifest('/w/run.yaml', 'stage: sft\ndataset_dir: ONLINE\ndataset: org/set\n').manifest;
      assert.deepEqual(online?.sources.map((s) => s.files), [['org/set']]);
    });
  });

  describe('MosaicML streams', () => {
    it('keeps the split of an hf_name dataset, so the eval loader is sampled from its own split', () => {
      const loader = (key: string, split: string): string => `${key}:\n  name: finetuning\n  dataset:\n    hf_name: org/instruct\n    split: ${split}\n`;
      const manifest = parseManifest('/w/finetune.yaml', loader('train_loader', 'train') + loader('eval_loader', 'test')).manifest;
      assert.deepEqual(
        manifest?.sources.map((s) => [s.id, s.split, s.role]),
        [
          ['org/instruct[train]', 'train', undefined],
          ['org/instruct[test]', 'test', 'eval'],
        ],
      );
    });

    it('reads a stream\'s proportion, repeat or choose as a weight of the kind each is (streaming.Stream)', () => {
      const text = [
        'train_loader:',
        '  name: text',
        '  dataset:',
        '    split: train',
        '    streams:',
        '      web:',
        '        remote: s3://bucket/web',
        '        local: /tmp/web',
        '        proportion: 0.7',
        '      code:',
        '        remote: s3://bucket/code',
        '        repeat: 2',
        '      math:',
        '        remote: s3://bucket/math',
        '        choose: 5000',
        '',
      ].join('\n');
      const result = parseManifest('/w/pretrain.yaml', text);
      assert.deepEqual(result.findings, []);
      assert.deepEqual(
        result.manifest?.sources.map((s) => [s.id, s.weight, s.rows, s.files]),
        [
          ['web', { value: 0.7, kind: 'proportion' }, undefined, []],
          ['code', { value: 2, kind: 'fraction-of-source' }, undefined, []],
          // `choose` is a number of samples drawn, not the stream's size: a weight, not `rows` (row-count-mismatch reads rows).
          ['math', { value: 5000, kind: 'rows' }, undefined, []],
        ],
      );
    });

    it('reports a stream with more than one of proportion, repeat and choose, and keeps the first', () => {
      const text = 'train_loader:\n  dataset:\n    streams:\n      code:\n        remote: s3://b/code\n        repeat: 2\n        choose: 5000\n';
      const result = parseManifest('/w/pretrain.yaml', text);
      const finding = findingWith(result.findings, 'A stream takes at most one of `proportion`, `repeat` and `choose`');
      assert.equal(textAt(text, finding.range), 'choose');
      assert.deepEqual(result.manifest?.sources[0]?.weight, { value: 2, kind: 'fraction-of-source' });
    });

    it('resolves ${...} references inside a longer string, and keeps one that does not resolve as written', () => {
      const text = [
        'variables:',
        '  org: allenai',
        'train_loader:',
        '  name: finetuning',
        '  dataset:',
        '    hf_name: ${variables.org}/c4',
        'eval_loader:',
        '  name: finetuning',
        '  dataset:',
        '    hf_name: ${variables.missing}/c4',
        '',
      ].join('\n');
      const manifest = parseManifest('/w/finetune.yaml', text).manifest;
      assert.deepEqual(
        manifest?.sources.map((s) => [s.id, s.files, s.origin]),
        [
          ['allenai/c4', ['allenai/c4'], 'human'],
          ['${variables.missing}/c4', ['${variables.missing}/c4'], 'unknown'],
        ],
      );
    });
  });

  describe('torchtune dataset builders', () => {
    it("reads a builder's default hub dataset, as torchtune's builders define it (recipes/configs/llama3_2/1B_full.yaml)", () => {
      const text = 'dataset:\n  packed: False\n  _component_: torchtune.datasets.alpaca_cleaned_dataset\nseed: null\n';
      assert.equal(detectDialect('/w/1B_full.yaml', text), 'torchtune');
      const source = parseManifest('/w/1B_full.yaml', text).manifest?.sources[0];
      assert.deepEqual([source?.id, source?.dataset, textAt(text, source?.ranges.id)], ['yahma/alpaca-cleaned', 'yahma/alpaca-cleaned', 'torchtune.datasets.alpaca_cleaned_dataset']);
      assert.equal(source?.originEvidence?.kind, 'registry');
    });

    it('reads `source:` (a hub id with its split, or local files with a file loader), a list of builders, and dataset_val', () => {
      const text = [
        'dataset:',
        '  - _component_: torchtune.datasets.chat_dataset',
        '    source: org/chats',
        '    split: train[:90%]',
        '  - _component_: torchtune.datasets.instruct_dataset',
        '    source: json',
        '    data_files: data/house.jsonl',
        'dataset_val:',
        '  _component_: torchtune.datasets.chat_dataset',
        '  source: org/chats',
        '  split: train[90%:]',
        '',
      ].join('\n');
      const sources = parseManifest('/w/custom.yaml', text).manifest?.sources;
      assert.deepEqual(
        sources?.map((s) => [s.id, s.files, s.split, s.role ?? 'train']),
        [
          // The same dataset twice (two slices of one split) gets its split, then a suffix, as in TRL mixtures.
          ['org/chats[train]', ['org/chats'], 'train', 'train'],
          ['data/house.jsonl', ['data/house.jsonl'], undefined, 'train'],
          ['org/chats[train]#2', ['org/chats'], 'train', 'eval'],
        ],
      );
    });

    it('keeps a builder whose default dataset synthlint does not know as a source with nothing to look up, and reports a file loader without files', () => {
      const unknown = parseManifest('/w/t.yaml', 'dataset:\n  _component_: torchtune.datasets.samsum_dataset\n');
      assert.deepEqual(unknown.manifest?.sources.map((s) => [s.id, s.dataset, s.origin]), [['torchtune.datasets.samsum_dataset', undefined, 'unknown']]);
      assert.deepEqual(unknown.findings, []);
      assert.ok(findingWith(parseManifest('/w/t.yaml', 'dataset:\n  _component_: torchtune.datasets.chat_dataset\n  source: json\n').findings, 'names no `data_files`'));
    });

    it("reads the multi-dataset recipe's weighted `datasets:` list as proportions, a hub config as `source:subset` (recipes/configs/dev/11B_lora_multi_dataset.yaml)", () => {
      const text = [
        'tokenizer:',
        '  _component_: torchtune.models.llama3_2_vision.llama3_2_vision_transform',
        '  path: /tmp/tokenizer.model',
        'datasets:',
        '  - source: org/mix',
        '    subset: ocr',
        '    split: train',
        '    transform:',
        '      _component_: torchtune.datasets.multimodal.the_cauldron_transform',
        '    weight: 3.0',
        '  - source: org/mix',
        '    subset: charts',
        '    transform:',
        '      _component_: torchtune.datasets.multimodal.the_cauldron_transform',
        '    weight: 1.0',
        '',
      ].join('\n');
      // Axolotl's signs (`datasets:`, a `path:`) are here too; the torchtune builder settles it.
      assert.equal(detectDialect('/w/multi.yaml', text), 'torchtune');
      const result = parseManifest('/w/multi.yaml', text);
      assert.deepEqual(result.findings, []);
      assert.deepEqual(
        result.manifest?.sources.map((s) => [s.id, s.dataset, s.files, s.split, s.weight, textAt(text, s.ranges.weight)]),
        [
          ['org/mix:ocr', 'org/mix', ['org/mix'], 'train', { value: 3, kind: 'proportion' }, '3.0'],
          ['org/mix:charts', 'org/mix', ['org/mix'], undefined, { value: 1, kind: 'proportion' }, '1.0'],
        ],
      );
    });

    it('reports a `datasets:` entry without the `source` or `weight` the multi-dataset recipe reads', () => {
      const transform = '    transform:\n      _component_: torchtune.datasets.multimodal.the_cauldron_transform\n';
      const noWeight = parseManifest('/w/t.yaml', `datasets:\n  - source: org/mix\n${transform}`);
      assert.ok(findingWith(noWeight.findings, 'has no `weight`'));
      assert.deepEqual(noWeight.manifest?.sources.map((s) => [s.id, s.weight]), [['org/mix', undefined]]);
      const noSource = parseManifest('/w/t.yaml', `datasets:\n  - subset: ocr\n${transform}    weight: 1.0\n`);
      assert.ok(findingWith(noSource.findings, 'has no `source`'));
      assert.deepEqual(noSource.manifest?.sources, []);
    });
  });

  describe('NeMo-RL data', () => {
    it('reads train and validation blocks; a built-in dataset_name is the hub dataset NeMo-RL loads (examples/configs/sft.yaml)', () => {
      const text = 'policy:\n  model_name: meta-llama/Llama-3.2-1B\ndata:\n  train:\n    dataset_name: "squad"\n    split: "train"\n  validation:\n    dataset_name: "squad"\n    split: "validation"\n';
      assert.equal(detectDialect('/w/sft.yaml', text), 'nemo-rl');
      const sources = parseManifest('/w/sft.yaml', text).manifest?.sources;
      assert.deepEqual(
        sources?.map((s) => [s.id, s.files, s.split, s.role ?? 'train', s.origin]),
        [
          ['rajpurkar/squad[train]', ['rajpurkar/squad'], 'train', 'train', 'human'],
          ['rajpurkar/squad[validation]', ['rajpurkar/squad'], 'validation', 'eval', 'human'],
        ],
      );
    });

    it('maps the built-ins read in NeMo-RL\'s loaders to their hub datasets, and reads `validation: null` as no set', () => {
      const text = 'policy: {}\ndata:\n  train:\n    - dataset_name: DeepScaler\n    - dataset_name: DAPOMath17K\n    - dataset_name: openmathinstruct2\n      split: train_2M\n  validation: null\n';
      const parsed = parseManifest('/w/grpo.yaml', text);
      assert.deepEqual(parsed.findings.map((f) => f.message), []);
      assert.deepEqual(
        parsed.manifest?.sources.map((s) => [s.id, s.split]),
        [
          ['agentica-org/DeepScaleR-Preview-Dataset', undefined],
          ['BytedTsinghua-SIA/DAPO-Math-17k', undefined],
          ['nvidia/OpenMathInstruct-2', 'train_2M'],
        ],
      );
      assert.equal(parseManifest('/w/dpo.yaml', 'policy: {}\ndata:\n  train:\n    dataset_name: HelpSteer3\n').manifest?.sources[0]?.dataset, 'nvidia/HelpSteer3');
    });

    it('reads a data_path (hub id or local file) over the dataset_name, the older flat form, and keeps an unknown built-in as a source with nothing to look up', () => {
      const blocks = 'policy: {}\ndata:\n  train:\n    - dataset_name: ResponseDataset\n      data_path: org/answers\n    - dataset_name: clevr_cogent\n';
      assert.deepEqual(
        parseManifest('/w/grpo.yaml', blocks).manifest?.sources.map((s) => [s.id, s.dataset, s.files]),
        [
          ['org/answers', 'org/answers', ['org/answers']],
          ['clevr_cogent', undefined, []],
        ],
      );
      const flat = 'policy: {}\ndata:\n  dataset_name: ResponseDataset\n  train_data_path: data/train.jsonl\n  val_data_path: data/val.jsonl\n';
      assert.deepEqual(
        parseManifest('/w/grpo.yaml', flat).manifest?.sources.map((s) => [s.id, s.files, s.role ?? 'train']),
        [
          ['data/train.jsonl', ['data/train.jsonl'], 'train'],
          ['data/val.jsonl', ['data/val.jsonl'], 'eval'],
        ],
      );
    });
  });

  describe('NeMo data_prefix', () => {
    it('reads train, validation and test blends; validation and test are evaluation data', () => {
      const text = 'model:\n  data:\n    data_prefix:\n      train: [0.7, /d/web, 0.3, /d/code]\n      validation: [/d/val]\n';
      const manifest = parseManifest('/w/gpt.yaml', text).manifest;
      assert.deepEqual(
        manifest?.sources.map((s) => [s.id, s.weight, s.role ?? 'train']),
        [
          ['/d/web', { value: 0.7, kind: 'proportion' }, 'train'],
          ['/d/code', { value: 0.3, kind: 'proportion' }, 'train'],
          ['/d/val', undefined, 'eval'],
        ],
      );
    });

    it('reports a weight without a path', () => {
      assert.ok(findingWith(parseManifest('/w/gpt.yaml', 'model:\n  data:\n    data_prefix: [0.5, /d/a, 0.5]\n').findings, 'has no path after it'));
    });

    it("reads OmegaConf's `???` (a blend given at launch, NeMo's megatron_gpt_config.yaml) as no dataset", () => {
      const result = parseManifest('/w/gpt.yaml', 'model:\n  data:\n    data_prefix: ???\n');
      assert.equal(result.manifest?.dialect, 'nemo');
      assert.deepEqual(result.manifest?.sources, []);
      assert.deepEqual(result.findings, []);
    });
  });
});
