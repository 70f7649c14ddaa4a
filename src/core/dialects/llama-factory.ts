import { didYouMean } from '../did-you-mean';
import { parseJson } from '../json-source';
import type { Source } from '../manifest';
import type { Range } from '../range';
import { describeNode, entryOf, type MapNode, type SyntaxNode } from '../syntax-tree';
import { type ConfigMessages, readConfigFile } from './config-file';
import { blankSource, DialectContext, type Span } from './context';
import { datasetInfoSource } from './llama-factory-info';
import { mixtureSource } from './mixture';
import { hubEntry } from './mixture-ids';
import type { Dialect } from './dialect';

/** LLaMA-Factory's default `dataset_dir`, and the value that means "load every name straight from the hub". */
const DEFAULT_DATASET_DIR = 'data';
const ONLINE = 'ONLINE';
/** `REMOTE:<repo>`: the dataset_info.json is the one in that hub dataset repository (LLaMA-Factory downloads it). */
const REMOTE = 'REMOTE:';

const MESSAGES: ConfigMessages = {
  what: 'the LLaMA-Factory config',
  empty: 'The file is empty: expected a LLaMA-Factory config with `dataset:`.',
  missing: 'This LLaMA-Factory config has no `dataset:`.',
};

/**
 * LLaMA-Factory training YAMLs (hiyouga/LLaMA-Factory `examples/`): `dataset: identity,alpaca_en_demo` and
 * `eval_dataset: ...` name entries of `dataset_info.json` in `dataset_dir` (default `data`, relative to where
 * `llamafactory-cli` runs: the nearest `<folder>/data/dataset_info.json` at or above the YAML; `ONLINE` loads the
 * names from the hub as they are; `REMOTE:<repo>` reads the dataset_info.json of a hub repository, which core does
 * not fetch, so its names are sources with nothing to look up). Each name becomes a source resolved through that file: a hub id (looked up in
 * the provenance registry) or a local file. The YAML says nothing about origin. A name the file does not define
 * is reported, as LLaMA-Factory itself refuses it; the rest of the config is not ours to judge.
 */
export const llamaFactoryDialect: Dialect = {
  id: 'llama-factory',
  label: 'LLaMA-Factory training config',
  detect(file, text) {
    if (!/\.ya?ml$/i.test(file)) return 0;
    // `eval_dataset` alone is a prediction or evaluation run (examples/extras/nlg_eval/llama3_lora_predict.yaml).
    return /^(?:eval_)?dataset\s*:/m.test(text) && /^(?:stage|finetuning_type|template|dataset_dir|cutoff_len)\s*:/m.test(text) ? 2 : 0;
  },
  parse(ctx) {
    const config = readConfigFile(ctx, 'llama-factory', MESSAGES, (top) => entryOf(top, 'dataset') ?? entryOf(top, 'eval_dataset'));
    if (!config?.data) return config?.manifest;
    const { top, manifest, data: first } = config;
    const train = entryOf(top, 'dataset');
    const evaluation = entryOf(top, 'eval_dataset');
    const names = [...(train ? datasetNames(ctx, train.value, 'dataset') : []), ...(evaluation ? datasetNames(ctx, evaluation.value, 'eval_dataset', true) : [])];
    const registry = findRegistry(ctx, top, names[0]?.span ?? first.key);
    for (const name of names) {
      const source = registry ? resolve(ctx, registry, name, manifest.sources) : undefined;
      if (!source) continue;
      if (name.evaluation) source.role = 'eval';
      manifest.sources.push(source);
    }
    return manifest;
  },
};

interface DatasetName {
  name: string;
  span: Span;
  evaluation: boolean;
}

/** The comma-separated names of `dataset: a,b` (or a YAML list), each with its own span in the file. */
function datasetNames(ctx: DialectContext, node: SyntaxNode, key: string, evaluation = false): DatasetName[] {
  const items = node.kind === 'seq' ? node.items : [node];
  const names: DatasetName[] = [];
  for (const item of items) {
    const value = ctx.string(item, `\`${key}\``);
    if (value === undefined) continue;
    const raw = ctx.text.slice(item.start, item.end);
    let from = 0;
    for (const part of value.split(',')) {
      const name = part.trim();
      if (name === '') continue;
      const at = raw.indexOf(name, from);
      const start = item.start + (at < 0 ? 0 : at);
      from = at < 0 ? from : at + name.length;
      names.push({ name, span: at < 0 ? item : { start, end: start + name.length }, evaluation });
    }
  }
  return names;
}

/**
 * The dataset registry the names resolve through: a parsed dataset_info.json (with the path to its folder), ONLINE,
 * or one in a hub repository (`remote`), which core does not fetch (it does no I/O of its own).
 */
type Registry = { kind: 'online' } | { kind: 'remote' } | { kind: 'local'; file: string; folderFromManifest: string; entries: MapNode; context: DialectContext };

function findRegistry(ctx: DialectContext, top: MapNode, at: Span): Registry | undefined {
  const dirEntry = entryOf(top, 'dataset_dir');
  const dir = (dirEntry ? ctx.string(dirEntry.value, '`dataset_dir`') : undefined) ?? DEFAULT_DATASET_DIR;
  if (dir === ONLINE) return { kind: 'online' };
  if (dir.startsWith(REMOTE)) return { kind: 'remote' };
  const reportAt = dirEntry?.value ?? at;
  for (const candidate of registryCandidates(ctx.file, dir)) {
    const text = ctx.readRelated(candidate.file);
    if (text === undefined) continue;
    const tree = parseJson(text);
    if (tree.errors.length > 0 || tree.root?.kind !== 'map') {
      ctx.report(reportAt, `${candidate.folderFromManifest}dataset_info.json cannot be read as LLaMA-Factory's dataset registry (${tree.errors[0]?.message ?? 'it is not a JSON object'}).`);
      return undefined;
    }
    return { kind: 'local', file: candidate.file, folderFromManifest: candidate.folderFromManifest, entries: tree.root, context: new DialectContext(candidate.file, text) };
  }
  ctx.report(reportAt, `No ${dir}/dataset_info.json at or above this file: LLaMA-Factory resolves \`dataset\` names through it (set \`dataset_dir\`, or \`ONLINE\` for hub ids). synthlint looks only inside the workspace folders (on the command line: the working folder and \`--allow-read\` folders).`);
  return undefined;
}

/**
 * Where `dataset_dir` may be: as given when absolute, else under the YAML's folder and each folder above it (the
 * CLI resolves it against the folder it runs in, usually the checkout's root). Paths stay in the manifest's style.
 */
function registryCandidates(manifestFile: string, dir: string): { file: string; folderFromManifest: string }[] {
  const trimmed = dir.replace(/[\\/]+$/, '');
  if (/^(?:[\\/]|[A-Za-z]:[\\/])/.test(trimmed)) return [{ file: `${trimmed}/dataset_info.json`, folderFromManifest: `${trimmed}/` }];
  const candidates: { file: string; folderFromManifest: string }[] = [];
  let folder = manifestFile.slice(0, Math.max(manifestFile.lastIndexOf('/'), manifestFile.lastIndexOf('\\')));
  for (let up = 0; folder !== ''; up++) {
    candidates.push({ file: `${folder}/${trimmed}/dataset_info.json`, folderFromManifest: `${'../'.repeat(up)}${trimmed}/` });
    const parent = folder.slice(0, Math.max(folder.lastIndexOf('/'), folder.lastIndexOf('\\')));
    if (parent === folder || parent === '' || /^[A-Za-z]:$/.test(parent)) break;
    folder = parent;
  }
  return candidates;
}

function resolve(ctx: DialectContext, registry: Registry, name: DatasetName, existing: readonly Source[]): Source | undefined {
  const range = ctx.range(name.span);
  if (existing.some((s) => s.id === name.name)) {
    ctx.report(name.span, `'${name.name}' is listed twice.`, { sourceId: name.name });
    return undefined;
  }
  if (registry.kind === 'online') {
    const source = mixtureSource(name.name, name.name, range, range);
    source.files = [hubEntry(name.name)];
    return source;
  }
  // An entry of a dataset_info.json synthlint cannot read: a source, but nothing to look up.
  if (registry.kind === 'remote') return blankSource(name.name, range, range);
  const entry = entryOf(registry.entries, name.name);
  if (!entry) {
    const known = registry.entries.entries.map((e) => String(e.key.value));
    const suggestion = didYouMean(name.name, known);
    ctx.report(name.span, `Undefined dataset '${name.name}' in ${registry.folderFromManifest}dataset_info.json.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, {
      sourceId: name.name,
      ...(suggestion ? { fixes: [ctx.replaceFix(name.span, suggestion, `Change to '${suggestion}'`)] } : {}),
    });
    return undefined;
  }
  // The entry is read in its own file (its problems are reported when that file is linted); its ranges point here.
  const before = registry.context.findings.length;
  const source = entry.value.kind === 'map' ? datasetInfoSource(registry.context, name.name, entry.value, entry.key, registry.folderFromManifest) : undefined;
  if (source) return pointAt(source, range);
  const why = registry.context.findings[before]?.message ?? `its entry is ${describeNode(entry.value)}, not an object`;
  ctx.report(name.span, `Dataset '${name.name}' in ${registry.folderFromManifest}dataset_info.json cannot be used: ${why}`, { sourceId: name.name });
  return undefined;
}

function pointAt(source: Source, range: Range): Source {
  source.ranges = { self: range, id: range, ...(source.files.length > 0 ? { files: range } : {}) };
  source.itemRanges = { files: source.files.map(() => range), derivedFrom: source.derivedFrom.map(() => range) };
  return source;
}
