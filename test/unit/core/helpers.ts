/**
 * Builds a native manifest's YAML text and its Manifest model together, with ranges that point at the
 * written text, so rule tests can assert exact positions and apply fixes without depending on the parser.
 */
import { effectiveRules } from '../../../src/core/config';
import type { Config } from '../../../src/core/config-types';
import type { TextEdit } from '../../../src/core/finding';
import { lint, type LintInput } from '../../../src/core/lint';
import type { Manifest, Origin, Source, SourceField, WeightKind } from '../../../src/core/manifest';
import type { DiversityMetrics, Estimate, SourceProfile } from '../../../src/core/profile';
import { LineIndex, type Range } from '../../../src/core/range';

export interface SourceSpec {
  id: string;
  origin?: Origin;
  files?: string[];
  generator?: { model?: string; provider?: string; generation?: number };
  derivedFrom?: string[];
  rows?: number;
  tokens?: number;
  weight?: number;
  /** What `weight` holds; the native manifest this helper writes means a sampling weight. */
  weightKind?: WeightKind;
  /** Lines written just before the source's `- id:` line (comments, for suppression tests). */
  before?: string[];
}

export interface ManifestSpec {
  name?: string;
  previous?: string;
  sources: SourceSpec[];
  /** Lines written at the top of the file. */
  header?: string[];
}

export const MANIFEST_FILE = '/work/ds/demo.dataset.yaml';

class Writer {
  readonly lines: string[] = [];

  /** Writes a line and returns the range of `value` in it (the last occurrence, i.e. after the key). */
  line(text: string, value?: string): Range {
    const line = this.lines.length;
    this.lines.push(text);
    const found = value === undefined ? -1 : text.lastIndexOf(value);
    const start = found < 0 ? 0 : found;
    const end = found < 0 ? text.length : found + (value ?? '').length;
    return { start: { line, character: start }, end: { line, character: end } };
  }
}

function writeSource(w: Writer, spec: SourceSpec): Source {
  for (const l of spec.before ?? []) w.line(l);
  const idRange = w.line(`  - id: ${spec.id}`, spec.id);
  const ranges: Source['ranges'] = { self: idRange, id: idRange };
  const itemRanges: Source['itemRanges'] = { files: [], derivedFrom: [] };
  const scalar = (key: SourceField, value: string | number | undefined): void => {
    if (value === undefined) return;
    ranges[key] = w.line(`    ${key}: ${value}`, String(value));
  };
  scalar('origin', spec.origin);
  if (spec.files !== undefined) {
    ranges.files = w.line('    files:', 'files');
    for (const f of spec.files) itemRanges.files.push(w.line(`      - ${f}`, f));
  }
  if (spec.generator !== undefined) {
    ranges.generator = w.line('    generator:', 'generator');
    const g = spec.generator;
    if (g.model !== undefined) ranges['generator.model'] = w.line(`      model: ${g.model === '' ? '""' : g.model}`, g.model === '' ? '""' : g.model);
    if (g.provider !== undefined) ranges['generator.provider'] = w.line(`      provider: ${g.provider}`, g.provider);
    if (g.generation !== undefined) ranges['generator.generation'] = w.line(`      generation: ${g.generation}`, String(g.generation));
  }
  if (spec.derivedFrom !== undefined) {
    ranges.derivedFrom = w.line('    derivedFrom:', 'derivedFrom');
    for (const d of spec.derivedFrom) itemRanges.derivedFrom.push(w.line(`      - ${d}`, d));
  }
  scalar('rows', spec.rows);
  scalar('tokens', spec.tokens);
  scalar('weight', spec.weight);
  const last = w.lines.length - 1;
  ranges.self = { start: idRange.start, end: { line: last, character: (w.lines[last] ?? '').length } };
  return {
    id: spec.id,
    files: spec.files ?? [],
    origin: spec.origin ?? 'unknown',
    ...(spec.generator === undefined ? {} : { generator: { model: spec.generator.model ?? '', ...spec.generator } }),
    derivedFrom: spec.derivedFrom ?? [],
    ...(spec.rows === undefined ? {} : { rows: spec.rows }),
    ...(spec.tokens === undefined ? {} : { tokens: spec.tokens }),
    ...(spec.weight === undefined ? {} : { weight: { value: spec.weight, kind: spec.weightKind ?? 'sampling-weight' } }),
    ranges,
    itemRanges,
  };
}

export function buildManifest(spec: ManifestSpec, file = MANIFEST_FILE): { text: string; manifest: Manifest } {
  const w = new Writer();
  for (const l of spec.header ?? []) w.line(l);
  const manifest: Manifest = { file, dialect: 'synthlint', sources: [], ranges: { self: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, layout: { sourceKeyIndent: '    ' } };
  if (spec.name !== undefined) {
    manifest.name = spec.name;
    manifest.ranges.name = w.line(`name: ${spec.name}`, spec.name);
  }
  if (spec.previous !== undefined) {
    manifest.previous = spec.previous;
    manifest.ranges.previous = w.line(`previous: ${spec.previous}`, spec.previous);
  }
  manifest.ranges.sources = w.line('sources:', 'sources');
  for (const s of spec.sources) manifest.sources.push(writeSource(w, s));
  const text = `${w.lines.join('\n')}\n`;
  const last = w.lines.length - 1;
  manifest.ranges.self = { start: { line: 0, character: 0 }, end: { line: last, character: (w.lines[last] ?? '').length } };
  return { text, manifest };
}

/** Lints a built manifest with a config (or the defaults), the way the CLI and server call lint. */
export function lintSpec(
  spec: ManifestSpec,
  extra: Partial<Omit<LintInput, 'file' | 'text' | 'parse' | 'rules'>> & { config?: Config } = {},
): ReturnType<typeof lint> {
  const { text, manifest } = buildManifest(spec);
  const { config, ...rest } = extra;
  return lint({ file: MANIFEST_FILE, text, parse: { manifest, findings: [] }, rules: effectiveRules(config, MANIFEST_FILE, '/work/ds'), ...rest });
}

/** Applies edits to a text (edits must not overlap), as an editor applying a quick fix would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offsetAt(b.range.start) - index.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, index.offsetAt(e.range.start)) + e.newText + out.slice(index.offsetAt(e.range.end));
  return out;
}

/** "line:col" of a range's start, 1-based like editors show it. */
export function at(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

/** An exact figure, or a sampled one with its 95% interval. */
export function est(value: number, ci95?: [number, number]): Estimate {
  return ci95 === undefined ? { value } : { value, ci95 };
}

export type ProfileSpec = Partial<Omit<SourceProfile, 'sourceId' | 'metrics'>> & { metrics?: Partial<DiversityMetrics> };

/**
 * A profile of clean human-like text (figures near the M4 human answers in shared/data) that no data rule
 * reports; a test overrides the figures it is about.
 */
export function buildProfile(sourceId: string, spec: ProfileSpec = {}): SourceProfile {
  const { metrics, ...rest } = spec;
  const figures: DiversityMetrics = {
    compressionRatio: est(2.6),
    ngramDiversity: est(2.7),
    selfRepetition: est(3),
    distinct1: est(0.1),
    distinct2: est(0.5),
    entropy1: est(9),
    entropy2: est(14),
    nearDuplicateRate: est(0),
    exactDuplicateRate: est(0),
    templateOpenings: { share3: est(0.05), share5: est(0.02), top3: [], top5: [] },
    assistantArtifacts: { rate: est(0), examples: [] },
    excessVocabulary: { per1000: est(0.3), top: [] },
    vocabularyTail: { hapaxShare: est(0.46), zipfSlope: est(-0.95) },
    ...metrics,
  };
  return {
    sourceId,
    analyzerVersion: 'test',
    files: [{ path: `/work/ds/${sourceId}.jsonl`, bytes: 100_000, format: 'jsonl', records: 1000, malformed: 0, issues: [] }],
    schema: 'text',
    textFields: ['text'],
    records: 1000,
    words: 100_000,
    chars: 500_000,
    tokensEstimate: 130_000,
    lengths: { chars: { bounds: [], counts: [] }, words: { bounds: [], counts: [] } },
    nearDuplicatePairs: [],
    vocabulary: [],
    issues: [],
    ...rest,
    // As the analyzer makes them: a profile of no records has no figures.
    ...((rest.records ?? 1000) > 0 ? { metrics: figures } : {}),
  };
}

/** Profiles keyed by source id, as the analyzer hands them to lint. */
export function profileMap(...profiles: SourceProfile[]): Map<string, SourceProfile> {
  return new Map(profiles.map((p) => [p.sourceId, p]));
}
