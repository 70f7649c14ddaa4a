/**
 * A source whose files are remote, profiled from a sample fetched by byte ranges: the objects its entries name
 * (a random few when there are many), each object's size or Parquet footer, then a simple random sample of units
 * (Parquet row groups, JSON Lines byte ranges) within the source's byte budget, dealt into random groups for the
 * 95% intervals exactly as a large local file is sampled (../sample.ts). Every problem (offline, refused, not
 * found, over budget) becomes an issue naming the entry or object, never an exception; only cancellation throws.
 */
import type { FileMetaData } from 'hyparquet';
import type { DataIssue, DiversityMetrics, FileProfile, RemoteRead, SourceProfile } from '../../core/profile';
import { DETECT_RECORDS, TextExtractor, candidateFields, planText, type TextPlan } from '../extract';
import { ProfileAccumulator } from '../metrics/accumulator';
import { DEFAULT_MAX_RECORD_BYTES, IssueLog, type RawRecord } from '../readers';
import { boundedMetadata, readParquetRows } from '../readers/parquet';
import { attachConfidence, SAMPLE_GROUPS, sampleGroups, sampleUnitBytes } from '../sample';
import { topLevelColumns } from '../task';
import { readCachedProfile, remoteProfileCacheKey, writeCachedProfile, type VersionedObject } from '../cache';
import { ANALYZER_VERSION } from '../version';
import { byteUnits, unitRecords, type ByteUnit } from './jsonl-units';
import { locate, SAMPLED_FORMATS, type RemoteObject } from './locate';
import { remoteBuffer, type RemoteBuffer } from './parquet-buffer';
import type { RemoteSettings } from './settings';
import { RemoteProblem, Transfer } from './transport';

export interface RemoteSource {
  sourceId: string;
  /** The source's remote `files` entries, as written. */
  entries: readonly string[];
  /** Field paths the manifest names; detected when absent. */
  text?: readonly string[];
  /** The split a hub id stands for; default `train`. */
  split?: string;
}

export interface RemoteProfileOptions {
  signal?: AbortSignal;
  maxRecordBytes?: number;
  /** Folder for cached profiles (cache.ts); none without it. */
  cacheDir?: string;
  onCacheError?: (message: string) => void;
}

/** Objects opened per source: beyond this a random subset is, so a dataset of 2,000 shards costs 8 footers. */
export const MAX_OBJECTS = 8;
/** Share of the budget the units may take: continuations of records past a unit's end need the rest. */
const UNIT_SHARE = 0.85;
/** The request that learns an object's size (from Content-Range) when no listing gave it. */
const PROBE_BYTES = 1024;

interface Opened {
  object: RemoteObject;
  size: number;
  /** The object's version, from its listing or its first range read. */
  version?: string;
  log: IssueLog;
  records: number;
  meta?: FileMetaData;
  buffer?: RemoteBuffer;
}

/** A sampling unit: a JSON Lines byte range, or a Parquet row group. */
type Unit = { kind: 'range'; opened: Opened; range: ByteUnit; bytes: number } | { kind: 'group'; opened: Opened; group: number; rowStart: number; rowEnd: number; bytes: number };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Rethrows cancellation; anything else is a problem of the data or the network, for an issue. Such a problem
 * may pass (a time-out, the host down), so a profile that met one is not cached.
 */
function problemOf(err: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) throw err;
  if (err instanceof RemoteProblem) return err.message;
  return `not read: ${message(err)}`;
}

function pick<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return sampleGroups(
    items.map((item) => ({ item, bytes: 1 })),
    count,
    1,
    true,
  ).flat().map((u) => u.item);
}

/** Compressed bytes of the columns that will be decoded, in one row group. */
function groupBytes(meta: FileMetaData, group: number, columns: ReadonlySet<string> | undefined): number {
  return (meta.row_groups[group]?.columns ?? []).reduce((sum, c) => {
    const data = c.meta_data;
    if (!data || (columns && !columns.has(data.path_in_schema[0] ?? ''))) return sum;
    return sum + Number(data.total_compressed_size);
  }, 0);
}

async function open(object: RemoteObject, transfer: Transfer): Promise<Opened> {
  const log = new IssueLog(object.name);
  // The first KB, not the first byte: s3rver (and some proxies) answer `bytes=0-0` with the whole object.
  const probe = object.size === undefined ? await transfer.range(object.request, 0, PROBE_BYTES) : undefined;
  const size = object.size ?? probe?.total ?? 0;
  const version = object.version ?? probe?.etag;
  const opened: Opened = { object, size, log, records: 0, ...(version ? { version } : {}) };
  if (size === 0) log.note(undefined, 'empty file: no records');
  else if (object.format === 'parquet') {
    opened.buffer = remoteBuffer(object, size, transfer);
    try {
      opened.meta = await boundedMetadata(opened.buffer);
    } catch (err) {
      if (err instanceof RemoteProblem) throw err;
      log.note(undefined, `not a readable Parquet file: ${message(err)}`);
    }
  }
  return opened;
}

async function parquetRows(opened: Opened, rowStart: number, rowEnd: number, columns: string[] | undefined, signal: AbortSignal | undefined): Promise<RawRecord[]> {
  const { buffer, meta, object, log } = opened;
  if (!buffer || !meta) return [];
  const out: RawRecord[] = [];
  const group = groupAt(meta, rowStart);
  await buffer.prefetch(meta, group, columns ? new Set(columns) : undefined);
  const options = { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, textMode: 'line' as const, range: { start: 0, end: 0, startLine: 1, rowStart, rowEnd }, ...(columns ? { columns } : {}), ...(signal ? { signal } : {}) };
  try {
    for await (const batch of readParquetRows(object.name, buffer, meta, options, log)) out.push(...batch);
  } finally {
    buffer.release();
  }
  return out;
}

/** The row group holding row `row`. */
function groupAt(meta: FileMetaData, row: number): number {
  let end = 0;
  for (let g = 0; g < meta.row_groups.length; g++) {
    end += Number(meta.row_groups[g]?.num_rows ?? 0);
    if (row < end) return g;
  }
  return meta.row_groups.length - 1;
}

/** Names of the top-level columns: the schema is flattened depth-first, each element saying how many children follow. */
function topLevelNames(meta: FileMetaData): string[] {
  const names: string[] = [];
  let i = 1;
  const skip = (): void => {
    const element = meta.schema[i++];
    for (let c = 0; c < (element?.num_children ?? 0); c++) skip();
  };
  while (i < meta.schema.length) {
    names.push(meta.schema[i]?.name ?? '');
    skip();
  }
  return names;
}

/** Detection reads the first rows of the first object; only columns that fit half the remaining budget are fetched. */
async function detectionRecords(opened: readonly Opened[], unitBytes: number, transfer: Transfer, maxRecordBytes: number, signal: AbortSignal | undefined): Promise<{ values: unknown[]; firstRange?: { unit: ByteUnit; records: RawRecord[] } }> {
  for (const o of opened) {
    if (o.object.format === 'jsonl' && o.size > 0) {
      const unit = byteUnits(o.object, o.size, unitBytes)[0] as ByteUnit;
      const records = await unitRecords(unit, transfer, maxRecordBytes, o.log);
      if (records.length > 0) return { values: records.slice(0, DETECT_RECORDS).map((r) => r.value), firstRange: { unit, records } };
    } else if (o.meta && o.meta.row_groups.length > 0) {
      const meta = o.meta;
      const sizes = topLevelNames(meta).map((name) => ({ name, bytes: groupBytes(meta, 0, new Set([name])) }));
      const columns: string[] = [];
      let bytes = 0;
      for (const c of sizes.filter((s) => s.bytes > 0).sort((a, b) => a.bytes - b.bytes)) {
        if (bytes + c.bytes > transfer.remaining / 2) break;
        bytes += c.bytes;
        columns.push(c.name);
      }
      if (columns.length === 0) continue;
      const rows = Math.min(DETECT_RECORDS, Number(meta.row_groups[0]?.num_rows ?? 0));
      const records = await parquetRows(o, 0, rows, columns, signal);
      if (records.length > 0) return { values: records.map((r) => r.value) };
    }
  }
  return { values: [] };
}

function unitsOf(opened: readonly Opened[], unitBytes: number, columns: ReadonlySet<string> | undefined): Unit[] {
  const units: Unit[] = [];
  for (const o of opened) {
    if (o.object.format === 'jsonl') for (const range of byteUnits(o.object, o.size, unitBytes)) units.push({ kind: 'range', opened: o, range, bytes: range.bytes });
    else if (o.meta) {
      let rowStart = 0;
      o.meta.row_groups.forEach((g, group) => {
        const rowEnd = rowStart + Number(g.num_rows);
        units.push({ kind: 'group', opened: o, group, rowStart, rowEnd, bytes: groupBytes(o.meta as FileMetaData, group, columns) });
        rowStart = rowEnd;
      });
    }
  }
  return units;
}

/** Profiles a remote source within `settings.budgetBytes` of fetched bytes. */
export async function profileRemoteSource(source: RemoteSource, settings: RemoteSettings, options: RemoteProfileOptions = {}): Promise<SourceProfile> {
  const { signal } = options;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const transfer = new Transfer(settings, signal);
  const issues: DataIssue[] = [];
  let metProblem = false;
  const problem = (err: unknown): string => {
    metProblem = true;
    return problemOf(err, signal);
  };

  const objects: RemoteObject[] = [];
  for (const entry of source.entries) {
    try {
      const found = await locate(entry, source.split ?? 'train', settings, transfer);
      objects.push(...found.objects);
      for (const problem of found.problems) issues.push({ file: entry, message: problem });
    } catch (err) {
      issues.push({ file: entry, message: problem(err) });
    }
  }
  const sampleable = objects.filter((o) => {
    if (SAMPLED_FORMATS.includes(o.format) && !o.gzip) return true;
    issues.push({ file: o.name, message: o.gzip ? 'a gzip file cannot be read by byte ranges; not read (store it uncompressed, or as Parquet)' : `remote ${o.format} files are not read: only Parquet and JSON Lines are sampled by byte ranges` });
    return false;
  });

  const opened: Opened[] = [];
  for (const object of pick(sampleable, MAX_OBJECTS)) {
    try {
      opened.push(await open(object, transfer));
    } catch (err) {
      issues.push({ file: object.name, message: problem(err) });
    }
  }

  const cache = metProblem ? undefined : cacheEntry(source, settings, maxRecordBytes, objects, opened, issues, options);
  const cached = cache && (await readCachedProfile(cache.dir, cache.key));
  if (cached) return { ...cached, sourceId: source.sourceId, fromCache: true };

  // One unit size for detection and sampling, so the range read to detect the schema is a sampling unit too.
  const unitBytes = sampleUnitBytes(transfer.remaining);
  let plan: TextPlan = planText([], source.text ?? []);
  let firstRange: { unit: ByteUnit; records: RawRecord[] } | undefined;
  if (!source.text?.length) {
    try {
      const detected = await detectionRecords(opened, unitBytes, transfer, maxRecordBytes, signal);
      firstRange = detected.firstRange;
      plan = planText(detected.values);
      if (plan.schema === 'unknown' && detected.values.length > 0) {
        const fields = candidateFields(detected.values);
        issues.push({ file: opened[0]?.object.name ?? source.entries[0] ?? '', message: `no known text schema; name the fields with \`text:\`${fields.length ? ` — string fields found: ${fields.join(', ')}` : ''}` });
      }
    } catch (err) {
      issues.push({ file: opened[0]?.object.name ?? source.entries[0] ?? '', message: problem(err) });
    }
  }

  const columnList = topLevelColumns(plan);
  const columns = columnList ? new Set(columnList) : undefined;
  const units = unitsOf(opened, unitBytes, columns);
  const unitBudget = Math.floor(transfer.remaining * UNIT_SHARE);
  const allBytes = units.reduce((a, u) => a + u.bytes, 0);
  const everything = allBytes <= unitBudget && opened.length === sampleable.length;
  const groups = everything ? [units] : sampleGroups(units, unitBudget, Math.min(SAMPLE_GROUPS, Math.max(1, units.length)), true);

  const extractor = new TextExtractor(plan);
  const acc = new ProfileAccumulator();
  const groupMetrics: DiversityMetrics[] = [];
  let stopped = false;
  let rangesRead = 0;
  let rowGroupsRead = 0;
  for (const group of groups) {
    const part = new ProfileAccumulator();
    for (const unit of group) {
      if (stopped) break;
      signal?.throwIfAborted();
      let records: RawRecord[];
      try {
        if (unit.kind === 'range') {
          records = firstRange && firstRange.unit.object === unit.range.object && unit.range.start === 0 ? firstRange.records : await unitRecords(unit.range, transfer, maxRecordBytes, unit.opened.log);
          rangesRead++;
        } else {
          records = await parquetRows(unit.opened, unit.rowStart, unit.rowEnd, columnList, signal);
          rowGroupsRead++;
        }
      } catch (err) {
        issues.push({ file: unit.opened.object.name, message: problem(err) });
        stopped = err instanceof RemoteProblem && (err.fatal || transfer.remaining === 0);
        continue;
      }
      unit.opened.records += records.length;
      for (const { value, row } of records) {
        const extracted = extractor.text(value);
        if (extracted !== undefined) part.add(extracted.text, row, extracted.responseStart);
      }
    }
    if (!everything) {
      // A group that read no record has no figures (accumulator.ts): it says nothing about the spread.
      const { metrics } = part.finish();
      if (metrics) groupMetrics.push(metrics);
    }
    acc.merge(part);
  }

  const figures = acc.finish();
  const files: FileProfile[] = opened.map((o) => ({ path: o.object.name, bytes: o.size, format: o.object.format, records: o.records, malformed: o.log.malformed, issues: o.log.issues }));
  const readUnits = (kind: Unit['kind']): number => units.filter((u) => u.kind === kind).length;
  const complete = everything && !stopped && issues.length === 0;
  const remote: RemoteRead = {
    bytesRead: transfer.bytesRead,
    bytesTotal: objects.reduce((a, o) => a + (o.size ?? opened.find((x) => x.object === o)?.size ?? 0), 0),
    requests: transfer.requests,
    objectsRead: opened.length,
    objectsTotal: sampleable.length,
    rowGroupsRead,
    rowGroupsTotal: readUnits('group'),
    rangesRead,
    rangesTotal: readUnits('range'),
    complete,
  };
  const profile: SourceProfile = {
    sourceId: source.sourceId,
    analyzerVersion: ANALYZER_VERSION,
    files,
    schema: plan.schema,
    textFields: plan.fields,
    ...figures,
    remote,
    issues: [...issues, ...files.flatMap((f) => f.issues)].slice(0, 50),
  };
  if (!complete && figures.records > 0) {
    const population = estimatePopulation(opened, units, groups, remote);
    const scale = population / Math.max(1, figures.records);
    profile.sample = { size: figures.records, population };
    profile.records = population;
    profile.words = Math.round(figures.words * scale);
    profile.chars = Math.round(figures.chars * scale);
    profile.tokensEstimate = Math.round(figures.tokensEstimate * scale);
    attachConfidence(profile.metrics, groupMetrics);
  }
  if (cache && !metProblem) {
    await writeCachedProfile(cache.dir, cache.key, profile).catch((err: unknown) => {
      options.onCacheError?.(`profile of '${source.sourceId}' not cached in ${cache.dir}: ${message(err)}`);
    });
  }
  return profile;
}

/**
 * Where the profile of a remote source is cached, when it can be: every object found states a version, so the
 * same key means the same bytes (objects not opened count too: their sizes scale the estimates). What the
 * sample depends on besides the objects is in the key: the entries, split, fields, record limit and budget.
 */
function cacheEntry(
  source: RemoteSource,
  settings: RemoteSettings,
  maxRecordBytes: number,
  objects: readonly RemoteObject[],
  opened: readonly Opened[],
  issues: readonly DataIssue[],
  options: RemoteProfileOptions,
): { dir: string; key: string } | undefined {
  if (!options.cacheDir) return undefined;
  const versioned: VersionedObject[] = [];
  for (const object of objects) {
    const found = opened.find((o) => o.object === object);
    const size = found?.size ?? object.size;
    const version = found?.version ?? object.version;
    if (size === undefined || version === undefined) return undefined;
    versioned.push({ name: object.name, size, version });
  }
  const key = remoteProfileCacheKey(versioned, {
    entries: source.entries,
    split: source.split ?? 'train',
    text: source.text ?? null,
    maxRecordBytes,
    budgetBytes: settings.budgetBytes,
    found: issues.map((i) => `${i.file}\u0000${i.message}`),
  });
  return { dir: options.cacheDir, key };
}

/**
 * Records in every object the source names: a Parquet footer counts its rows exactly; a JSON Lines object's
 * records per byte carries over from its sampled ranges to its size; objects not opened count as the opened
 * ones do per byte.
 */
function estimatePopulation(opened: readonly Opened[], units: readonly Unit[], groups: readonly Unit[][], remote: RemoteRead): number {
  const chosen = new Set(groups.flat());
  let records = 0;
  let bytes = 0;
  for (const o of opened) {
    if (o.meta) records += Number(o.meta.num_rows);
    else {
      const covered = units.filter((u) => u.opened === o && chosen.has(u)).reduce((a, u) => a + u.bytes, 0);
      if (covered > 0) records += (o.records * o.size) / covered;
    }
    bytes += o.size;
  }
  return Math.round(bytes > 0 && remote.bytesTotal > bytes ? (records * remote.bytesTotal) / bytes : records);
}
