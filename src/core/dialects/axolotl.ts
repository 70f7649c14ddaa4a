import type { Manifest, Source } from '../manifest';
import { entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import type { DialectContext } from './context';
import { mixtureSource } from './mixture';
import type { Dialect } from './registry';

/**
 * Axolotl training configs (axolotl-ai-cloud/axolotl): `datasets:` is a list of `{path, type, ...}` where
 * `path` is a hub dataset id or a local file or folder, optionally narrowed by `data_files` and `name` (the hub
 * config). Each entry becomes a source; a local path (or its `data_files`) becomes the source's file globs.
 * Axolotl has many more keys per entry (`type`, `split`, `conversation`, `field_messages`, ...) that are not
 * ours to judge, so unknown keys are not reported.
 */
export const axolotlDialect: Dialect = {
  id: 'axolotl',
  label: 'Axolotl datasets config',
  detect(file, text) {
    if (!/\.(?:ya?ml|json)$/i.test(file)) return 0;
    return /^datasets\s*:/m.test(text) && /^\s*-?\s*path\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const root = ctx.readTree('The file is empty: expected an Axolotl config with `datasets:`.');
    if (!root) return undefined;
    const top = ctx.map(root, 'the Axolotl config');
    if (!top) return undefined;
    const manifest: Manifest = { file: ctx.file, dialect: 'axolotl', sources: [], ranges: { self: ctx.range({ start: 0, end: ctx.text.length }) } };
    const datasets = entryOf(top, 'datasets');
    if (!datasets) {
      ctx.report(top.entries[0]?.key ?? top, 'This Axolotl config has no `datasets:` list.');
      return manifest;
    }
    manifest.ranges.sources = ctx.range(datasets.key);
    if (datasets.value.kind !== 'seq') {
      ctx.wrongType(datasets.value, '`datasets`', 'a list of `{path, type}` entries');
      return manifest;
    }
    datasets.value.items.forEach((item, index) => {
      const source = readEntry(ctx, item, index, manifest.sources);
      if (source) manifest.sources.push(source);
    });
    return manifest;
  },
};

/** Local when it starts like a path or names a file; otherwise a hub id. Axolotl itself checks the disk first. */
function isLocalPath(path: string): boolean {
  return /^(?:\.{1,2}[\\/]|[\\/]|~|[A-Za-z]:[\\/])/.test(path) || hasFileExtension(path);
}

function hasFileExtension(path: string): boolean {
  return /\.(?:jsonl?|csv|tsv|parquet|arrow|txt)(?:\.gz)?$/i.test(path);
}

function readEntry(ctx: DialectContext, node: SyntaxNode, index: number, existing: readonly Source[]): Source | undefined {
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
  const baseId = configName ? `${path}:${configName}` : path;
  let id = baseId;
  // The same dataset twice (say, two splits) is legitimate in Axolotl; the second gets a suffix to stay unique.
  for (let n = 2; existing.some((s) => s.id === id); n++) id = `${baseId}#${n}`;
  const source = mixtureSource(id, path, ctx.range(map), ctx.range(pathEntry.value));
  if (!isLocalPath(path)) return source;
  const dataFiles = entryOf(map, 'data_files');
  const files = dataFiles ? ctx.stringList(dataFiles.value, '`data_files`', id) : undefined;
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

function optionalString(ctx: DialectContext, map: MapNode, key: string): string | undefined {
  const entry = entryOf(map, key);
  return entry ? ctx.string(entry.value, `\`${key}\``) : undefined;
}
