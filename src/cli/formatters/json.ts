import type { EffectiveRules } from '../../core/config-types';
import type { Finding, Fix, Severity } from '../../core/finding';
import type { Manifest, MixtureWeight, Origin, OriginEvidence, Source } from '../../core/manifest';
import type { SourceProfile } from '../../core/profile';
import { LineIndex } from '../../core/range';
import { configuredMixedWeight, shareSummary, syntheticShares, type ShareSummary, type SyntheticShares } from '../../core/ratios';
import { ruleDocsUrl } from '../../core/rules/docs-url';
import { terminalJson } from '../terminal-text';
import { countSeverities, type FileResult, type TextFormatter } from './types';

/**
 * ESLint's JSON shape, so tools that read ESLint results (CI annotators, dashboards) read these too:
 * numeric `severity` (2 error, 1 warning; an `info` is 1 as well, with `level` saying which), 1-based
 * `line`/`column`, exclusive `endColumn`, and as in ESLint `fix` is what `--fix` would apply (the finding's safe
 * fix) while the fixes that need a decision (a choice, a placeholder) are `suggestions`, both as character
 * offsets; tools that apply ESLint's `fix` unattended so never write a guess.
 * Added: `level`, `docsUrl`, `sourceId`, `data`, and for manifests the synthetic shares by rows, tokens and weight and
 * the sources (docs/ci.md *JSON output*).
 */
export interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  level: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  docsUrl: string;
  sourceId?: string;
  fix?: OffsetFix;
  suggestions?: { desc: string; fix: OffsetFix }[];
  data?: Record<string, unknown>;
}

export interface OffsetFix {
  range: [number, number];
  text: string;
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  dialect?: string;
  shares?: SyntheticShares;
  /** The synthetic share every view leads with, in the same words (core/ratios.ts shareSummary). */
  syntheticShare?: ShareSummary;
  /** Each source's origin and where it came from (declared, comment, registry with its citation, name, none). */
  sources?: JsonSource[];
}

export interface JsonSource {
  id: string;
  origin: Origin;
  evidence: OriginEvidence;
  dataset?: string;
  generator?: string;
  /** The mixture weight as the file wrote it, and what it holds (manifest.ts WeightKind). */
  weight?: MixtureWeight;
  /** `eval` for data the config evaluates on (left out of the shares); absent for training data. */
  role?: Source['role'];
}

export const formatJson: TextFormatter = (results) => `${terminalJson(JSON.stringify(results.map(toJson), null, 2))}\n`;

function toJson(result: FileResult): JsonFileResult {
  const index = result.text === undefined ? undefined : new LineIndex(result.text);
  const messages = result.findings.map((f) => message(f, result.file, index));
  const fixable = result.findings.filter((_, i) => messages[i]?.fix !== undefined);
  const fixableCounts = countSeverities(fixable);
  return {
    filePath: result.file,
    messages,
    ...countSeverities(result.findings),
    fixableErrorCount: fixableCounts.errorCount,
    fixableWarningCount: fixableCounts.warningCount,
    ...(result.manifest ? manifestFigures(result.manifest, result.profiles, result.rules) : {}),
  };
}

/** The shares on every basis, and the one every view leads with, in its words (core/ratios.ts). */
function manifestFigures(
  manifest: Manifest,
  profiles: ReadonlyMap<string, SourceProfile> | undefined,
  rules: EffectiveRules | undefined,
): Pick<JsonFileResult, 'dialect' | 'shares' | 'syntheticShare' | 'sources'> {
  const shares = syntheticShares(manifest, profiles);
  const sources = manifest.sources.map((s) => ({
    id: s.id,
    origin: s.origin,
    evidence: s.originEvidence ?? { kind: s.origin === 'unknown' ? ('none' as const) : ('declared' as const) },
    ...(s.dataset === undefined ? {} : { dataset: s.dataset }),
    ...(s.generator === undefined ? {} : { generator: s.generator.model }),
    ...(s.weight === undefined ? {} : { weight: { ...s.weight } }),
    ...(s.role === undefined ? {} : { role: s.role }),
  }));
  return { dialect: manifest.dialect, shares, syntheticShare: shareSummary(shares, configuredMixedWeight(rules)), sources };
}

function message(finding: Finding, file: string, index: LineIndex | undefined): JsonMessage {
  const { start, end } = finding.range;
  const safe = finding.fixes?.find((f) => f.safe === true);
  const fix = index && safe ? offsetFix(safe, file, index) : undefined;
  const suggestions = index
    ? (finding.fixes ?? []).flatMap((f) => {
        const offsets = f === safe ? undefined : offsetFix(f, file, index);
        return offsets ? [{ desc: f.title, fix: offsets }] : [];
      })
    : [];
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    level: finding.severity,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    docsUrl: ruleDocsUrl(finding.ruleId),
    ...(finding.sourceId !== undefined ? { sourceId: finding.sourceId } : {}),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
    ...(finding.data ? { data: finding.data } : {}),
  };
}

/** ESLint's `fix` is one replacement in the same file; fixes with several edits or in other files are left to the editor. */
function offsetFix(fix: Fix, file: string, index: LineIndex): OffsetFix | undefined {
  const edit = fix.edits[0];
  if (!edit || fix.edits.length !== 1 || (fix.file !== undefined && fix.file !== file)) return undefined;
  return { range: [index.offsetAt(edit.range.start), index.offsetAt(edit.range.end)], text: edit.newText };
}
