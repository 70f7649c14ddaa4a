import type { Finding } from '../core/finding';
import type { Manifest } from '../core/manifest';
import { TextRange } from '../core/range';
import { SourceRanges } from '../core/source-ranges';
import type { ReportModel } from '../report/types';
import type { LintJobResult } from './lint-job';

/**
 * A value as it crosses from the lint thread to the server's thread: JSON text, or the value itself (structured
 * clone) when its JSON would not give it back. JSON writes NaN and ±Infinity as `null`, so a JSON text holding
 * `null` anywhere (even inside a string) goes as the value: the check is one scan, never a wrong answer.
 */
type Packed<T> = { json: string } | { value: T };

/**
 * A lint result as the lint thread posts it. Why JSON for the three big parts: they are hundreds of thousands of
 * small plain objects (on the bench's 1,000-source manifest 2.7 MB as V8 serializes them: the manifest with its
 * ranges, the findings, the report model), and V8's structured clone wrote them at about 1.5× and read them at
 * about 5× the CPU of `JSON.stringify` and `JSON.parse` (docs/benchmarks.md); the reading side is the server's own
 * thread, which answers nothing meanwhile. The rest (maps of profiles and resolved files, the text) goes by structured clone.
 */
export interface WireResult extends Omit<LintJobResult, 'result' | 'report'> {
  result: Omit<LintJobResult['result'], 'manifest' | 'findings'> & { manifest?: Packed<Manifest>; findings: Packed<Finding[]> };
  report?: Packed<ReportModel>;
}

function pack<T>(value: T): Packed<T> {
  const json = JSON.stringify(value);
  return json.includes('null') ? { value: withPlainRanges(value) } : { json };
}

/**
 * A copy of `value` with each TextRange in its arrays and objects written as the plain Range it stands for, and each
 * source's SourceRanges as the record of them: a structured clone copies an object's own fields, not its getters, so
 * a TextRange would arrive as two offsets without the positions, and a SourceRanges as none. Objects of the model's classes (a dialect's new sources) are copied as plain objects, as
 * the clone would; built-in objects with contents of their own (Maps, Sets, dates, buffers) are kept as they are.
 */
export function withPlainRanges<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof TextRange) return value.toJSON() as T;
  if (value instanceof SourceRanges) return withPlainRanges(value.toJSON()) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withPlainRanges(item)) as T;
  if (hasOwnContents(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = withPlainRanges(item);
  return copy as T;
}

function hasOwnContents(value: object): boolean {
  return value instanceof Map || value instanceof Set || value instanceof Date || value instanceof RegExp || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function unpack<T>(packed: Packed<T>): T {
  return 'json' in packed ? (JSON.parse(packed.json) as T) : packed.value;
}

export function packResult(answer: LintJobResult): WireResult {
  const { manifest, findings, ...rest } = answer.result;
  const { report, ...others } = answer;
  return {
    ...others,
    result: { ...rest, ...(manifest ? { manifest: pack(manifest) } : {}), findings: pack(findings) },
    ...(report ? { report: pack(report) } : {}),
  };
}

export function unpackResult(wire: WireResult): LintJobResult {
  const { manifest, findings, ...rest } = wire.result;
  const { report, ...others } = wire;
  return {
    ...others,
    result: { ...rest, ...(manifest ? { manifest: unpack(manifest) } : {}), findings: unpack(findings) },
    ...(report ? { report: unpack(report) } : {}),
  };
}
