import type { Source, WeightKind } from '../manifest';
import { entryOf, type MapEntry, type MapNode, type SyntaxNode } from '../syntax-tree';
import { type ConfigMessages, readConfigFile } from './config-file';
import { blankSource, type DialectContext } from './context';
import { mixtureSource } from './mixture';
import { buildSources, hubEntry, hubSplit, type PendingSource } from './mixture-ids';
import type { Dialect } from './dialect';

/** Hugging Face builders that load local files named by `hf_kwargs` rather than a hub dataset. */
const LOCAL_BUILDERS = new Set(['json', 'jsonl', 'csv', 'parquet', 'text', 'arrow']);

/** The loaders, training first; `eval_loader` is evaluation data. */
const LOADER_KEYS = ['train_loader', 'eval_loader'] as const;

const MESSAGES: ConfigMessages = {
  what: 'the llm-foundry config',
  empty: 'The file is empty: expected an llm-foundry config with `train_loader:`.',
  missing: 'This llm-foundry config has no `train_loader:`.',
};

/** A stream's three ways to say how much of it an epoch takes, in the order streaming documents them. */
const STREAM_WEIGHTS: readonly { key: string; kind: WeightKind }[] = [
  { key: 'proportion', kind: 'proportion' },
  { key: 'repeat', kind: 'fraction-of-source' },
  { key: 'choose', kind: 'rows' },
];

/**
 * MosaicML llm-foundry training YAMLs: `train_loader.dataset` (and `eval_loader`, evaluation data) is either one
 * dataset — `hf_name` (a hub id, or a builder such as `json` with `hf_kwargs.data_dir`), or a streaming
 * `remote`/`local` MDS dataset — or `streams: {name: {remote, local, split, proportion, repeat, choose}}`. Each
 * becomes a source; `proportion`, `repeat` or `choose` its weight (of the kind each is). MDS shards are binary, so streaming
 * sources list no files to analyse. `<<:` merge keys and `${key}` references to top-level values are followed,
 * as OmegaConf does. The format says nothing about origin.
 */
export const mosaicmlDialect: Dialect = {
  id: 'mosaicml',
  label: 'MosaicML llm-foundry config',
  detect(file, text) {
    if (!/\.ya?ml$/i.test(file)) return 0;
    return /^(?:train_loader|eval_loader)\s*:/m.test(text) && /^\s+(?:hf_name|streams|remote|local)\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'mosaicml', MESSAGES, (top) => LOADER_KEYS.map((key) => entryOf(top, key)).find((e) => e !== undefined));
    if (!config?.data) return config?.manifest;
    const { top, manifest } = config;
    const reader = new Reader(ctx, top);
    const found: PendingSource[] = [];
    for (const key of LOADER_KEYS) {
      const entry = entryOf(top, key);
      const loaderNodes = entry?.value.kind === 'seq' ? entry.value.items : entry ? [entry.value] : [];
      for (const node of loaderNodes) reader.loader(node, key === 'eval_loader', found);
    }
    manifest.sources.push(...buildSources(found));
    return manifest;
  },
};

class Reader {
  constructor(
    private readonly ctx: DialectContext,
    private readonly top: MapNode,
  ) {}

  loader(node: SyntaxNode, evaluation: boolean, found: PendingSource[]): void {
    const loader = this.ctx.map(node, evaluation ? '`eval_loader`' : '`train_loader`');
    if (!loader) return;
    const dataset = this.get(loader, 'dataset');
    if (!dataset) return;
    const map = this.ctx.map(dataset.value, '`dataset`');
    if (!map) return;
    const streams = this.get(map, 'streams');
    if (streams) {
      const streamMap = this.ctx.map(streams.value, '`streams`');
      for (const stream of streamMap?.entries ?? []) {
        const inner = this.ctx.map(stream.value, `stream '${String(stream.key.value)}'`);
        if (inner) this.dataset(inner, evaluation, found, stream, this.text(map, 'split'));
      }
      return;
    }
    this.dataset(map, evaluation, found);
  }

  /** One dataset (or stream, named by `stream`): where it is, and how much of it is drawn. */
  private dataset(map: MapNode, evaluation: boolean, found: PendingSource[], stream?: MapEntry, outerSplit?: string): void {
    const split = this.text(map, 'split') ?? outerSplit;
    const hf = this.get(map, 'hf_name');
    const remote = this.get(map, 'remote');
    const local = this.get(map, 'local');
    const hfName = hf ? this.text(map, 'hf_name') : undefined;
    const kwargs = this.get(map, 'hf_kwargs');
    const kwargsMap = kwargs?.value.kind === 'map' ? kwargs.value : undefined;
    const localFiles = hfName && LOCAL_BUILDERS.has(hfName) && kwargsMap ? (this.text(kwargsMap, 'data_dir') ?? this.text(kwargsMap, 'data_files')) : undefined;
    const localFilesNode = kwargsMap ? (this.get(kwargsMap, 'data_dir') ?? this.get(kwargsMap, 'data_files'))?.value : undefined;
    const remoteName = remote ? this.text(map, 'remote') : undefined;
    const localName = local ? this.text(map, 'local') : undefined;
    const name = localFiles ?? hfName ?? remoteName ?? localName;
    const nameNode = (localFiles ? localFilesNode : hfName ? hf?.value : remoteName ? remote?.value : local?.value) ?? map;
    if (name === undefined) {
      this.ctx.report(stream?.key ?? map, 'This dataset names no data: give `hf_name`, `remote` or `local`.');
      return;
    }
    const ctx = this.ctx;
    const weight = this.weight(map, name);
    found.push({
      name: stream ? String(stream.key.value) : name,
      ...(split ? { split } : {}),
      build: (id) => {
        const self = ctx.range(map);
        const idRange = ctx.range(stream?.key ?? nameNode);
        let source: Source;
        if (localFiles !== undefined) {
          source = blankSource(id, self, idRange);
          source.files = [/\.[A-Za-z]+$/.test(localFiles) ? localFiles : `${localFiles.replace(/[\\/]+$/, '')}/**/*`];
        } else if (hfName !== undefined) {
          source = mixtureSource(id, hfName, self, idRange);
          source.files = [hubEntry(hfName)];
          // The eval loader's `split: test` is what remote sampling must read, not the default train split.
          if (split) source.split = hubSplit(split);
        } else {
          // A streaming MDS dataset: binary shards, nothing the analyzer can read.
          source = blankSource(id, self, idRange);
        }
        source.ranges.files = ctx.range(nameNode);
        source.itemRanges.files = source.files.map(() => ctx.range(nameNode));
        if (evaluation) source.role = 'eval';
        if (weight) {
          source.weight = { value: weight.value, kind: weight.kind };
          source.ranges.weight = ctx.range(weight.node);
        }
        return source;
      },
    });
  }

  /**
   * A stream's weight, in streaming's own terms (streaming.Stream): `proportion` is its part of the epoch,
   * relative to the other streams' proportions; `repeat` multiplies the stream's samples; `choose` is a number
   * of samples drawn. Streaming accepts at most one of the three per stream.
   */
  private weight(map: MapNode, name: string): { value: number; kind: WeightKind; node: SyntaxNode } | undefined {
    const given = STREAM_WEIGHTS.flatMap(({ key, kind }) => {
      const entry = this.get(map, key);
      return entry ? [{ entry, kind }] : [];
    });
    const [first, second] = given;
    if (!first) return undefined;
    if (second) {
      this.ctx.report(second.entry.key, `A stream takes at most one of \`proportion\`, \`repeat\` and \`choose\` ('${name}' has \`${String(first.entry.key.value)}\` too).`, { sourceId: name });
    }
    const key = String(first.entry.key.value);
    const value = this.ctx.count(first.entry.value, `the ${key} of '${name}'`, { integer: key === 'choose', sourceId: name });
    return value === undefined ? undefined : { value, kind: first.kind, node: first.entry.value };
  }

  /** An entry of `map`, also through `<<:` merge keys (YAML 1.1 merges, which OmegaConf applies). */
  private get(map: MapNode, key: string, depth = 0): MapEntry | undefined {
    const own = entryOf(map, key);
    if (own || depth > 8) return own;
    const merge = entryOf(map, '<<');
    const sources = merge ? (merge.value.kind === 'seq' ? merge.value.items : [merge.value]) : [];
    for (const source of sources) {
      const found = source.kind === 'map' ? this.get(source, key, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /**
   * A string value, with `${key}` / `${a.b}` references to the config's own values resolved, whole
   * (`${variables.data_local}`) or inside a longer string (`${variables.data_remote}/train`); undefined when
   * empty. A string with a reference that does not resolve to a value is kept as written.
   */
  private text(map: MapNode, key: string): string | undefined {
    const entry = this.get(map, key);
    if (!entry || entry.value.kind !== 'scalar' || entry.value.value === null) return undefined;
    const raw = typeof entry.value.value === 'string' ? entry.value.value : this.ctx.text.slice(entry.value.start, entry.value.end);
    const whole = /^\$\{([\w.]+)\}$/.exec(raw);
    if (whole?.[1]) {
      const resolved = this.lookup(whole[1]);
      return resolved === null ? undefined : (resolved ?? raw);
    }
    let unresolved = false;
    const substituted = raw.replace(/\$\{([\w.]+)\}/g, (reference, path: string) => {
      const value = this.lookup(path);
      if (value === null || value === undefined) unresolved = true;
      return value ?? reference;
    });
    return unresolved ? raw : substituted;
  }

  /** A dotted path from the top of the config: a string, null when it is set empty, undefined when absent. */
  private lookup(path: string): string | null | undefined {
    let node: SyntaxNode = this.top;
    for (const part of path.split('.')) {
      if (node.kind !== 'map') return undefined;
      const entry = this.get(node, part);
      if (!entry) return undefined;
      node = entry.value;
    }
    if (node.kind !== 'scalar') return undefined;
    return node.value === null ? null : String(node.value);
  }
}
