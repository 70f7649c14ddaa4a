import type { Source } from '../manifest';
import { entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import { applyCommentOrigin } from './comment-origin';
import { type ConfigMessages, readConfigFile } from './config-file';
import { blankSource, type DialectContext } from './context';
import { mixtureSource } from './mixture';
import { buildSources, hubEntry, hubSplit, isLocalPath, type PendingSource } from './mixture-ids';
import type { Dialect } from './dialect';

/**
 * The hub dataset a NeMo-RL built-in `dataset_name` loads, as read in NVIDIA-NeMo/RL's code
 * (`nemo_rl/data/datasets/`): `response_datasets/squad.py` loads `rajpurkar/squad`, `openmathinstruct2.py`
 * `nvidia/OpenMathInstruct-2` (under both names `load_response_dataset` in `response_datasets/__init__.py` gives it),
 * which also names the datasets of `DeepScaler` and `DAPOMath17K`; `preference_datasets/helpsteer3.py` loads
 * `nvidia/HelpSteer3`. A built-in name missing here is a source whose dataset synthlint does not know.
 */
const BUILTIN_DATASETS: Readonly<Record<string, string>> = {
  squad: 'rajpurkar/squad',
  'OpenMathInstruct-2': 'nvidia/OpenMathInstruct-2',
  openmathinstruct2: 'nvidia/OpenMathInstruct-2',
  DeepScaler: 'agentica-org/DeepScaleR-Preview-Dataset',
  DAPOMath17K: 'BytedTsinghua-SIA/DAPO-Math-17k',
  HelpSteer3: 'nvidia/HelpSteer3',
};

/** The keys that hold a dataset's path (a hub id or a local file): the block form's, then the older flat form's. */
const PATH_KEYS = ['data_path', 'train_data_path'] as const;

const MESSAGES: ConfigMessages = {
  what: 'the NeMo-RL config',
  empty: 'The file is empty: expected a NeMo-RL config with `data:`.',
  missing: 'This NeMo-RL config has no `data:` block.',
};

/**
 * NVIDIA NeMo-RL configs (`examples/configs/*.yaml`: SFT, DPO, GRPO): the `data:` block names the datasets, as
 * `train:` and `validation:` blocks (each one `{dataset_name, data_path?, split?}` or a list of them) or, in older
 * configs, a flat `dataset_name` with `train_data_path` / `val_data_path`. A dataset is its `data_path` (a hub id or
 * a local file, read by NeMo-RL's ResponseDataset), else the hub dataset a built-in `dataset_name` loads.
 * `validation` and `val_data_path` are evaluation data. No weights: each dataset is taken whole. Detected by
 * content (a `data:` block naming a dataset beside NeMo-RL's `policy:` block, or the `defaults:` it inherits one from). The rest (policy, cluster, loss)
 * is not ours to judge.
 */
export const nemoRlDialect: Dialect = {
  id: 'nemo-rl',
  label: 'NeMo-RL data config',
  detect(file, text) {
    if (!/\.ya?ml$/i.test(file)) return 0;
    // A config may inherit `policy:` from the file its `defaults:` names (examples/configs/grpo_multiple_datasets.yaml),
    // and list its datasets (`- dataset_name: DeepScaler`).
    return /^data\s*:/m.test(text) && /^(?:policy|defaults)\s*:/m.test(text) && /^[ \t]+(?:-[ \t]+)?(?:dataset_name|data_path|train_data_path)\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'nemo-rl', MESSAGES, (top) => entryOf(top, 'data'));
    if (!config?.data) return config?.manifest;
    const { manifest, data } = config;
    const block = ctx.map(data.value, '`data`');
    if (!block) return manifest;
    const pending: PendingSource[] = [];
    for (const [key, evaluation] of [['train', false], ['validation', true]] as const) {
      const entry = entryOf(block, key);
      // `validation: null` is how NeMo-RL's examples say there is no separate set (split_validation_size takes one).
      if (!entry || (entry.value.kind === 'scalar' && entry.value.value === null)) continue;
      const items = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
      for (const item of items) {
        const map = ctx.map(item, `\`data.${key}\``);
        const read = map ? readDataset(ctx, map, evaluation) : undefined;
        if (read) pending.push(read);
      }
    }
    if (pending.length === 0) pending.push(...readFlat(ctx, block));
    manifest.sources.push(...buildSources(pending));
    return manifest;
  },
};

/** One `train:` or `validation:` block: its path, else its built-in name. */
function readDataset(ctx: DialectContext, map: MapNode, evaluation: boolean): PendingSource | undefined {
  const pathEntry = PATH_KEYS.map((k) => entryOf(map, k)).find((e) => e !== undefined);
  const nameEntry = entryOf(map, 'dataset_name');
  const splitEntry = entryOf(map, 'split');
  const split = splitEntry ? ctx.string(splitEntry.value, '`split`') : undefined;
  if (pathEntry) return named(ctx, map, pathEntry.value, evaluation, split);
  if (nameEntry) return named(ctx, map, nameEntry.value, evaluation, split, true);
  return undefined;
}

/** The older flat form: `dataset_name` or `train_data_path` for training, `val_data_path` for evaluation. */
function readFlat(ctx: DialectContext, block: MapNode): PendingSource[] {
  const read: PendingSource[] = [];
  const train = readDataset(ctx, block, false);
  if (train) read.push(train);
  const validation = entryOf(block, 'val_data_path');
  const pending = validation ? named(ctx, block, validation.value, true) : undefined;
  if (pending) read.push(pending);
  return read;
}

/** A dataset named by a path, or (`builtin`) by a built-in `dataset_name`. */
function named(ctx: DialectContext, map: MapNode, node: SyntaxNode, evaluation: boolean, split?: string, builtin = false): PendingSource | undefined {
  const name = ctx.string(node, builtin ? '`dataset_name`' : 'a dataset path');
  if (name === undefined) return undefined;
  const dataset = builtin ? BUILTIN_DATASETS[name] : name;
  const self = ctx.range(map);
  const withRole = (source: Source): Source => {
    if (evaluation) source.role = 'eval';
    return source;
  };
  // A built-in name whose dataset synthlint has not read in NeMo-RL's code: a source, but nothing to look up.
  if (dataset === undefined) return { name, build: (id) => withRole(blankSource(id, self, ctx.range(node))) };
  const hub = !isLocalPath(dataset);
  return {
    name: dataset,
    ...(split !== undefined && hub ? { split: hubSplit(split) } : {}),
    build(id) {
      const source = mixtureSource(id, dataset, self, ctx.range(node));
      if (hub) {
        source.files = [hubEntry(dataset)];
        if (split !== undefined) source.split = hubSplit(split);
      }
      applyCommentOrigin(source, ctx.text, map.start, node.end);
      return withRole(source);
    },
  };
}
