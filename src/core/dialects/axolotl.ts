import type { Source } from '../manifest';
import { entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import type { DialectContext } from './context';
import { applyCommentOrigin } from './comment-origin';
import { type ConfigMessages, readConfigFile } from './config-file';
import { mixtureSource } from './mixture';
import { hasFileExtension, hubEntry, hubSplit, isLocalPath } from './mixture-ids';
import type { Dialect } from './dialect';

/** The keys that list data, in the order Axolotl reads them; `test_datasets` is evaluation data. */
const LIST_KEYS = ['datasets', 'pretraining_dataset', 'test_datasets'] as const;

const MESSAGES: ConfigMessages = {
  what: 'the Axolotl config',
  empty: 'The file is empty: expected an Axolotl config with `datasets:`.',
  missing: 'This Axolotl config has no `datasets:` (or `pretraining_dataset:`) list.',
};

/**
 * Axolotl training configs (axolotl-ai-cloud/axolotl): `datasets:` (and `test_datasets:` for evaluation) is a
 * list of `{path, type, ...}` where `path` is a hub dataset id or a local file or folder, optionally narrowed by
 * `data_files` and `name` (the hub config); `pretraining_dataset` is the same for streamed pretraining data, as a
 * list, one entry, or a bare name. Each entry becomes a source; a local path (or its `data_files`) becomes the
 * source's file globs. Detected by content (`base_model` with a data list, or entries with `path:`), whatever
 * the file is called. Axolotl has many more keys per entry (`type`, `split`, `conversation`, `field_messages`,
 * ...) that are not ours to judge, so unknown keys are not reported.
 */
export const axolotlDialect: Dialect = {
  id: 'axolotl',
  label: 'Axolotl datasets config',
  detect(file, text) {
    if (!/\.(?:ya?ml|json)$/i.test(file)) return 0;
    if (!/^(?:datasets|pretraining_dataset|test_datasets)\s*:/m.test(text)) return 0;
    return /^base_model\s*:/m.test(text) || /^\s*-?\s*path\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'axolotl', MESSAGES, (top) => LIST_KEYS.map((key) => entryOf(top, key)).find((e) => e !== undefined));
    if (!config?.data) return config?.manifest;
    const { top, manifest } = config;
    for (const list of LIST_KEYS.map((key) => entryOf(top, key)).filter((e) => e !== undefined)) {
      const key = String(list.key.value);
      const items = entriesOf(ctx, key, list.value);
      items.forEach((item, index) => {
        const source = readEntry(ctx, item, index, manifest.sources);
        if (!source) return;
        if (key === 'test_datasets') source.role = 'eval';
        manifest.sources.push(source);
      });
    }
    return manifest;
  },
};

/** A list's entries; `pretraining_dataset` may also be one entry or a bare dataset name. */
function entriesOf(ctx: DialectContext, key: string, value: SyntaxNode): SyntaxNode[] {
  if (value.kind === 'seq') return value.items;
  if (key === 'pretraining_dataset' && (value.kind === 'map' || (value.kind === 'scalar' && typeof value.value === 'string'))) return [value];
  ctx.wrongType(value, `\`${key}\``, 'a list of `{path, type}` entries');
  return [];
}

function readEntry(ctx: DialectContext, node: SyntaxNode, index: number, existing: readonly Source[]): Source | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') return namedSource(ctx, node.value, node, node, existing);
  const map = ctx.map(node, `dataset ${index + 1}`);
  if (!map) return undefined;
  const pathEntry = entryOf(map, 'path');
  if (!pathEntry) {
    ctx.report(map.entries[0]?.key ?? map, `Dataset ${index + 1} has no \`path\` (a hub dataset id or a local file).`);
    return undefined;
  }
  const path = ctx.string(pathEntry.value, '`path`');
  if (path === undefined) return undefined;
  const configName = optionalString(ctx, map, 'name');
  const source = namedSource(ctx, configName ? `${path}:${configName}` : path, map, pathEntry.value, existing, path);
  if (!isLocalPath(path)) {
    const split = optionalString(ctx, map, 'split');
    if (split !== undefined) source.split = hubSplit(split);
    return source;
  }
  const dataFiles = entryOf(map, 'data_files');
  const files = dataFiles ? ctx.stringList(dataFiles.value, '`data_files`', source.id) : undefined;
  if (hasFileExtension(path)) return source;
  // A local folder: axolotl loads `data_files` relative to it, or everything in it.
  const folder = path.replace(/[\\/]+$/, '');
  if (dataFiles && files) {
    source.files = files.values.map((f) => (/^(?:[\\/]|[A-Za-z]:[\\/])/.test(f) ? f : `${folder}/${f}`));
    source.itemRanges.files = files.ranges;
    source.ranges.files = ctx.range(dataFiles.value);
  } else source.files = [`${folder}/**/*`];
  return source;
}

/** A source for dataset `path` (a hub id or local path) under the id `baseId`, made unique among `existing`. */
function namedSource(ctx: DialectContext, baseId: string, entry: SyntaxNode, pathNode: SyntaxNode, existing: readonly Source[], path = baseId): Source {
  let id = baseId;
  // The same dataset twice (say, two splits) is legitimate in Axolotl; the second gets a suffix to stay unique.
  for (let n = 2; existing.some((s) => s.id === id); n++) id = `${baseId}#${n}`;
  const source = mixtureSource(id, path, ctx.range(entry), ctx.range(pathNode));
  if (!isLocalPath(path)) source.files = [hubEntry(path)];
  applyCommentOrigin(source, ctx.text, entry.start, pathNode.end);
  return source;
}

function optionalString(ctx: DialectContext, map: MapNode, key: string): string | undefined {
  const entry = entryOf(map, key);
  return entry ? ctx.string(entry.value, `\`${key}\``) : undefined;
}
