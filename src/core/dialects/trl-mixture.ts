import type { Source } from '../manifest';
import { entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import { applyCommentOrigin } from './comment-origin';
import { type ConfigMessages, readConfigFile } from './config-file';
import type { DialectContext } from './context';
import { mixtureSource } from './mixture';
import { hubEntry, hubSplit, sourcesWithIds } from './mixture-ids';
import type { Dialect } from './dialect';

const MIXTURE_KEYS = ['datasets', 'seed', 'test_split_size'] as const;
const ENTRY_KEYS = ['id', 'config', 'split', 'columns', 'weight'] as const;

const MESSAGES: ConfigMessages = {
  what: 'the training config',
  empty: 'The file is empty: expected a training config with `dataset_mixture:`.',
  missing: 'This training config has no `dataset_mixture`.',
};

/**
 * TRL's `DatasetMixtureConfig`, as the alignment-handbook and open-r1 recipes write it:
 *   dataset_mixture:
 *     datasets:
 *       - {id: HuggingFaceH4/ultrachat_200k, config: default, split: train_sft, columns: [messages], weight: 1.0}
 *     test_split_size: 1000
 * Each entry is one split of a hub dataset, sampled at `weight` (a fraction of that split); the recipes list a
 * dataset once per split, so each entry is its own source (`name[split]` when a name repeats) and keeps its weight.
 * The older `dataset_mixer: {id: weight}` form of the same recipes is read by the open-instruct dialect. The block
 * is small and fixed, so unknown keys in it are reported (with a did-you-mean); the rest of the file is not ours.
 */
export const trlMixtureDialect: Dialect = {
  id: 'trl-mixture',
  label: 'TRL / alignment-handbook dataset_mixture',
  detect(file, text) {
    if (!/\.(?:ya?ml|json)$/i.test(file)) return 0;
    return /^(?:dataset_mixture\s*:|\s*\{?\s*"dataset_mixture"\s*:)/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'trl-mixture', MESSAGES, (top) => entryOf(top, 'dataset_mixture'));
    if (!config?.data) return config?.manifest;
    const { manifest, data: mixture } = config;
    const block = ctx.map(mixture.value, '`dataset_mixture`');
    if (!block) return manifest;
    ctx.checkKeys(block, MIXTURE_KEYS, '`dataset_mixture`');
    const datasets = entryOf(block, 'datasets');
    if (!datasets) {
      ctx.report(mixture.key, '`dataset_mixture` has no `datasets` list.');
      return manifest;
    }
    if (datasets.value.kind !== 'seq') {
      ctx.wrongType(datasets.value, '`dataset_mixture.datasets`', 'a list of `{id, config, split, columns, weight}` entries');
      return manifest;
    }
    const entries = datasets.value.items.map((item, index) => readEntry(ctx, item, index)).filter((e) => e !== undefined);
    manifest.sources.push(...sourcesWithIds(entries, (entry, id) => toSource(ctx, entry, id)));
    return manifest;
  },
};

interface Entry {
  name: string;
  split?: string;
  map: MapNode;
  nameNode: SyntaxNode;
  weight?: { value: number; node: SyntaxNode };
}

function readEntry(ctx: DialectContext, node: SyntaxNode, index: number): Entry | undefined {
  const map = ctx.map(node, `dataset ${index + 1} of \`dataset_mixture\``);
  if (!map) return undefined;
  ctx.checkKeys(map, ENTRY_KEYS, `dataset ${index + 1} of \`dataset_mixture\``);
  const id = entryOf(map, 'id');
  if (!id) {
    ctx.report(map.entries[0]?.key ?? map, `Dataset ${index + 1} of \`dataset_mixture\` has no \`id\` (the hub dataset id).`);
    return undefined;
  }
  const name = ctx.string(id.value, '`id`');
  if (name === undefined) return undefined;
  const entry: Entry = { name, map, nameNode: id.value };
  const split = entryOf(map, 'split');
  const splitName = split ? ctx.string(split.value, '`split`', name) : undefined;
  if (splitName !== undefined) entry.split = splitName;
  const weight = entryOf(map, 'weight');
  if (weight) {
    const value = ctx.count(weight.value, `the weight of '${name}'`, { integer: false, sourceId: name });
    if (value !== undefined) entry.weight = { value, node: weight.value };
  }
  return entry;
}

function toSource(ctx: DialectContext, entry: Entry, id: string): Source {
  const source = mixtureSource(id, entry.name, ctx.range(entry.map), ctx.range(entry.nameNode));
  source.files = [hubEntry(entry.name)];
  if (entry.split !== undefined) source.split = hubSplit(entry.split);
  if (entry.weight) {
    // The handbook and open-r1 take `int(len(split) * weight)` rows of the split: a fraction of it, not of the mix.
    source.weight = { value: entry.weight.value, kind: 'fraction-of-source' };
    source.ranges.weight = ctx.range(entry.weight.node);
  }
  applyCommentOrigin(source, ctx.text, entry.map.start, entry.nameNode.end);
  return source;
}
