import type { DialectId, Manifest } from '../manifest';
import type { ItemStream, MapNode } from '../syntax-tree';
import type { DialectContext, Span } from './context';

/** What a config dialect says about a file that is empty, not a mapping, or lists no data. */
export interface ConfigMessages {
  /** The top mapping, as a wrong-type message names it: `the torchtune config`. */
  what: string;
  /** The finding for an empty file, saying what it should hold. */
  empty: string;
  /** The finding for a config whose data key is missing: ``This torchtune config has no `dataset:`.`` */
  missing: string;
}

/** A config's top mapping, the manifest its dialect fills (no sources yet), and the entry that lists its data. */
export interface ConfigFile<Data> {
  top: MapNode;
  manifest: Manifest;
  /** Undefined when the config has none: reported, and the manifest stays empty. */
  data: Data | undefined;
}

/**
 * The reading every config dialect starts with: the file's tree (syntax errors, or an empty file, reported), its
 * top mapping (anything else reported as a wrong type), a manifest spanning the whole file, and the entry
 * `findData` gives, where the manifest's `sources` range points. A config without it gets `messages.missing` at its
 * first key (the place a user reads first). Undefined when the file cannot be read at all. A `stream` gets the items
 * of its list as the tree is read (see ItemStream).
 */
export function readConfigFile<Data extends { key: Span }>(ctx: DialectContext, dialect: DialectId, messages: ConfigMessages, findData: (top: MapNode) => Data | undefined, stream?: ItemStream): ConfigFile<Data> | undefined {
  const root = ctx.readTree(messages.empty, stream);
  if (!root) return undefined;
  const top = ctx.map(root, messages.what);
  if (!top) return undefined;
  const manifest: Manifest = { file: ctx.file, dialect, sources: [], ranges: { self: ctx.range({ start: 0, end: ctx.text.length }) } };
  const data = findData(top);
  if (data) manifest.ranges.sources = ctx.range(data.key);
  else ctx.report(top.entries[0]?.key ?? top, messages.missing);
  return { top, manifest, data };
}
