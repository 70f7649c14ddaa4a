import type { Source } from '../manifest';
import { entryOf, type MapEntry, type MapNode, type SyntaxNode } from '../syntax-tree';
import { applyCommentOrigin } from './comment-origin';
import { type ConfigMessages, readConfigFile } from './config-file';
import { type DialectContext, type Span } from './context';
import { mixtureSource } from './mixture';
import { hubSplit } from './mixture-ids';
import type { Dialect } from './dialect';

/** The keys that name the data (finetune.py takes exactly one); in a file with several, the first here is read. */
const DATA_KEYS = ['dataset_mixer', 'dataset_mixer_list', 'dataset_name', 'train_file'] as const;

const MESSAGES: ConfigMessages = {
  what: 'the training config',
  empty: 'The file is empty: expected a training config with `dataset_mixer:`.',
  missing: 'This training config has no `dataset_mixer` (or `dataset_mixer_list`, `dataset_name`, `train_file`).',
};

/**
 * open-instruct (allenai/open-instruct) and the older alignment-handbook training configs:
 *   dataset_mixer: { allenai/tulu-v2-sft-mixture: 0.5, HuggingFaceH4/no_robots: 2500 }
 * or the newer flat list form `dataset_mixer_list: [name, "0.5", name, "2500"]`, or a single
 * `dataset_name: org/name` (as TRL's scripts also take it), or a local `train_file: data.jsonl` (open-instruct's
 * finetune.py takes exactly one of the four). Per open-instruct's README, a value up to 1 is the
 * fraction of that dataset to sample and a larger value a number of samples: the source's weight, of kind
 * `fraction-of-source` or `rows` (a count drawn, not the dataset's size, so not its `rows`). A comment beside an entry that states its origin (`# gpt4 generated`) is
 * the file's own evidence and sets it. The rest of the training config is not ours to judge, so unknown keys
 * are not reported.
 */
export const openInstructDialect: Dialect = {
  id: 'open-instruct',
  label: 'open-instruct dataset_mixer',
  detect(file, text) {
    if (!/\.(?:ya?ml|json)$/i.test(file)) return 0;
    if (/^(?:dataset_mixer(?:_list)?\s*:|\s*\{?\s*"dataset_mixer(?:_list)?"\s*:)/m.test(text)) return 2;
    // A lone dataset_name or train_file is a generic training-config key: any dialect with a key of its own wins.
    // Its value may sit on the next, indented line (TRL's examples/cli_configs/example_config.yaml).
    return /^(?:dataset_name|train_file)\s*:(?:[ \t]*[^\s#]|[ \t]*(?:#.*)?\r?\n[ \t]+[^\s#-])/m.test(text) ? 1 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'open-instruct', MESSAGES, (top) => DATA_KEYS.map((key) => entryOf(top, key)).find((e) => e !== undefined));
    if (!config?.data) return config?.manifest;
    const { manifest, data } = config;
    const key = String(data.key.value);
    if (key === 'dataset_mixer') readMixer(ctx, data.value, manifest.sources);
    else if (key === 'dataset_mixer_list') readMixerList(ctx, data.value, manifest.sources);
    else readSingle(ctx, data, manifest.sources);
    const split = trainingSplit(config.top, key);
    if (split !== undefined) for (const source of manifest.sources) source.split = split;
    return manifest;
  },
};

/**
 * The split the datasets are trained on, where the file names it, for remote sampling to read (absent: `train`).
 * Beside a `dataset_mixer`, the alignment-handbook's `dataset_splits` list: its `mix_datasets` loads every split
 * listed, trains on those whose name contains "train" and evaluates on those containing "test" (recipes list
 * `train_sft`, `test_sft`); the first training one is sampled. Beside a `dataset_name`, TRL's `dataset_train_split`
 * (its scripts train on `dataset[dataset_train_split]`). Found on the zephyr-7b-gemma and smollm2 recipes.
 */
function trainingSplit(top: MapNode, dataKey: string): string | undefined {
  if (dataKey === 'dataset_name') {
    const split = entryOf(top, 'dataset_train_split')?.value;
    return split?.kind === 'scalar' && typeof split.value === 'string' ? hubSplit(split.value) : undefined;
  }
  const splits = dataKey === 'dataset_mixer' ? entryOf(top, 'dataset_splits')?.value : undefined;
  if (splits?.kind !== 'seq') return undefined;
  for (const item of splits.items) {
    if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.includes('train')) return hubSplit(item.value);
  }
  return undefined;
}

function readMixer(ctx: DialectContext, node: SyntaxNode, sources: Source[]): void {
  const map = ctx.map(node, '`dataset_mixer`');
  if (!map) return;
  for (const { key, value } of map.entries) {
    const name = ctx.string(key, 'a dataset name');
    if (name === undefined) continue;
    addSource(ctx, sources, name, key, value, { start: key.start, end: value.end });
  }
}

/** `dataset_name: org/name` or `train_file: path.jsonl`: the whole dataset, with no fraction or count. */
function readSingle(ctx: DialectContext, { key, value: node }: MapEntry, sources: Source[]): void {
  const name = ctx.string(node, `\`${String(key.value)}\``);
  if (name === undefined) return;
  const source = mixtureSource(name, name, ctx.range(node), ctx.range(node));
  applyCommentOrigin(source, ctx.text, node.start, node.end);
  sources.push(source);
}

function readMixerList(ctx: DialectContext, node: SyntaxNode, sources: Source[]): void {
  if (node.kind !== 'seq') {
    ctx.wrongType(node, '`dataset_mixer_list`', 'a list alternating dataset names and fractions or counts');
    return;
  }
  for (let i = 0; i < node.items.length; i += 2) {
    const nameNode = node.items[i];
    const amountNode = node.items[i + 1];
    if (!nameNode) break;
    const name = ctx.string(nameNode, 'a dataset name');
    if (name === undefined) continue;
    if (!amountNode) {
      ctx.report(nameNode, `'${name}' has no fraction or count after it: \`dataset_mixer_list\` alternates names and amounts.`);
      continue;
    }
    addSource(ctx, sources, name, nameNode, amountNode, { start: nameNode.start, end: amountNode.end });
  }
}

function addSource(ctx: DialectContext, sources: Source[], name: string, nameNode: Span, amountNode: SyntaxNode, self: Span): void {
  const nameRange = ctx.range(nameNode);
  if (sources.some((s) => s.id === name)) {
    ctx.report(nameNode, `'${name}' is listed twice in the mixture.`, { sourceId: name });
    return;
  }
  const source = mixtureSource(name, name, ctx.range(self), nameRange);
  applyCommentOrigin(source, ctx.text, self.start, self.end);
  sources.push(source);
  const amount = readAmount(ctx, amountNode, name);
  if (amount === undefined) return;
  // open-instruct's get_datasets: "if frac > 1, it is the number of samples"; up to 1 it is a fraction of the dataset.
  const rows = amount > 1;
  if (rows && !Number.isInteger(amount)) {
    ctx.report(amountNode, `A sample count above 1 must be a whole number (found ${amount} for '${name}').`, { sourceId: name });
    return;
  }
  source.weight = { value: amount, kind: rows ? 'rows' : 'fraction-of-source' };
  source.ranges.weight = ctx.range(amountNode);
}

/** The list form writes amounts as strings ("0.5"), as the command line passes them. */
function readAmount(ctx: DialectContext, node: SyntaxNode, name: string): number | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(node.value)) {
    const n = Number(node.value);
    if (n >= 0) return n;
    ctx.report(node, `The amount for '${name}' cannot be negative (found ${n}).`, { sourceId: name });
    return undefined;
  }
  return ctx.count(node, `the amount for '${name}'`, { integer: false, sourceId: name });
}
