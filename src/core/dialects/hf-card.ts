import { didYouMean } from '../did-you-mean';
import { frontMatter, hasFrontMatter } from '../front-matter';
import type { MachineKind, Manifest, Origin, Source } from '../manifest';
import type { Range } from '../range';
import { entryOf, type MapNode, type ScalarNode, type SyntaxNode } from '../syntax-tree';
import { parseYaml } from '../yaml-source';
import { baseName, blankSource, type DialectContext } from './context';
import type { Dialect } from './dialect';

/**
 * Hugging Face dataset cards: the YAML front matter of a dataset repo's README.md, whose keys are specified in
 * the hub's card template (huggingface/hub-docs, datasetcard.md):
 * - `language_creators` / `annotations_creators`: `machine-generated` means model output, `found`,
 *   `crowdsourced` and `expert-generated` mean people; both kinds make the data mixed;
 * - `tags: [synthetic]`, which distilabel writes into every card it pushes, also means model output;
 * - `source_datasets`: `original`, or `extended|<dataset>` for data built from another dataset (lineage);
 * - `configs[].data_files`: the files of each config, one source per config;
 * - `dataset_info[].splits[].num_examples`: exact row counts; `license`; `pretty_name`.
 * The card says nothing of which model generated the data, so synthetic cards have no generator.
 */
export const hfCardDialect: Dialect = {
  id: 'hf-card',
  label: 'Hugging Face dataset card',
  detect(file, text) {
    return baseName(file).toLowerCase() === 'readme.md' && hasFrontMatter(text) ? 3 : 0;
  },
  parse: parseCard,
};

const CREATOR_VALUES = ['found', 'crowdsourced', 'expert-generated', 'machine-generated', 'other', 'no-annotation'];
const HUMAN_CREATORS = new Set(['found', 'crowdsourced', 'expert-generated']);

/** Files the hub reads when a card lists no configs: any supported data file in the repo. */
const DEFAULT_DATA_FILES = '**/*.{csv,tsv,json,jsonl,parquet,arrow,txt}{,.gz}';

function parseCard(ctx: DialectContext): Manifest | undefined {
  const fm = frontMatter(ctx.text);
  if (!fm) {
    ctx.report({ start: 0, end: 0 }, 'This README has no YAML front matter (a `---` block at the top), so it is not a dataset card.');
    return undefined;
  }
  if (!fm.closed) {
    ctx.report({ start: 0, end: 3 }, 'The front matter is not closed: add a `---` line after the YAML block.');
    return undefined;
  }
  const tree = parseYaml(ctx.text.slice(fm.start, fm.end), fm.start);
  ctx.reportTreeErrors(tree.errors, 'YAML syntax error in the card metadata');
  if (tree.errors.length > 0) return undefined;
  ctx.reportTreeWarnings(tree.warnings);
  if (!tree.root) {
    ctx.report({ start: 0, end: 3 }, 'The card metadata is empty: add `language_creators`, `source_datasets` and `configs`.');
    return undefined;
  }
  const top = ctx.map(tree.root, 'the card metadata');
  if (!top) return undefined;

  const manifest: Manifest = { file: ctx.file, dialect: 'hf-card', sources: [], ranges: { self: ctx.range({ start: fm.start, end: fm.end }) } };
  const prettyName = entryOf(top, 'pretty_name');
  const name = prettyName ? ctx.string(prettyName.value, '`pretty_name`') : undefined;
  if (prettyName && name !== undefined) {
    manifest.name = name;
    manifest.ranges.name = ctx.range(prettyName.value);
  }

  const origin = readOrigin(ctx, top, ctx.text.slice(fm.end));
  const lineage = readSourceDatasets(ctx, top);
  const license = readLicense(ctx, top);
  const configs = entryOf(top, 'configs');
  if (configs) {
    manifest.ranges.sources = ctx.range(configs.key);
    if (configs.value.kind === 'seq') configs.value.items.forEach((item, i) => addConfig(ctx, item, i, manifest.sources));
    else ctx.wrongType(configs.value, '`configs`', 'a list of `{config_name, data_files}`');
  } else {
    const first = top.entries[0]?.key ?? top;
    const source = blankSource('default', manifest.ranges.self, ctx.range(first));
    source.files = [DEFAULT_DATA_FILES];
    manifest.sources.push(source);
  }
  const rows = readRows(ctx, top);
  for (const source of manifest.sources) {
    source.origin = origin.origin;
    if (origin.range) source.ranges.origin = origin.range;
    if (origin.machine) source.originEvidence = { kind: 'declared', machine: origin.machine, ...(origin.detail ? { detail: origin.detail } : {}) };
    // The card states a machine made the text but not which: no evidence of an origin, and the detail says why.
    else if (origin.detail) source.originEvidence = { kind: 'none', detail: origin.detail };
    source.derivedFrom = [...lineage.names];
    source.itemRanges.derivedFrom = [...lineage.ranges];
    if (lineage.range) source.ranges.derivedFrom = lineage.range;
    if (license) {
      source.license = license.value;
      source.ranges.license = license.range;
    }
    const counted = rows.get(source.id) ?? (manifest.sources.length === 1 ? rows.get('*') : undefined);
    if (counted) {
      source.rows = counted.rows;
      source.ranges.rows = counted.range;
    }
  }
  return manifest;
}

interface OriginEvidence {
  origin: Origin;
  range?: Range;
  /** The kind of machine behind `machine-generated` text, from the card's tasks and tags. */
  machine?: MachineKind;
  detail?: string;
}

/**
 * `machine-generated` in `language_creators` covers OCR, speech recognition and machine translation as well as
 * LLM output; the card's tasks and tags say which, else its prose (many OCR and translation cards carry only
 * generic tasks like `fill-mask` and say "text generated from Optical Character Recognition software" or "a
 * machine translated dataset" in their summary). A card that names an LLM (or says `synthetic`) is read as LLM
 * output; one that names no machine at all gives no kind: a script, a translation system and a model all write
 * `machine-generated`, and guessing LLM made cards of script-built data read as synthetic.
 */
function machineKind(top: MapNode, prose: string): { kind: MachineKind; from?: 'tags' | 'text' } | undefined {
  const words = new Set<string>();
  for (const key of ['task_categories', 'task_ids', 'tags', 'multilinguality']) {
    const entry = entryOf(top, key);
    if (entry) for (const item of scalarItems(entry.value)) if (typeof item.value === 'string') words.add(item.value.toLowerCase());
  }
  if (words.has('synthetic')) return { kind: 'llm' };
  if (words.has('automatic-speech-recognition') || words.has('asr') || words.has('speech-recognition')) return { kind: 'asr', from: 'tags' };
  if (words.has('ocr') || words.has('optical-character-recognition') || words.has('image-to-text-ocr')) return { kind: 'ocr', from: 'tags' };
  if (words.has('translation') || words.has('machine-translation') || words.has('machine-translated')) return { kind: 'mt', from: 'tags' };
  if (PROSE_LLM.test(prose)) return { kind: 'llm' };
  const named = PROSE_MACHINES.filter(([, pattern]) => pattern.test(prose)).map(([kind]) => kind);
  // Only one kind named counts: prose naming two (an OCR'd corpus, machine-translated) is not read as either.
  return named.length === 1 && named[0] ? { kind: named[0], from: 'text' } : undefined;
}

/** How a card's prose names the machine that made its text. */
const PROSE_MACHINES: readonly [Exclude<MachineKind, 'llm' | 'template' | 'other'>, RegExp][] = [
  ['ocr', /\bOCR\b|optical character recognition/i],
  ['asr', /\bASR\b|speech recogni(?:tion|[sz]er)/i],
  ['mt', /machine[- ]translat|\btranslated (?:with|using|by) (?:this|the|a|an|\[|Google|DeepL|MarianMT|opus-mt|NLLB|M2M)/i],
];

/** Prose that names an LLM: then machine-generated text may be model output whatever else the card says. */
const PROSE_LLM = /\b(?:GPT|ChatGPT|LLMs?|large language models?|Claude|Llama|Mixtral|Mistral|Gemini|Qwen|DeepSeek|distill(?:ed|ation)|synthetic(?:ally)?)\b/i;

/** `prose`: the card's Markdown after the front matter. */
function readOrigin(ctx: DialectContext, top: MapNode, prose: string): OriginEvidence {
  let synthetic: ScalarNode | undefined;
  let human: ScalarNode | undefined;
  for (const key of ['language_creators', 'annotations_creators']) {
    const entry = entryOf(top, key);
    if (!entry) continue;
    for (const item of scalarItems(entry.value)) {
      const value = ctx.string(item, `each entry of \`${key}\``);
      if (value === undefined) continue;
      if (value === 'machine-generated') synthetic ??= item;
      else if (HUMAN_CREATORS.has(value)) human ??= item;
      else if (!CREATOR_VALUES.includes(value)) reportCreator(ctx, item, key, value);
    }
  }
  const tags = entryOf(top, 'tags');
  if (tags) for (const item of scalarItems(tags.value)) if (typeof item.value === 'string' && item.value.toLowerCase() === 'synthetic') synthetic ??= item;
  const origin: Origin = synthetic && human ? 'mixed' : synthetic ? 'synthetic' : human ? 'human' : 'unknown';
  const evidence = synthetic ?? human;
  if (!evidence) return { origin };
  if (!synthetic) return { origin, range: ctx.range(evidence) };
  const machine = machineKind(top, prose);
  if (machine === undefined) return { origin: 'unknown', range: ctx.range(evidence), detail: UNNAMED_MACHINE };
  if (machine.kind === 'llm') return { origin, range: ctx.range(evidence) };
  const per = machine.from === 'text' ? "the card's description" : "the card's tasks and tags";
  return { origin, range: ctx.range(evidence), machine: machine.kind, detail: `machine-generated text from ${MACHINE_WORDS[machine.kind]}, per ${per}` };
}

const UNNAMED_MACHINE =
  "`machine-generated`, but the card does not say by what (a language model, translation, OCR, a script): a `synthetic` tag, or the model or machine named in its tasks, tags or text, would say";

const MACHINE_WORDS: Record<Exclude<MachineKind, 'llm'>, string> = {
  mt: 'machine translation',
  ocr: 'OCR',
  asr: 'speech recognition',
  template: 'templates',
  other: 'a model the card does not name',
};

function reportCreator(ctx: DialectContext, item: ScalarNode, key: string, value: string): void {
  const meant = didYouMean(value, CREATOR_VALUES);
  const hint = meant === undefined ? '' : ` Did you mean '${meant}'?`;
  ctx.report(item, `'${value}' is not a value the hub knows for \`${key}\` (${CREATOR_VALUES.join(', ')}).${hint}`, {
    ...(meant === undefined ? {} : { fixes: [ctx.replaceFix(item, meant, `Change to '${meant}'`)] }),
  });
}

/** A string or list value as its scalar items (cards write both `license: mit` and `license: [mit]`). */
function scalarItems(node: SyntaxNode): ScalarNode[] {
  if (node.kind === 'scalar') return node.value === null ? [] : [node];
  if (node.kind === 'seq') return node.items.filter((i): i is ScalarNode => i.kind === 'scalar' && i.value !== null);
  return [];
}

function readSourceDatasets(ctx: DialectContext, top: MapNode): { names: string[]; ranges: Range[]; range?: Range } {
  const entry = entryOf(top, 'source_datasets');
  const names: string[] = [];
  const ranges: Range[] = [];
  if (!entry) return { names, ranges };
  const list = ctx.stringList(entry.value, '`source_datasets`');
  const items = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
  for (const item of items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
    const value = item.value.trim();
    if (value === 'original' || value === 'extended' || value === '') continue;
    const bar = value.indexOf('|');
    const name = bar >= 0 ? value.slice(bar + 1).trim() : value;
    if (name === '' || name === 'original') continue;
    names.push(name);
    // Point at the dataset name itself, after `extended|`, when the scalar is written on one line as read.
    const at = ctx.text.indexOf(name, item.start);
    ranges.push(at >= 0 && at + name.length <= item.end ? ctx.range({ start: at, end: at + name.length }) : ctx.range(item));
  }
  return list ? { names, ranges, range: ctx.range(entry.value) } : { names, ranges };
}

function readLicense(ctx: DialectContext, top: MapNode): { value: string; range: Range } | undefined {
  const entry = entryOf(top, 'license');
  if (!entry) return undefined;
  const list = ctx.stringList(entry.value, '`license`');
  if (!list || list.values.length === 0) return undefined;
  return { value: list.values.join(', '), range: ctx.range(entry.value) };
}

function addConfig(ctx: DialectContext, node: SyntaxNode, index: number, sources: Source[]): void {
  const map = ctx.map(node, `config ${index + 1}`);
  if (!map) return;
  const nameEntry = entryOf(map, 'config_name');
  const name = nameEntry ? ctx.string(nameEntry.value, '`config_name`') : undefined;
  if (!nameEntry) ctx.report(map.entries[0]?.key ?? map, `Config ${index + 1} has no \`config_name\`.`);
  const id = name ?? `#${index + 1}`;
  if (sources.some((s) => s.id === id)) {
    ctx.report(nameEntry?.value ?? map, `Duplicate config_name '${id}'.`, { sourceId: id });
    return;
  }
  const source = blankSource(id, ctx.range(map), ctx.range(nameEntry?.value ?? map.entries[0]?.key ?? map));
  const dataFiles = entryOf(map, 'data_files');
  if (!dataFiles) ctx.report(source.ranges.id, `Config '${id}' has no \`data_files\`.`, { sourceId: id });
  else readDataFiles(ctx, dataFiles.value, source);
  sources.push(source);
}

/** `data_files` is a path, a list of paths, or a list of `{split, path}` where `path` is a path or a list. */
function readDataFiles(ctx: DialectContext, node: SyntaxNode, source: Source): void {
  source.ranges.files = ctx.range(node);
  const add = (item: SyntaxNode) => {
    const list = ctx.stringList(item, '`data_files` paths', source.id);
    if (!list) return;
    source.files.push(...list.values);
    source.itemRanges.files.push(...list.ranges);
  };
  if (node.kind !== 'seq') {
    if (node.kind === 'map') readSplit(ctx, node, source, add);
    else add(node);
    return;
  }
  for (const item of node.items) {
    if (item.kind === 'map') readSplit(ctx, item, source, add);
    else add(item);
  }
}

function readSplit(ctx: DialectContext, map: MapNode, source: Source, add: (node: SyntaxNode) => void): void {
  const path = entryOf(map, 'path');
  if (path) add(path.value);
  else ctx.report(map.entries[0]?.key ?? map, `A \`data_files\` split of '${source.id}' has no \`path\`.`, { sourceId: source.id });
}

/**
 * Exact row counts from `dataset_info` (written by `datasets` when it pushes a dataset): a mapping for a
 * single config or a list with `config_name` per entry. Keyed by config name, `*` for an unnamed one.
 */
function readRows(ctx: DialectContext, top: MapNode): Map<string, { rows: number; range: Range }> {
  const out = new Map<string, { rows: number; range: Range }>();
  const info = entryOf(top, 'dataset_info')?.value;
  const entries = info?.kind === 'seq' ? info.items : info ? [info] : [];
  for (const entry of entries) {
    if (entry.kind !== 'map') continue;
    const configName = entryOf(entry, 'config_name')?.value;
    const key = configName?.kind === 'scalar' && typeof configName.value === 'string' ? configName.value : '*';
    const splits = entryOf(entry, 'splits')?.value;
    if (splits?.kind !== 'seq') continue;
    let rows = 0;
    let only: SyntaxNode | undefined;
    for (const split of splits.items) {
      const n = split.kind === 'map' ? entryOf(split, 'num_examples')?.value : undefined;
      if (!n) continue;
      const count = ctx.count(n, '`num_examples`', { integer: true });
      if (count === undefined) continue;
      rows += count;
      only = splits.items.length === 1 ? n : undefined;
    }
    out.set(key, { rows, range: ctx.range(only ?? splits) });
  }
  return out;
}
