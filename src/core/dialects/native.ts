import { editDistance } from '../did-you-mean';
import type { Finding } from '../finding';
import { type Generator, type Manifest, ORIGINS, type Origin, type Source } from '../manifest';
import { entryOf, type ItemStream, type MapNode, type SyntaxNode } from '../syntax-tree';
import { type ConfigMessages, readConfigFile } from './config-file';
import { baseName, blankSource, type DialectContext } from './context';
import { checkSourceReferences } from './native-checks';
import type { Dialect } from './dialect';

/** Keys of the native format; the JSON Schema in schemas/synthlint-dataset.schema.json lists the same (a test checks). */
export const MANIFEST_KEYS = ['$schema', 'name', 'description', 'previous', 'sources'] as const;
export const SOURCE_KEYS = ['id', 'description', 'files', 'origin', 'generator', 'derivedFrom', 'rows', 'tokens', 'weight', 'license', 'text'] as const;
export const GENERATOR_KEYS = ['model', 'provider', 'generation'] as const;

/**
 * Words people write for an origin, mapped to the origin they mean, so the fix for `origin: machine-generated`
 * is `synthetic` (the Hugging Face card vocabulary is the usual source of these).
 */
const ORIGIN_SYNONYMS: Record<string, Origin> = {
  'machine-generated': 'synthetic',
  'model-generated': 'synthetic',
  'ai-generated': 'synthetic',
  generated: 'synthetic',
  llm: 'synthetic',
  real: 'human',
  'human-written': 'human',
  'human-generated': 'human',
  found: 'human',
  crowdsourced: 'human',
  'expert-generated': 'human',
  manual: 'human',
  both: 'mixed',
};

/** `files` → the label messages use, made once: building it per source and field on every keystroke is garbage. */
const FIELD_LABELS: Readonly<Record<string, string>> = Object.fromEntries(SOURCE_KEYS.map((key) => [key, `\`${key}\``]));
/** Where checkKeys says an unknown key sits; a function so the text is built only for a source that has one. */
const inSource = (id: string): string => `source '${id}'`;
const inGenerator = (id: string): string => `the generator of '${id}'`;

const MESSAGES: ConfigMessages = {
  what: 'the manifest',
  empty: 'The manifest is empty: expected a mapping with a `sources:` list.',
  missing: 'The manifest has no `sources:` list; list each part of the dataset under it with at least `id` and `files`.',
};

const NAME_PATTERN = /\.dataset\.(?:ya?ml|json)$/i;
const YAML_OR_JSON = /\.(?:ya?ml|json)$/i;

export const nativeDialect: Dialect = {
  id: 'synthlint',
  label: 'synthlint dataset manifest',
  detect(file, text) {
    if (NAME_PATTERN.test(baseName(file))) return 3;
    // Any YAML/JSON file whose top level has `sources:` with a source key (`files`, `origin`, `generator`) reads as
    // native, below the mixtures' own markers. `sources:` alone is too common a key (log shippers, CI) to claim
    // every YAML file of a workspace.
    if (!YAML_OR_JSON.test(file) || !/^(?:sources\s*:|\s*\{?\s*"sources"\s*:)/m.test(text)) return 0;
    return /^(?:[ \t]+-?[ \t]*|-[ \t]+)"?(?:files|origin|generator)"?\s*:/m.test(text) ? 1 : 0;
  },
  parse: parseNative,
};

/**
 * Reads each source as the reader finishes it (see ItemStream), so its nodes die young. Its findings are held back
 * and reported after the manifest's own keys', the order of reading the whole tree first.
 */
class SourceStream implements ItemStream {
  readonly key = 'sources';
  readonly sources: Source[] = [];
  /** The first item, whose keys' indentation new sources take (sourceKeyIndent). */
  first: SyntaxNode | undefined;
  /** Where the sources' findings start in the context's findings, and how many there are. */
  private readonly findingsFrom: number;
  private findingCount = 0;

  constructor(private readonly ctx: DialectContext) {
    this.findingsFrom = ctx.findings.length;
  }

  item(node: SyntaxNode, index: number): void {
    const before = this.ctx.findings.length;
    const source = readSource(this.ctx, node, index);
    if (source) this.sources.push(source);
    if (index === 0) this.first = node;
    this.findingCount += this.ctx.findings.length - before;
  }

  restart(): void {
    this.takeFindings();
    this.sources.length = 0;
    this.first = undefined;
  }

  /** Takes the sources' findings out of the context's. */
  takeFindings(): Finding[] {
    const findings = this.ctx.findings.splice(this.findingsFrom, this.findingCount);
    this.findingCount = 0;
    return findings;
  }
}

function parseNative(ctx: DialectContext): Manifest | undefined {
  const stream = new SourceStream(ctx);
  const config = readConfigFile(ctx, 'synthlint', MESSAGES, (top) => entryOf(top, 'sources'), stream);
  const sourceFindings = stream.takeFindings();
  if (!config) return undefined;
  const { top, manifest, data: sourcesEntry } = config;
  ctx.checkKeys(top, MANIFEST_KEYS, 'the manifest');
  for (const key of ['name', 'previous', 'description'] as const) {
    const entry = entryOf(top, key);
    if (!entry) continue;
    const value = ctx.string(entry.value, `\`${key}\``);
    if (value === undefined || key === 'description') continue;
    manifest[key] = value;
    manifest.ranges[key] = ctx.range(entry.value);
  }

  if (!sourcesEntry) return manifest;
  const list = sourcesEntry.value;
  // The stream read the list's items (and only if it is a list).
  if (list.kind === 'seq') {
    manifest.sources = stream.sources;
    for (const finding of sourceFindings) ctx.findings.push(finding);
  } else if (!(list.kind === 'scalar' && list.value === null)) {
    ctx.wrongType(list, '`sources`', 'a list of sources');
  }
  if (!/\.json$/i.test(ctx.file)) manifest.layout = { sourceKeyIndent: sourceKeyIndent(ctx, sourcesEntry.key.start, stream.first) };
  checkSourceReferences(ctx, manifest.sources);
  return manifest;
}

/** The indentation of the first source's keys, or two levels below `sources:` when there is none yet. */
function sourceKeyIndent(ctx: DialectContext, sourcesKeyStart: number, first: SyntaxNode | undefined): string {
  const key = first?.kind === 'map' ? first.entries[0]?.key : undefined;
  if (key) return ' '.repeat(ctx.range(key).start.character);
  return ' '.repeat(ctx.range({ start: sourcesKeyStart, end: sourcesKeyStart }).start.character + 4);
}

function readSource(ctx: DialectContext, node: SyntaxNode, index: number): Source | undefined {
  const map = node.kind === 'map' ? node : ctx.map(node, `source ${index + 1}`);
  if (!map) return undefined;
  const self = ctx.range(map);
  const idEntry = entryOf(map, 'id');
  let id = idEntry ? ctx.string(idEntry.value, '`id`') : undefined;
  if (idEntry && id === '') ctx.report(idEntry.value, 'A source `id` cannot be empty.');
  if (!idEntry) ctx.report(map.entries[0]?.key ?? map, `Source ${index + 1} has no \`id\`; give it a short unique name.`);
  // A source without a usable id still joins the model (under its position) so the other checks run.
  if (!id) id = `#${index + 1}`;
  const source = blankSource(id, self, ctx.range(idEntry?.value ?? map.entries[0]?.key ?? map));
  ctx.checkKeys(map, SOURCE_KEYS, inSource, id);
  readFields(ctx, map, source);
  return source;
}

function readFields(ctx: DialectContext, map: MapNode, source: Source): void {
  const id = source.id;
  const filesEntry = entryOf(map, 'files');
  if (!filesEntry) ctx.report(source.ranges.id, `Source '${id}' has no \`files\`: list the files or globs (relative to this manifest) that hold it.`, { sourceId: id });
  // Indexed, as DialectContext.checkKeys: no iterator result per field in unoptimised code. The entries read once, and
  // a key's value taken as it is when it is a string (String() is a call per field, interpreted).
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) {
    const { key, value } = entries[i] as MapNode['entries'][number];
    const field = typeof key.value === 'string' ? key.value : String(key.value);
    switch (field) {
      case 'files':
      case 'derivedFrom':
      case 'text': {
        const list = ctx.stringList(value, FIELD_LABELS[field] ?? field, id);
        if (!list) break;
        // Stores by name, not `source.ranges[field]`: a keyed store whose name varies is megamorphic, and this runs
        // for every field of every source on every keystroke.
        if (field === 'files') {
          ctx.setRange(source, 'files', value);
          source.files = list.values;
          source.itemRanges.files = list.ranges;
          if (list.values.length === 0) ctx.report(value, `\`files\` of source '${id}' is empty.`, { sourceId: id });
        } else if (field === 'derivedFrom') {
          ctx.setRange(source, 'derivedFrom', value);
          source.derivedFrom = list.values;
          source.itemRanges.derivedFrom = list.ranges;
        } else {
          ctx.setRange(source, 'text', value);
          source.text = list.values;
        }
        break;
      }
      case 'origin': {
        const origin = ctx.string(value, '`origin`', id);
        if (origin === undefined) break;
        ctx.setRange(source, 'origin', value);
        if ((ORIGINS as readonly string[]).includes(origin)) source.origin = origin as Origin;
        else reportOrigin(ctx, value, origin, id);
        break;
      }
      case 'generator':
        readGenerator(ctx, value, source);
        break;
      case 'rows':
      case 'tokens':
      case 'weight': {
        const n = ctx.count(value, FIELD_LABELS[field] ?? field, { integer: field !== 'weight', sourceId: id });
        if (n === undefined) break;
        if (field === 'rows') {
          source.rows = n;
          ctx.setRange(source, 'rows', value);
        } else if (field === 'tokens') {
          source.tokens = n;
          ctx.setRange(source, 'tokens', value);
        } else {
          // The native schema's weight: a sampling weight, multiplied by sizes when every source has one.
          source.weight = { value: n, kind: 'sampling-weight' };
          ctx.setRange(source, 'weight', value);
        }
        break;
      }
      case 'license': {
        const license = ctx.string(value, '`license`', id);
        if (license === undefined) break;
        source.license = license;
        ctx.setRange(source, 'license', value);
        break;
      }
      case 'description':
        ctx.string(value, '`description`', id);
        break;
    }
  }
}

function reportOrigin(ctx: DialectContext, node: SyntaxNode, origin: string, sourceId: string): void {
  const meant = ORIGIN_SYNONYMS[origin.toLowerCase()] ?? closestOrigin(origin);
  const allowed = ORIGINS.map((o) => `'${o}'`).join(', ');
  const quote = ctx.text[node.start] === '"' ? '"' : ctx.text[node.start] === "'" ? "'" : '';
  ctx.report(node, `Invalid origin '${origin}': allowed values are ${allowed}. Did you mean '${meant}'?`, {
    sourceId,
    fixes: [ctx.replaceFix(node, `${quote}${meant}${quote}`, `Change origin to '${meant}'`)],
  });
}

/**
 * The allowed origin nearest in edits. Origin is a closed set of four words, so unlike open names (keys, ids)
 * there is always a best guess worth offering: `humna` is two Levenshtein edits from `human`, past the cut-off
 * of `didYouMean`, yet plainly meant it.
 */
function closestOrigin(origin: string): Origin {
  const lower = origin.toLowerCase();
  return ORIGINS.reduce((best, candidate) => (editDistance(lower, candidate) < editDistance(lower, best) ? candidate : best));
}

function readGenerator(ctx: DialectContext, node: SyntaxNode, source: Source): void {
  const id = source.id;
  ctx.setRange(source, 'generator', node);
  // `generator: gpt-4` is shorthand for `generator: { model: gpt-4 }`.
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    source.generator = { model: node.value };
    ctx.setRange(source, 'generator.model', node);
    return;
  }
  const map = node.kind === 'map' ? node : undefined;
  if (!map) {
    ctx.wrongType(node, '`generator`', 'a mapping with `model` (or a model name)', id);
    source.ranges.generator = undefined;
    return;
  }
  ctx.checkKeys(map, GENERATOR_KEYS, inGenerator, id);
  const modelEntry = entryOf(map, 'model');
  const model = modelEntry ? ctx.string(modelEntry.value, '`generator.model`', id) : undefined;
  if (!modelEntry) ctx.report(map.entries[0]?.key ?? map, `The generator of '${id}' has no \`model\`: name the model that generated this data.`, { sourceId: id });
  // Without a model there is no generator to speak of; `generator-missing` then says so for synthetic sources.
  const generator: Generator | undefined = model === undefined ? undefined : { model };
  if (generator && modelEntry) ctx.setRange(source, 'generator.model', modelEntry.value);
  const providerEntry = entryOf(map, 'provider');
  const provider = providerEntry ? ctx.string(providerEntry.value, '`generator.provider`', id) : undefined;
  if (generator && providerEntry && provider !== undefined) {
    generator.provider = provider;
    ctx.setRange(source, 'generator.provider', providerEntry.value);
  }
  const generationEntry = entryOf(map, 'generation');
  const generation = generationEntry ? ctx.count(generationEntry.value, '`generator.generation`', { integer: true, sourceId: id }) : undefined;
  if (generationEntry && generation === 0) {
    ctx.report(generationEntry.value, '`generator.generation` starts at 1 (generated from human data).', { sourceId: id });
  } else if (generator && generationEntry && generation !== undefined) {
    generator.generation = generation;
    ctx.setRange(source, 'generator.generation', generationEntry.value);
  }
  if (generator) source.generator = generator;
}
