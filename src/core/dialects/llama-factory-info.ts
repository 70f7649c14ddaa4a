import type { Manifest, Source } from '../manifest';
import { entryOf, type MapNode } from '../syntax-tree';
import { baseName, blankSource, type DialectContext } from './context';
import { mixtureSource } from './mixture';
import { hubEntry } from './mixture-ids';
import type { Dialect } from './dialect';

/** LLaMA-Factory's data/README.md: where a dataset is, how it is formatted, which columns hold what. */
export const DATASET_INFO_KEYS = [
  'hf_hub_url',
  'ms_hub_url',
  'om_hub_url',
  'script_url',
  'cloud_file_name',
  'file_name',
  'formatting',
  'ranking',
  'subset',
  'split',
  'folder',
  'num_samples',
  'columns',
  'tags',
] as const;

/** Where an entry's data lives, in the order LLaMA-Factory looks (Hugging Face hub first, then the mirrors, then local). */
const LOCATION_KEYS = ['hf_hub_url', 'ms_hub_url', 'om_hub_url', 'script_url', 'cloud_file_name', 'file_name'] as const;

/**
 * LLaMA-Factory's dataset registry, `data/dataset_info.json`: `{name: {hf_hub_url | ms_hub_url | om_hub_url |
 * file_name, formatting, columns, ranking, ...}}`. Every entry is a source named by its key: a hub entry is looked
 * up in the provenance registry, a `file_name` is a local file beside this one. The format records where data
 * is and how it is laid out, never who or what wrote it, so origin comes from the registry or stays unknown.
 * Training YAMLs name these entries (`dataset: a,b`); the llama-factory dialect resolves them through this file.
 */
export const llamaFactoryInfoDialect: Dialect = {
  id: 'llama-factory-info',
  label: 'LLaMA-Factory dataset_info.json',
  detect(file, text) {
    if (!/\.json$/i.test(file)) return 0;
    if (baseName(file) === 'dataset_info.json') return 3;
    return /^\s*"(?:hf_hub_url|ms_hub_url|om_hub_url)"\s*:/m.test(text) && /^\s*"(?:formatting|columns|file_name)"\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const root = ctx.readTree('The file is empty: expected LLaMA-Factory dataset entries (`{"name": {"hf_hub_url": ...}}`).');
    if (!root) return undefined;
    const top = ctx.map(root, 'dataset_info.json');
    if (!top) return undefined;
    const manifest: Manifest = { file: ctx.file, dialect: 'llama-factory-info', sources: [], ranges: { self: ctx.range(top) } };
    for (const { key, value } of top.entries) {
      const name = String(key.value);
      const entry = ctx.map(value, `dataset '${name}'`, name);
      if (!entry) continue;
      const source = datasetInfoSource(ctx, name, entry, key);
      if (source) manifest.sources.push(source);
    }
    return manifest;
  },
};

/**
 * The source for one dataset_info.json entry, under the id `id` with `idSpan` as its id range. Shared with the
 * training-YAML dialect, which reads the same entries through the `dataset:` names. Reports an entry that says
 * nowhere its data lives.
 */
export function datasetInfoSource(ctx: DialectContext, id: string, entry: MapNode, idSpan: { start: number; end: number }, fileBase = ''): Source | undefined {
  ctx.checkKeys(entry, DATASET_INFO_KEYS, `dataset '${id}'`, id);
  const location = LOCATION_KEYS.map((key) => ({ key, entry: entryOf(entry, key) })).find((l) => l.entry !== undefined);
  if (!location?.entry) {
    ctx.report(idSpan, `Dataset '${id}' says nowhere where its data is: give \`hf_hub_url\`, \`ms_hub_url\`, \`om_hub_url\` or \`file_name\`.`, { sourceId: id });
    return undefined;
  }
  const where = ctx.string(location.entry.value, `\`${location.key}\``, id);
  if (where === undefined) return undefined;
  const self = ctx.range(entry);
  const whereRange = ctx.range(location.entry.value);
  if (location.key === 'file_name' || location.key === 'cloud_file_name') {
    const source = blankSource(id, self, ctx.range(idSpan));
    source.files = [`${fileBase}${where}`];
    source.itemRanges.files = [whereRange];
    source.ranges.files = whereRange;
    return source;
  }
  const source = mixtureSource(id, where, self, ctx.range(idSpan));
  source.ranges.files = whereRange;
  source.itemRanges.files = [whereRange];
  // Only a Hugging Face id may be written as an hf:// address; a mirror's id stays as written.
  if (location.key === 'hf_hub_url') source.files = [hubEntry(where)];
  return source;
}
