import type { Source } from '../manifest';
import { entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import { type ConfigMessages, readConfigFile } from './config-file';
import { blankSource, type DialectContext } from './context';
import { sourcesWithIds } from './mixture-ids';
import type { Dialect } from './dialect';

/** OmegaConf's marker of a value that must be given when the config is used. */
const MISSING = '???';

/** Where NeMo / Megatron configs put the blend: `model.data.data_prefix`, or `data.data_prefix` in launcher files. */
const PATHS: readonly (readonly string[])[] = [['model', 'data', 'data_prefix'], ['data', 'data_prefix'], ['data_prefix']];

const MESSAGES: ConfigMessages = {
  what: 'the NeMo config',
  empty: 'The file is empty: expected a NeMo config with `data_prefix`.',
  missing: 'This NeMo config has no `model.data.data_prefix`.',
};

/**
 * NVIDIA NeMo (and Megatron) pretraining configs: `data_prefix` is a blend `[weight, path, weight, path, ...]` of
 * tokenized indexed datasets (`path.bin` + `path.idx`), a single path, or `{train: [...], validation: [...],
 * test: [...]}`. Each path becomes a source with its weight (Megatron normalises the weights); validation and
 * test blends are evaluation data. The files are binary token ids, so there is nothing to analyse and nothing
 * about origin: provenance can only come from a registry entry or the source's name.
 */
export const nemoDialect: Dialect = {
  id: 'nemo',
  label: 'NeMo / Megatron data_prefix blend',
  detect(file, text) {
    if (!/\.ya?ml$/i.test(file)) return 0;
    return /^\s*data_prefix\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'nemo', MESSAGES, (top) => PATHS.map((path) => at(top, path)).find((e) => e !== undefined));
    if (!config?.data) return config?.manifest;
    const { manifest, data: prefix } = config;
    const entries: Blend[] = [];
    if (prefix.value.kind === 'map') {
      for (const { key, value } of prefix.value.entries) blend(ctx, value, String(key.value) !== 'train', String(key.value), entries);
    } else blend(ctx, prefix.value, false, undefined, entries);
    manifest.sources.push(...sourcesWithIds(entries, (entry, id) => toSource(ctx, entry, id)));
    return manifest;
  },
};

interface Blend {
  name: string;
  split?: string;
  node: SyntaxNode;
  weight?: { value: number; node: SyntaxNode };
  evaluation: boolean;
}

function at(top: MapNode, path: readonly string[]): ReturnType<typeof entryOf> {
  let map: MapNode = top;
  for (const [i, key] of path.entries()) {
    const entry = entryOf(map, key);
    if (!entry || i === path.length - 1) return entry;
    if (entry.value.kind !== 'map') return undefined;
    map = entry.value;
  }
  return undefined;
}

/** A path, or a list of paths, or alternating weights and paths. */
function blend(ctx: DialectContext, node: SyntaxNode, evaluation: boolean, split: string | undefined, out: Blend[]): void {
  const push = (name: string, nameNode: SyntaxNode, weight?: { value: number; node: SyntaxNode }): void => {
    out.push({ name, node: nameNode, evaluation, ...(split ? { split } : {}), ...(weight ? { weight } : {}) });
  };
  // `???` is OmegaConf's mandatory value, given at launch (NeMo's examples/nlp/language_modeling/conf/megatron_gpt_config.yaml):
  // the blend is not in the file, and `???` is no dataset.
  if (node.kind === 'scalar' && node.value === MISSING) return;
  if (node.kind === 'scalar' && typeof node.value === 'string') return push(node.value, node);
  if (node.kind !== 'seq') return ctx.wrongType(node, '`data_prefix`', 'a path or a list alternating weights and paths');
  const weighted = node.items.length > 1 && node.items[0]?.kind === 'scalar' && typeof node.items[0].value === 'number';
  if (!weighted) {
    for (const item of node.items) {
      const name = ctx.string(item, 'each path of `data_prefix`');
      if (name !== undefined) push(name, item);
    }
    return;
  }
  for (let i = 0; i < node.items.length; i += 2) {
    const weightNode = node.items[i];
    const pathNode = node.items[i + 1];
    if (!weightNode) break;
    if (!pathNode) {
      ctx.report(weightNode, '`data_prefix` alternates weights and paths: this weight has no path after it.');
      break;
    }
    const value = ctx.count(weightNode, 'a `data_prefix` weight', { integer: false });
    const name = ctx.string(pathNode, 'a `data_prefix` path');
    if (name !== undefined) push(name, pathNode, value === undefined ? undefined : { value, node: weightNode });
  }
}

function toSource(ctx: DialectContext, entry: Blend, id: string): Source {
  const range = ctx.range(entry.node);
  // Indexed datasets are binary token ids: no files to analyse (and `${data_dir}` paths are filled in at launch).
  const source = blankSource(id, entry.weight ? ctx.range({ start: entry.weight.node.start, end: entry.node.end }) : range, range);
  if (entry.evaluation) source.role = 'eval';
  if (entry.weight) {
    // Megatron normalises the blend's weights and draws that part of the samples from each path, whatever its size.
    source.weight = { value: entry.weight.value, kind: 'proportion' };
    source.ranges.weight = ctx.range(entry.weight.node);
  }
  return source;
}
