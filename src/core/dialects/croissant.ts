import { didYouMean, didYouMeanSuffix } from '../did-you-mean';
import type { Manifest, Origin, Source } from '../manifest';
import type { Range } from '../range';
import type { MapEntry, MapNode, SyntaxNode } from '../syntax-tree';
import { type ConfigMessages, readConfigFile } from './config-file';
import { baseName, blankSource, type DialectContext } from './context';
import { checkSourceReferences } from './native-checks';
import type { Dialect } from './dialect';

/**
 * MLCommons Croissant 1.0 (JSON-LD dataset metadata, docs/croissant-spec.md in mlcommons/croissant), as the
 * Hugging Face hub, Kaggle and OpenML publish it:
 * - `distribution` lists `cr:FileObject`s (one file: `contentUrl`) and `cr:FileSet`s (`includes` globs),
 *   either of which may sit `containedIn` another (an archive, a git repo); each one the data is read from
 *   becomes a source, while a container nothing is read from directly is only a place;
 * - `recordSet[].field[].source` names the FileObject/FileSet a field is extracted from (`extract.column` or
 *   `extract.jsonPath`): the text fields of that source;
 * - Croissant 1.0 has no synthetic flag, so origin comes from the few statements that say it: the RAI
 *   extension's `rai:dataCollectionType`, the hub's `Synthetic` keyword, and PROV-O (`prov:wasGeneratedBy`,
 *   `prov:wasAttributedTo` a `prov:SoftwareAgent`), which Croissant 1.1 recommends for provenance;
 * - `isBasedOn` (schema.org) and `prov:wasDerivedFrom` give lineage.
 * Statements on a FileObject/FileSet win over the same statements on the dataset. Keys may be written as the
 * context's short terms (`distribution`) or prefixed (`sc:distribution`); no JSON-LD expansion is done
 * beyond that. Croissant allows many more properties, so unknown keys are not reported.
 */
export const croissantDialect: Dialect = {
  id: 'croissant',
  label: 'Croissant dataset metadata',
  detect(file, text) {
    if (CROISSANT_NAME.test(baseName(file))) return 3;
    return /\.json$/i.test(file) && CROISSANT_MARK.test(text) ? 2 : 0;
  },
  parse: parseCroissant,
};

/** `croissant.json`, `<name>.croissant.json`, `<name>-croissant.json`: how the hub and its users save it. */
const CROISSANT_NAME = /croissant\.json$/i;
/** The Croissant namespace in the context, or `conformsTo` a Croissant version. */
const CROISSANT_MARK = /"(?:cr|(?:dct:)?conformsTo)"\s*:\s*\[?\s*"https?:\/\/mlcommons\.org\/croissant\//;

const MESSAGES: ConfigMessages = {
  what: 'the Croissant metadata',
  empty: 'The file is empty: expected Croissant JSON-LD with a `distribution` list.',
  missing: 'This Croissant file has no `distribution`: list the FileObjects and FileSets that hold the data.',
};

const PREFIXES = ['sc', 'schema', 'cr', 'dct', 'rai', 'prov'];

/**
 * `rai:dataCollectionType` values of the RAI 1.0 recommended list that mean people wrote or supplied the
 * records. The others (Web Scraping, Software Collection, Web API, ...) say how data was gathered, not who
 * wrote it, so they leave origin to other evidence.
 */
const HUMAN_COLLECTION = new Set([
  'surveys',
  'manual human curator',
  'focus groups',
  'self-reporting',
  'customer feedback data',
  'user-generated content data',
]);

/** Words in a collection type or a generating activity's label that say the records are model output. */
const SYNTHETIC_WORDS = /\bsynthetic\b|\b(?:machine|model|ai|llm)[- ]generated\b|\bgenerated (?:by|with) (?:an? )?(?:llm|(?:large )?language model)\b|\bdistill/i;

/** A value and the node it was read from. */
interface Located {
  value: string;
  node: SyntaxNode;
}

interface Resource {
  id: string;
  kind: 'FileObject' | 'FileSet';
  idNode: SyntaxNode;
  map: MapNode;
  /** `contentUrl` of a FileObject, or each `includes` glob of a FileSet. */
  paths: Located[];
  pathsNode?: SyntaxNode;
  containedIn: Located[];
}

/** What a map says about where its records came from. */
interface Evidence {
  synthetic?: SyntaxNode;
  human?: SyntaxNode;
  softwareAgent?: Located;
  lineage: Located[];
  lineageNode?: SyntaxNode;
}

function parseCroissant(ctx: DialectContext): Manifest | undefined {
  const config = readConfigFile(ctx, 'croissant', MESSAGES, (top) => term(top, 'distribution'));
  if (!config) return undefined;
  const { top, manifest, data: distribution } = config;
  const nameEntry = term(top, 'name');
  const name = nameEntry ? languageString(ctx, nameEntry.value, '`name`') : undefined;
  if (nameEntry && name !== undefined) {
    manifest.name = name;
    manifest.ranges.name = ctx.range(nameEntry.value);
  }
  if (!distribution) return manifest;
  const resources = readDistribution(ctx, distribution.value);
  const ids = resources.map((r) => r.id);
  const fields = readRecordSets(ctx, top, ids);
  const containers = new Set(resources.flatMap((r) => r.containedIn.map((c) => c.value)));
  const dataset = readEvidence(ctx, top);
  const license = readLicense(ctx, top);

  for (const resource of resources) {
    const text = fields.text.get(resource.id);
    if (containers.has(resource.id) && !fields.read.has(resource.id)) continue;
    const source = blankSource(resource.id, ctx.range(resource.map), ctx.range(resource.idNode));
    readFiles(ctx, resource, resources, source);
    if (text) {
      source.text = text.paths;
      source.ranges.text = text.range;
    }
    applyEvidence(ctx, source, readEvidence(ctx, resource.map), dataset, ids);
    if (license) {
      source.license = license.value;
      source.ranges.license = license.range;
    }
    manifest.sources.push(source);
  }
  checkSourceReferences(ctx, manifest.sources);
  return manifest;
}

/** The entry of a term, written short (`distribution`) or with one of the usual prefixes (`sc:distribution`). */
function term(map: MapNode, name: string): MapEntry | undefined {
  return map.entries.find((e) => {
    const key = String(e.key.value);
    return key === name || (key.endsWith(`:${name}`) && PREFIXES.includes(key.slice(0, -name.length - 1)));
  });
}

/** JSON-LD writes a property with one value as the value itself and with several as a list. */
function values(node: SyntaxNode): SyntaxNode[] {
  if (node.kind === 'seq') return node.items;
  return node.kind === 'scalar' && node.value === null ? [] : [node];
}

/**
 * A text value: a string, or (Croissant 1.1, JSON-LD language maps) `{"en": "...", "fr": "..."}`, read in
 * English when it has English, else in its first language.
 */
function languageString(ctx: DialectContext, node: SyntaxNode, what: string): string | undefined {
  if (node.kind !== 'map') return ctx.string(node, what);
  const english = node.entries.find((e) => String(e.key.value).toLowerCase().startsWith('en'));
  const chosen = english ?? node.entries[0];
  return chosen === undefined ? undefined : ctx.string(chosen.value, `${what} (${String(chosen.key.value)})`);
}

/** A reference: a string (an IRI or an id), `{"@id": ...}`, or a described thing with a `url` or `name`. */
function reference(ctx: DialectContext, node: SyntaxNode, what: string): Located | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') return { value: node.value, node };
  if (node.kind === 'map') {
    for (const key of ['@id', 'url', 'name']) {
      const entry = key === '@id' ? node.entries.find((e) => e.key.value === key) : term(node, key);
      if (entry?.value.kind === 'scalar' && typeof entry.value.value === 'string') return { value: entry.value.value, node: entry.value };
    }
  }
  ctx.wrongType(node, what, 'an id, a URL or `{"@id": ...}`');
  return undefined;
}

function readDistribution(ctx: DialectContext, node: SyntaxNode): Resource[] {
  if (node.kind === 'scalar') {
    ctx.wrongType(node, '`distribution`', 'a list of FileObjects and FileSets');
    return [];
  }
  const resources: Resource[] = [];
  values(node).forEach((item, index) => {
    const resource = readResource(ctx, item, index);
    if (resource) resources.push(resource);
  });
  return resources;
}

function readResource(ctx: DialectContext, node: SyntaxNode, index: number): Resource | undefined {
  const map = ctx.map(node, `distribution entry ${index + 1}`);
  if (!map) return undefined;
  const idEntry = map.entries.find((e) => e.key.value === '@id') ?? term(map, 'name');
  const idValue = idEntry ? ctx.string(idEntry.value, `the \`${String(idEntry.key.value)}\` of distribution entry ${index + 1}`) : undefined;
  if (!idEntry) ctx.report(map.entries[0]?.key ?? map, `Distribution entry ${index + 1} has no \`@id\` (or \`name\`): give it one so record sets can refer to it.`);
  const id = idValue || `#${index + 1}`;
  const idNode = idEntry?.value ?? map.entries[0]?.key ?? map;
  const kind = resourceKind(ctx, map, id, idNode);
  const resource: Resource = { id, kind, idNode, map, paths: [], containedIn: [] };
  const pathEntry = term(map, kind === 'FileSet' ? 'includes' : 'contentUrl');
  if (pathEntry) {
    resource.pathsNode = pathEntry.value;
    const list = ctx.stringList(pathEntry.value, `\`${String(pathEntry.key.value)}\` of '${id}'`, id);
    list?.values.forEach((value, i) => resource.paths.push({ value, node: pathNodes(pathEntry.value)[i] ?? pathEntry.value }));
  } else {
    const wanted = kind === 'FileSet' ? '`includes` glob' : '`contentUrl`';
    ctx.report(idNode, `${kind} '${id}' has no ${wanted}: synthlint cannot tell which files hold it.`, { sourceId: id });
  }
  const containedIn = term(map, 'containedIn');
  if (containedIn) {
    for (const item of values(containedIn.value)) {
      const ref = reference(ctx, item, `\`containedIn\` of '${id}'`);
      if (ref) resource.containedIn.push(ref);
    }
  }
  return resource;
}

/** The string items of a `stringList`-read node, for per-entry ranges (non-strings were reported and skipped). */
function pathNodes(node: SyntaxNode): SyntaxNode[] {
  const items = node.kind === 'seq' ? node.items : [node];
  return items.filter((i) => i.kind === 'scalar' && typeof i.value === 'string');
}

/** FileObject or FileSet by `@type`; a missing or other type is reported and guessed from `includes`. */
function resourceKind(ctx: DialectContext, map: MapNode, id: string, idNode: SyntaxNode): 'FileObject' | 'FileSet' {
  const typeEntry = map.entries.find((e) => e.key.value === '@type');
  const types = typeEntry ? values(typeEntry.value).flatMap((t) => (t.kind === 'scalar' && typeof t.value === 'string' ? [t.value] : [])) : [];
  const named = (kind: string) => types.some((t) => new RegExp(`(?:^|[:/])${kind}$`).test(t));
  if (named('FileSet')) return 'FileSet';
  if (named('FileObject')) return 'FileObject';
  const guess = term(map, 'includes') ? 'FileSet' : 'FileObject';
  ctx.report(typeEntry?.value ?? idNode, `Distribution entry '${id}' must have \`"@type": "cr:FileObject"\` or \`"cr:FileSet"\`; read as a ${guess}.`, {
    sourceId: id,
    ...(typeEntry ? { fixes: [ctx.replaceFix(typeEntry.value, JSON.stringify(`cr:${guess}`), `Change @type to cr:${guess}`)] } : {}),
  });
  return guess;
}

/**
 * A resource's files: its `contentUrl` or `includes`, inside each container it is `containedIn` (Croissant
 * reads them as paths within the container). Relative paths are relative to the manifest, as in every
 * dialect; a URL container keeps them remote, so they are not reported missing.
 */
function readFiles(ctx: DialectContext, resource: Resource, all: readonly Resource[], source: Source): void {
  if (resource.pathsNode) source.ranges.files = ctx.range(resource.pathsNode);
  const containers: string[] = [];
  for (const ref of resource.containedIn) {
    const container = all.find((r) => r.id === ref.value);
    if (!container) {
      const hint = didYouMeanSuffix(ref.value, all.map((r) => r.id));
      ctx.report(ref.node, `'${resource.id}' is contained in '${ref.value}', which is not in \`distribution\`.${hint}`, { sourceId: resource.id });
    } else if (container.kind === 'FileObject' && container.paths[0]) containers.push(container.paths[0].value);
  }
  for (const path of resource.paths) {
    const joined = containers.length === 0 ? [path.value] : containers.map((c) => `${c.replace(/\/+$/, '')}/${path.value.replace(/^\.?\/+/, '')}`);
    for (const file of joined) {
      source.files.push(file);
      source.itemRanges.files.push(ctx.range(path.node));
    }
  }
}

interface RecordSetReads {
  /** Text fields by the id of the FileObject/FileSet they are extracted from. */
  text: Map<string, { paths: string[]; range: Range }>;
  /** Ids of every FileObject/FileSet some field is extracted from. */
  read: Set<string>;
}

function readRecordSets(ctx: DialectContext, top: MapNode, ids: readonly string[]): RecordSetReads {
  const out: RecordSetReads = { text: new Map(), read: new Set() };
  const entry = term(top, 'recordSet');
  if (!entry) return out;
  if (entry.value.kind === 'scalar') {
    ctx.wrongType(entry.value, '`recordSet`', 'a list of record sets');
    return out;
  }
  values(entry.value).forEach((recordSet, index) => {
    const map = ctx.map(recordSet, `record set ${index + 1}`);
    if (!map) return;
    const keyEntry = term(map, 'key');
    const keys = new Set(keyEntry ? values(keyEntry.value).flatMap((k) => (k.kind === 'map' ? (idOf(k) ?? []) : [])) : []);
    const fieldEntry = term(map, 'field');
    if (fieldEntry) readFields(ctx, fieldEntry.value, keys, ids, out);
  });
  return out;
}

function idOf(map: MapNode): string | undefined {
  const id = map.entries.find((e) => e.key.value === '@id')?.value;
  return id?.kind === 'scalar' && typeof id.value === 'string' ? id.value : undefined;
}

function addText(ctx: DialectContext, out: RecordSetReads, resourceId: string, path: string, node: SyntaxNode): void {
  const known = out.text.get(resourceId);
  if (!known) out.text.set(resourceId, { paths: [path], range: ctx.range(node) });
  else if (!known.paths.includes(path)) known.paths.push(path);
}

/**
 * Text-typed fields (or untyped ones) read by column or JSON path. Keys, foreign keys and transformed values
 * (a regex over a file name, say) are identifiers rather than prose, so they are left out; nested `subField`s
 * are read the same way.
 */
function readFields(ctx: DialectContext, node: SyntaxNode, keys: ReadonlySet<string>, ids: readonly string[], out: RecordSetReads): void {
  if (node.kind === 'scalar') {
    ctx.wrongType(node, '`field`', 'a list of fields');
    return;
  }
  for (const field of values(node)) {
    if (field.kind !== 'map') {
      ctx.wrongType(field, 'each field', 'a mapping');
      continue;
    }
    const sub = term(field, 'subField');
    if (sub) readFields(ctx, sub.value, keys, ids, out);
    const source = term(field, 'source')?.value;
    if (source?.kind !== 'map') continue;
    const fileRef = term(source, 'fileObject') ?? term(source, 'fileSet');
    if (!fileRef) continue;
    const ref = reference(ctx, fileRef.value, `\`${String(fileRef.key.value)}\` of a field source`);
    if (!ref) continue;
    if (!ids.includes(ref.value)) {
      const meant = didYouMean(ref.value, ids);
      ctx.report(ref.node, `A field reads from '${ref.value}', which is not in \`distribution\`.${didYouMeanSuffix(ref.value, ids)}`, {
        ...(meant === undefined ? {} : { fixes: [ctx.replaceFix(ref.node, JSON.stringify(meant), `Change to '${meant}'`)] }),
      });
      continue;
    }
    out.read.add(ref.value);
    const id = idOf(field);
    if ((id !== undefined && keys.has(id)) || term(field, 'references') || term(source, 'transform') || !isText(field)) continue;
    const extract = term(source, 'extract')?.value;
    if (extract?.kind !== 'map') continue;
    const column = term(extract, 'column')?.value;
    const jsonPath = term(extract, 'jsonPath')?.value;
    if (column?.kind === 'scalar' && typeof column.value === 'string') addText(ctx, out, ref.value, column.value, column);
    else if (jsonPath?.kind === 'scalar' && typeof jsonPath.value === 'string') {
      const path = fieldPath(jsonPath.value);
      if (path) addText(ctx, out, ref.value, path, jsonPath);
    }
  }
}

function isText(field: MapNode): boolean {
  const type = term(field, 'dataType')?.value;
  if (!type) return true;
  return values(type).some((t) => t.kind === 'scalar' && typeof t.value === 'string' && /(?:^|[:/])Text$/.test(t.value));
}

/** `$.messages[*].content` → `messages[].content`, the analyzer's field paths; filters and recursion give none. */
function fieldPath(jsonPath: string): string | undefined {
  const path = jsonPath.replace(/^\$\.?/, '').replace(/\[\*\]/g, '[]');
  return /^[A-Za-z_][\w-]*(?:\[\])?(?:\.[A-Za-z_][\w-]*(?:\[\])?)*$/.test(path) ? path : undefined;
}

function readEvidence(ctx: DialectContext, map: MapNode): Evidence {
  const evidence: Evidence = { lineage: [] };
  const keywords = term(map, 'keywords');
  if (keywords) for (const k of values(keywords.value)) if (k.kind === 'scalar' && typeof k.value === 'string' && k.value.toLowerCase() === 'synthetic') evidence.synthetic ??= k;
  const collection = term(map, 'dataCollectionType');
  if (collection) {
    for (const item of values(collection.value)) {
      const value = ctx.string(item, 'each `dataCollectionType`');
      if (value === undefined) continue;
      if (SYNTHETIC_WORDS.test(value)) evidence.synthetic ??= item;
      else if (HUMAN_COLLECTION.has(value.trim().toLowerCase())) evidence.human ??= item;
    }
  }
  const generatedBy = term(map, 'wasGeneratedBy');
  if (generatedBy) for (const activity of values(generatedBy.value)) for (const label of labels(activity)) if (SYNTHETIC_WORDS.test(label.value)) evidence.synthetic ??= label.node;
  const attributedTo = term(map, 'wasAttributedTo');
  if (attributedTo) {
    for (const agent of values(attributedTo.value)) {
      if (agent.kind !== 'map' || !hasType(agent, 'SoftwareAgent')) continue;
      evidence.softwareAgent ??= labels(agent)[0];
    }
  }
  for (const key of ['isBasedOn', 'wasDerivedFrom']) {
    const entry = term(map, key);
    if (!entry) continue;
    evidence.lineageNode ??= entry.value;
    for (const item of values(entry.value)) {
      const ref = reference(ctx, item, `\`${String(entry.key.value)}\``);
      if (ref) evidence.lineage.push(ref);
    }
  }
  return evidence;
}

/** The human-readable names of a PROV activity or agent: a plain string, or its `prov:label`/`name`. */
function labels(node: SyntaxNode): Located[] {
  if (node.kind === 'scalar') return typeof node.value === 'string' ? [{ value: node.value, node }] : [];
  if (node.kind !== 'map') return [];
  return ['label', 'name'].flatMap((key) => {
    const value = term(node, key)?.value;
    return value?.kind === 'scalar' && typeof value.value === 'string' ? [{ value: value.value, node: value }] : [];
  });
}

function hasType(map: MapNode, type: string): boolean {
  const entry = map.entries.find((e) => e.key.value === '@type');
  return entry !== undefined && values(entry.value).some((t) => t.kind === 'scalar' && typeof t.value === 'string' && new RegExp(`(?:^|[:/#])${type}$`).test(t.value));
}

/** Origin, generator and lineage of a source: its own statements, else the dataset's. */
function applyEvidence(ctx: DialectContext, source: Source, own: Evidence, dataset: Evidence, ids: readonly string[]): void {
  const provenance = own.synthetic || own.human ? own : dataset;
  const origin: Origin = provenance.synthetic && provenance.human ? 'mixed' : provenance.synthetic ? 'synthetic' : provenance.human ? 'human' : 'unknown';
  source.origin = origin;
  const originNode = provenance.synthetic ?? provenance.human;
  if (originNode) source.ranges.origin = ctx.range(originNode);
  const agent = own.softwareAgent ?? dataset.softwareAgent;
  if (agent && provenance.synthetic) {
    source.generator = { model: agent.value };
    source.ranges.generator = ctx.range(agent.node);
    source.ranges['generator.model'] = ctx.range(agent.node);
  }
  const lineage = own.lineage.length > 0 ? own : dataset;
  if (lineage.lineageNode) source.ranges.derivedFrom = ctx.range(lineage.lineageNode);
  for (const ref of lineage.lineage) {
    source.derivedFrom.push(datasetName(ref.value, ids));
    source.itemRanges.derivedFrom.push(ctx.range(ref.node));
  }
}

/**
 * A lineage reference by the name other dialects use: an id of this file's distribution as it is, a hub
 * dataset URL as its `owner/name` (so the provenance registry and mixtures match it), anything else as
 * written (a URL or an IRI is taken as an outside dataset).
 */
function datasetName(ref: string, ids: readonly string[]): string {
  if (ids.includes(ref)) return ref;
  const hub = /^https?:\/\/huggingface\.co\/datasets\/([^/?#]+\/[^/?#]+)/.exec(ref);
  return hub?.[1] ?? ref;
}

function readLicense(ctx: DialectContext, top: MapNode): { value: string; range: Range } | undefined {
  const entry = term(top, 'license');
  if (!entry) return undefined;
  const names = values(entry.value).flatMap((item) => {
    const ref = reference(ctx, item, '`license`');
    return ref ? [ref.value] : [];
  });
  return names.length === 0 ? undefined : { value: names.join(', '), range: ctx.range(entry.value) };
}
