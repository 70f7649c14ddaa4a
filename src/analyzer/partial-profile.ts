/**
 * Partial profiles: what `synthlint profile --shard i/n` writes (one shard's accumulator state and reading
 * tallies, shard.ts) and `synthlint merge` adds up into the profile one run gives. The file is one JSON
 * object; its layout has its own version (PARTIAL_PROFILE_VERSION) and the metric states inside belong to one
 * ANALYZER_REVISION, so merge accepts only parts of the running revision, of one source, with the same
 * settings, and every shard of the split exactly once. Anything else is a PartProblem (file, position,
 * message), never an exception: parts come from other machines and may be truncated or mixed up.
 */
import { isDeepStrictEqual } from 'node:util';
import { LineIndex } from '../core/range';
import { parseJson } from '../core/json-source';
import type { DataIssue, SourceProfile } from '../core/profile';
import { addFileTotals, profileOf, type FileTotals, type SourceReading } from './analyze';
import type { TextPlan } from './extract';
import { ProfileAccumulator, type AccumulatorState } from './metrics/accumulator';
import { metricNames } from './metrics/registry';
import { inlineRuns } from './metrics/spill-runs';
import type { DataFormat, TextMode } from './readers';
import type { ShardReading, ShardSpec } from './shard';
import { decodeState, encodeState } from './state-json';
import { ANALYZER_REVISION, ANALYZER_VERSION } from './version';

export const PARTIAL_PROFILE_FORMAT = 'synthlint-partial-profile';
/** Bump when the layout below changes (the states' layout follows ANALYZER_REVISION). */
export const PARTIAL_PROFILE_VERSION = 1;

/** The settings that change figures: parts made with different ones do not add up. */
export interface PartSettings {
  text: string[] | null;
  textMode: TextMode;
  maxRecordBytes: number;
}

export interface PartFile {
  path: string;
  bytes: number;
  mtimeMs: number;
  format: DataFormat;
  /** shard.ts fileFingerprint: the same content on every machine. */
  fingerprint: string;
}

export interface PartialProfile {
  format: typeof PARTIAL_PROFILE_FORMAT;
  version: number;
  analyzerRevision: number;
  /** Informational: the synthlint that wrote the part. */
  analyzerVersion: string;
  sourceId: string;
  shard: ShardSpec;
  settings: PartSettings;
  files: PartFile[];
  plan: TextPlan;
  issues: DataIssue[];
  planIssues: Record<string, DataIssue[]>;
  totals: Record<string, FileTotals>;
  state: AccumulatorState;
}

/** A problem with one part (or with the set of parts), with where in which file it is. */
export interface PartProblem {
  file: string;
  /** 1-based, for a part that is not valid JSON. */
  line?: number;
  column?: number;
  /** JSON pointer of the offending value. */
  pointer?: string;
  message: string;
}

export function partialProfile(sourceId: string, shard: ShardSpec, read: ShardReading, text: string[] | undefined): PartialProfile {
  const { reading } = read;
  return {
    format: PARTIAL_PROFILE_FORMAT,
    version: PARTIAL_PROFILE_VERSION,
    analyzerRevision: ANALYZER_REVISION,
    analyzerVersion: ANALYZER_VERSION,
    sourceId,
    shard,
    settings: { text: text?.length ? text : null, textMode: read.textMode, maxRecordBytes: read.maxRecordBytes },
    files: reading.files.map((e, i) => ({ path: e.path, bytes: e.size, mtimeMs: e.mtimeMs, format: e.format, fingerprint: read.fingerprints[i] ?? '' })),
    plan: reading.plan,
    issues: reading.issues,
    planIssues: reading.planIssues,
    totals: reading.totals,
    // The exact tables' temporary files stay on this machine: their records travel in the part.
    state: inlineRuns(reading.acc.toState()),
  };
}

/** The part as the JSON text written to disk (typed arrays as base64, state-json.ts). */
export function serializePartialProfile(part: PartialProfile): string {
  return `${JSON.stringify(encodeState(part))}\n`;
}

export type ParsedPart = { ok: true; part: PartialProfile } | { ok: false; problem: PartProblem };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Where JSON.parse failed, found by the positional reader (only on that path: parts can be large). */
function syntaxProblem(text: string, file: string): PartProblem {
  const error = parseJson(text).errors[0];
  if (!error) return { file, message: 'not valid JSON' };
  const at = new LineIndex(text).positionAt(error.start);
  return { file, line: at.line + 1, column: at.character + 1, message: `not valid JSON: ${error.message}` };
}

/** The first thing wrong with the part's layout, as a pointer and message; undefined when it reads. */
function layoutProblem(v: Record<string, unknown>): { pointer: string; message: string } | undefined {
  if (v.format !== PARTIAL_PROFILE_FORMAT) {
    return { pointer: '/format', message: `not a synthlint partial profile (expected "format": "${PARTIAL_PROFILE_FORMAT}"; write parts with \`synthlint profile --shard i/n\`)` };
  }
  if (v.version !== PARTIAL_PROFILE_VERSION) {
    return { pointer: '/version', message: `partial profile layout ${JSON.stringify(v.version)}; this synthlint reads layout ${PARTIAL_PROFILE_VERSION}` };
  }
  if (v.analyzerRevision !== ANALYZER_REVISION) {
    return {
      pointer: '/analyzerRevision',
      message: `written by analyzer revision ${JSON.stringify(v.analyzerRevision)} (synthlint ${String(v.analyzerVersion)}); this synthlint (${ANALYZER_VERSION}) merges revision ${ANALYZER_REVISION} only: profile every shard with one synthlint version`,
    };
  }
  const shard = v.shard;
  if (!isObject(shard) || !isCount(shard.index) || !isCount(shard.count) || shard.count < 1 || shard.index >= shard.count) {
    return { pointer: '/shard', message: 'no valid shard (expected {"index": i, "count": n} with 0 ≤ i < n)' };
  }
  const settings = v.settings;
  if (!isObject(settings) || !isCount(settings.maxRecordBytes) || (settings.textMode !== 'line' && settings.textMode !== 'paragraph')) {
    return { pointer: '/settings', message: 'no valid settings' };
  }
  if (typeof v.sourceId !== 'string') return { pointer: '/sourceId', message: 'no source id' };
  if (!Array.isArray(v.files) || !v.files.every((f) => isObject(f) && typeof f.path === 'string' && isCount(f.bytes) && typeof f.fingerprint === 'string')) {
    return { pointer: '/files', message: 'no valid file list' };
  }
  if (!isObject(v.plan) || typeof v.plan.schema !== 'string' || !Array.isArray(v.plan.fields)) return { pointer: '/plan', message: 'no valid text plan' };
  if (!Array.isArray(v.issues)) return { pointer: '/issues', message: 'no issue list' };
  if (!isObject(v.planIssues)) return { pointer: '/planIssues', message: 'no planner issues' };
  if (!isObject(v.totals) || !Object.values(v.totals).every((t) => isObject(t) && isCount(t.records) && isCount(t.malformed) && isCount(t.noText) && Array.isArray(t.issues))) {
    return { pointer: '/totals', message: 'no valid per-file totals' };
  }
  const state = v.state;
  if (!isObject(state) || !isCount(state.records) || !isObject(state.options) || !isObject(state.units)) return { pointer: '/state', message: 'no valid accumulator state' };
  const unknown = Object.keys(state.units).find((name) => !(metricNames as readonly string[]).includes(name));
  if (unknown !== undefined) return { pointer: `/state/units/${unknown}`, message: `unknown metric '${unknown}'` };
  return undefined;
}

/** Reads one part's text; `file` names it in problems. */
export function parsePartialProfile(text: string, file: string): ParsedPart {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: syntaxProblem(text, file) };
  }
  if (!isObject(raw)) return { ok: false, problem: { file, message: 'not a synthlint partial profile (not a JSON object)' } };
  const layout = layoutProblem(raw);
  if (layout) return { ok: false, problem: { file, ...layout } };
  const decoded = decodeState(raw.state, '/state');
  if (!decoded.ok) return { ok: false, problem: { file, pointer: decoded.path, message: decoded.message } };
  return { ok: true, part: { ...(raw as unknown as PartialProfile), state: decoded.value as AccumulatorState } };
}

export interface NamedPart {
  /** The part's file, as the user named it. */
  file: string;
  part: PartialProfile;
}

function describeFiles(files: readonly PartFile[]): string {
  return files.map((f) => `${f.path} (${f.bytes} bytes, fingerprint ${f.fingerprint.slice(0, 12)})`).join(', ');
}

/**
 * What identifies the data: paths, sizes and fingerprints. Paths too, because the states' row references
 * (near-duplicate pairs, artefact examples) and the per-file totals name them: shards must read the file at
 * the same path (a shared mount), which also keeps the merged profile's references true.
 */
function identityOf(files: readonly PartFile[]): { path: string; bytes: number; fingerprint: string }[] {
  return files.map(({ path, bytes, fingerprint }) => ({ path, bytes, fingerprint }));
}

/** Why the parts do not make one whole split of one source, one problem per offending part (or missing shards). */
function setProblems(parts: readonly NamedPart[]): PartProblem[] {
  const first = parts[0];
  if (!first) return [{ file: '', message: 'no partial profiles to merge' }];
  const problems: PartProblem[] = [];
  const { count } = first.part.shard;
  const seen = new Map<number, string>();
  for (const { file, part } of parts) {
    const against = `than ${first.file}`;
    if (!isDeepStrictEqual(identityOf(part.files), identityOf(first.part.files))) {
      problems.push({ file, pointer: '/files', message: `a shard of other data ${against} (every shard must read the same file at the same path): ${describeFiles(part.files)} vs ${describeFiles(first.part.files)}` });
    } else if (!isDeepStrictEqual(part.settings, first.part.settings)) {
      problems.push({ file, pointer: '/settings', message: `made with different settings ${against}: ${JSON.stringify(part.settings)} vs ${JSON.stringify(first.part.settings)}` });
    } else if (!isDeepStrictEqual(part.state.options, first.part.state.options)) {
      problems.push({ file, pointer: '/state/options', message: `made with different analyzer options ${against} (budgets, e.g. one part with --exact and one without, metrics or phrase lists)` });
    } else if (part.shard.count !== count) {
      problems.push({ file, pointer: '/shard/count', message: `shard ${part.shard.index}/${part.shard.count} of a split into ${part.shard.count}, ${against}'s into ${count}` });
    } else if (seen.has(part.shard.index)) {
      problems.push({ file, pointer: '/shard/index', message: `shard ${part.shard.index}/${count} again (also ${seen.get(part.shard.index)})` });
    } else {
      seen.set(part.shard.index, file);
    }
  }
  if (problems.length === 0 && seen.size < count) {
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    const listed = missing.slice(0, 20).map((i) => `${i}/${count}`);
    problems.push({ file: first.file, pointer: '/shard', message: `shards missing: ${listed.join(', ')}${missing.length > listed.length ? ` and ${missing.length - listed.length} more` : ''}` });
  }
  return problems;
}

export type MergedProfile = { ok: true; profile: SourceProfile } | { ok: false; problems: PartProblem[] };

/**
 * The profile of the whole source from its parts, given in any order: states are merged in shard order
 * (file order), tallies add up, the source's id and issues come from shard 0 (every shard plans
 * from the file's start, so its issues are the same).
 */
export function mergePartialProfiles(parts: readonly NamedPart[]): MergedProfile {
  const problems = setProblems(parts);
  if (problems.length > 0) return { ok: false, problems };
  const ordered = [...parts].sort((a, b) => a.part.shard.index - b.part.shard.index);
  const head = (ordered[0] as NamedPart).part;
  const acc = ProfileAccumulator.fromState(head.state);
  const totals: Record<string, FileTotals> = {};
  for (const { part } of ordered) {
    if (part !== head) acc.merge(ProfileAccumulator.fromState(part.state));
    for (const [file, t] of Object.entries(part.totals)) addFileTotals(totals, file, t);
  }
  const files = head.files.map((f) => ({ path: f.path, size: f.bytes, mtimeMs: f.mtimeMs, format: f.format }));
  const reading: SourceReading = { files, plan: head.plan, issues: head.issues, planIssues: head.planIssues, totals, acc };
  const profile = profileOf(head.sourceId, reading);
  acc.release();
  return { ok: true, profile };
}
