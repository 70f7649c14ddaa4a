import { entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import { applyCommentOrigin } from './comment-origin';
import { type ConfigMessages, readConfigFile } from './config-file';
import { blankSource, type DialectContext } from './context';
import { mixtureSource } from './mixture';
import { buildSources, hubEntry, hubSplit, type PendingSource } from './mixture-ids';
import type { Dialect } from './dialect';

const MESSAGES: ConfigMessages = {
  what: 'the torchtune config',
  empty: 'The file is empty: expected a torchtune config with `dataset:`.',
  missing: 'This torchtune config has no `dataset:` (or the multi-dataset recipe\'s `datasets:`).',
};

/**
 * The hub dataset a torchtune builder loads when the config names no `source:`, as each builder's signature in
 * pytorch/torchtune defines it (`torchtune/datasets/_alpaca.py`: `source: str = "tatsu-lab/alpaca"` and
 * `alpaca_cleaned_dataset = partial(alpaca_dataset, source="yahma/alpaca-cleaned")`; `_stack_exchange_paired.py`;
 * `_slimorca.py`; the GRPO recipes' `torchtune/dev/grpo/gsm8k.py`: `source: str = "openai/gsm8k"`). Only defaults
 * read in torchtune's code are listed: a builder missing here, without `source:`, is a source whose dataset
 * synthlint does not know.
 */
const DEFAULT_SOURCES: Readonly<Record<string, string>> = {
  'torchtune.datasets.alpaca_dataset': 'tatsu-lab/alpaca',
  'torchtune.datasets.alpaca_cleaned_dataset': 'yahma/alpaca-cleaned',
  'torchtune.datasets.stack_exchange_paired_dataset': 'lvwerra/stack-exchange-paired',
  'torchtune.datasets.slimorca_dataset': 'Open-Orca/SlimOrca-Dedup',
  'torchtune.dev.grpo.gsm8k.gsm8k_dataset': 'openai/gsm8k',
  'torchtune.dev.grpo.gsm8k.gsm8k_sft': 'openai/gsm8k',
};

/** `source:` values that are a `datasets` loader for local files (`data_files:` then names them), not a hub id. */
const FILE_LOADERS = new Set(['json', 'csv', 'text', 'parquet', 'arrow']);

/**
 * torchtune recipe configs (pytorch/torchtune `recipes/configs/`): `dataset:` is one builder
 * `{_component_: torchtune.datasets.alpaca_dataset, source?, data_files?, split?, ...}` or a list of them (a
 * ConcatDataset, each taken whole: no weights); `dataset_val:` is evaluation data. A builder loads its `source:`
 * (a hub id, or a file loader such as `json` with `data_files:`), or its default hub dataset. The experimental
 * multi-dataset recipe (`recipes/dev/lora_finetune_distributed_multi_dataset.py`) reads a top-level `datasets:` list
 * instead: `{source, subset?, split?, transform: {_component_}, weight}` (see readWeightedDataset). Detected by
 * content: a `_component_: torchtune.datasets.` (in the experimental recipes, `torchtune.dev.`) builder or
 * transform, whatever the file is called. The rest of the recipe (model, tokenizer, optimizer components) is not
 * ours to judge.
 */
export const torchtuneDialect: Dialect = {
  id: 'torchtune',
  label: 'torchtune recipe config',
  detect(file, text) {
    if (!/\.ya?ml$/i.test(file)) return 0;
    // Builders live in `torchtune.datasets`, and the experimental recipes' in `torchtune.dev` (dev/3B_sft_for_grpo.yaml).
    return /^datasets?\s*:/m.test(text) && /_component_\s*:\s*torchtune\.(?:datasets|dev)\./.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'torchtune', MESSAGES, (top) => entryOf(top, 'dataset') ?? entryOf(top, 'datasets'));
    if (!config?.data) return config?.manifest;
    const { top, manifest } = config;
    const pending: PendingSource[] = [];
    const weighted = entryOf(top, 'datasets');
    if (weighted) {
      if (weighted.value.kind === 'seq') {
        weighted.value.items.forEach((node, index) => {
          const read = readWeightedDataset(ctx, node, index);
          if (read) pending.push(read);
        });
      } else ctx.wrongType(weighted.value, '`datasets`', 'a list of `{source, subset, split, transform, weight}` entries');
    }
    for (const [entry, evaluation] of [[entryOf(top, 'dataset'), false], [entryOf(top, 'dataset_val'), true]] as const) {
      if (!entry) continue;
      const builders = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
      builders.forEach((node, index) => {
        const read = readBuilder(ctx, node, `\`${String(entry.key.value)}\`${builders.length > 1 ? ` ${index + 1}` : ''}`);
        if (read) pending.push(evaluation ? asEvaluation(read) : read);
      });
    }
    manifest.sources.push(...buildSources(pending));
    return manifest;
  },
};

/**
 * One entry of the multi-dataset recipe's `datasets:` list, as its `_setup_data` reads it: `weight` is popped for
 * every entry (`float(cfg_dataset.pop("weight"))`, so the recipe fails without one), `name` is only a label,
 * `transform` is the row transform, and the rest goes to `load_hf_dataset` → `datasets.load_dataset(source, ...)`,
 * `subset` as the hub config. With more than one entry the weights go to torchdata's `MultiNodeWeightedSampler`
 * (`torchtune/data/_utils.py` `get_multi_dataset`), which draws each example from a dataset with probability
 * proportional to its weight: a `proportion`, whatever the datasets' sizes. A source named twice with different
 * subsets is `source:subset`, as Axolotl's `path:name`.
 */
function readWeightedDataset(ctx: DialectContext, node: SyntaxNode, index: number): PendingSource | undefined {
  const what = `dataset ${index + 1} of \`datasets\``;
  const map = ctx.map(node, what);
  if (!map) return undefined;
  const sourceEntry = entryOf(map, 'source');
  if (!sourceEntry) {
    ctx.report(map.entries[0]?.key ?? map, `Dataset ${index + 1} of \`datasets\` has no \`source\` (the hub dataset id or a file loader).`);
    return undefined;
  }
  const named = ctx.string(sourceEntry.value, '`source`');
  if (named === undefined) return undefined;
  const weightEntry = entryOf(map, 'weight');
  if (!weightEntry) ctx.report(map.entries[0]?.key ?? map, `Dataset ${index + 1} of \`datasets\` has no \`weight\`: the multi-dataset recipe reads one for every dataset.`);
  const weight = weightEntry ? ctx.count(weightEntry.value, `the weight of '${named}'`, { integer: false, sourceId: named }) : undefined;
  const read = FILE_LOADERS.has(named) ? localFiles(ctx, map, named, sourceEntry.value) : hubDataset(ctx, map, named, sourceEntry.value, optionalString(ctx, map, 'subset'));
  if (!read || weight === undefined || !weightEntry) return read;
  return {
    ...read,
    build(id) {
      const source = read.build(id);
      source.weight = { value: weight, kind: 'proportion' };
      source.ranges.weight = ctx.range(weightEntry.value);
      return source;
    },
  };
}

function optionalString(ctx: DialectContext, map: MapNode, key: string): string | undefined {
  const entry = entryOf(map, key);
  return entry ? ctx.string(entry.value, `\`${key}\``) : undefined;
}

/** `dataset_val:` builders are evaluation data. */
function asEvaluation(pending: PendingSource): PendingSource {
  return {
    ...pending,
    build(id) {
      const source = pending.build(id);
      source.role = 'eval';
      return source;
    },
  };
}

function readBuilder(ctx: DialectContext, node: SyntaxNode, what: string): PendingSource | undefined {
  const map = ctx.map(node, what);
  if (!map) return undefined;
  const component = entryOf(map, '_component_');
  if (!component) {
    ctx.report(map.entries[0]?.key ?? map, `${what} has no \`_component_\` (a torchtune.datasets builder).`);
    return undefined;
  }
  const builder = ctx.string(component.value, '`_component_`');
  if (builder === undefined) return undefined;
  const sourceEntry = entryOf(map, 'source');
  const named = sourceEntry ? ctx.string(sourceEntry.value, '`source`') : undefined;
  if (sourceEntry && named === undefined) return undefined;
  const self = ctx.range(map);
  if (named !== undefined && sourceEntry && FILE_LOADERS.has(named)) return localFiles(ctx, map, named, sourceEntry.value);
  const dataset = named ?? DEFAULT_SOURCES[builder];
  // A builder whose default dataset synthlint has not read in torchtune's code: a source, but nothing to look up.
  if (dataset === undefined) return { name: builder, build: (id) => blankSource(id, self, ctx.range(component.value)) };
  return hubDataset(ctx, map, dataset, sourceEntry?.value ?? component.value);
}

/** A hub dataset entry (`map` holds its `split`); named `dataset:subset` when a hub config is given. */
function hubDataset(ctx: DialectContext, map: MapNode, dataset: string, nameNode: SyntaxNode, subset?: string): PendingSource {
  const split = optionalString(ctx, map, 'split');
  return {
    name: subset === undefined ? dataset : `${dataset}:${subset}`,
    ...(split !== undefined ? { split: hubSplit(split) } : {}),
    build(id) {
      const source = mixtureSource(id, dataset, ctx.range(map), ctx.range(nameNode));
      source.files = [hubEntry(dataset)];
      if (split !== undefined) source.split = hubSplit(split);
      applyCommentOrigin(source, ctx.text, map.start, nameNode.end);
      return source;
    },
  };
}

/** `source: json` with `data_files:`: the files are the source, as written (paths from where the recipe runs). */
function localFiles(ctx: DialectContext, map: MapNode, loader: string, loaderNode: SyntaxNode): PendingSource | undefined {
  const dataFiles = entryOf(map, 'data_files');
  if (!dataFiles) {
    ctx.report(loaderNode, `\`source: ${loader}\` loads local files, but this dataset names no \`data_files\`.`);
    return undefined;
  }
  const files = ctx.stringList(dataFiles.value, '`data_files`');
  const first = files?.values[0];
  if (!files || first === undefined) return undefined;
  return {
    name: first,
    build(id) {
      const source = mixtureSource(id, first, ctx.range(map), files.ranges[0] ?? ctx.range(dataFiles.value));
      source.files = files.values;
      source.itemRanges.files = files.ranges;
      source.ranges.files = ctx.range(dataFiles.value);
      return source;
    },
  };
}
