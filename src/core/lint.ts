/**
 * The rules engine: runs the enabled rules over a parsed manifest, applies the configured severities and the
 * inline suppression comments, and returns every finding sorted by position. Pure and synchronous, so the
 * language server can run it on each keystroke and the CLI in CI with identical results.
 */
import type { EffectiveRules, RuleConfig } from './config-types';
import { type Finding, newFinding, type Severity, type SeveritySetting } from './finding';
import type { Manifest, ParseResult } from './manifest';
import type { SourceProfile } from './profile';
import { defaultRegistry } from './provenance/default-registry';
import type { DatasetRegistry } from './provenance/registry';
import type { ReportDescriptor, Rule, RuleContext } from './rule';
import { rules as allRules } from './rules/index';
import { applySuppressions, parseSuppressions, unknownSuppressedRules } from './suppressions';

export interface LintInput {
  /** Absolute path of the manifest. */
  file: string;
  text: string;
  parse: ParseResult;
  rules: EffectiveRules;
  profiles?: ReadonlyMap<string, SourceProfile>;
  previous?: Manifest;
  resolvedFiles?: ReadonlyMap<string, readonly string[]>;
  /** The registry the manifest was parsed with; the committed one when absent. */
  registry?: DatasetRegistry;
  /** Run the rules that need data profiles (when profiles are given too). */
  data?: boolean;
}

/** Ids that findings may carry although no rule has them; suppression comments may name them too. */
export const NON_RULE_IDS = ['config-invalid', 'suppression-invalid', 'internal-error'] as const;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A rule's severity and options for a manifest: its configured ones over its defaults (the report's views judge with them too). */
export function configFor(rule: Rule, rules: EffectiveRules): RuleConfig {
  const configured = rules.get(rule.id);
  return {
    severity: configured?.severity ?? rule.defaultSeverity,
    options: { ...rule.defaultOptions, ...configured?.options },
  };
}

/**
 * A parser or rule may grade its own findings (a parse warning, recursive-generation's errorAt). An `error`
 * takes the configured severity; a lower grade keeps its own unless the configured severity is lower still,
 * so `manifest-invalid: warning` demotes parse errors without promoting parse notes.
 */
function graded(own: Severity, configured: Severity): Severity {
  if (own === 'error') return configured;
  return RANK[own] < RANK[configured] ? own : configured;
}

/**
 * What a rule is given. A class, not an object literal with a `get registry()`: a literal's getter is a new closure
 * on every run, which V8 keeps in a new hidden class (map) reached from the literal's shared one; the young-generation
 * collector treats that link as strong, so the closure's scope (the input, so the whole parse) outlived each lint
 * until the next full collection.
 */
class RuleRun implements RuleContext {
  readonly profiles: ReadonlyMap<string, SourceProfile>;
  readonly previous: Manifest | undefined;
  readonly resolvedFiles: ReadonlyMap<string, readonly string[]> | undefined;
  readonly text: string;

  constructor(
    readonly manifest: Manifest,
    readonly options: RuleConfig['options'],
    private readonly input: LintInput,
    readonly report: (descriptor: ReportDescriptor) => void,
  ) {
    this.profiles = input.profiles ?? new Map();
    this.previous = input.previous;
    this.resolvedFiles = input.resolvedFiles;
    this.text = input.text;
  }

  /** Loaded on first use: a manifest no rule asks the registry about never pays for it. */
  get registry(): DatasetRegistry {
    return this.input.registry ?? defaultRegistry();
  }
}

function runRule(rule: Rule, config: RuleConfig & { severity: Severity }, manifest: Manifest, input: LintInput): Finding[] {
  const findings: Finding[] = [];
  const report = (d: ReportDescriptor): void => {
    // Fields set one by one rather than spread from `{}` or `{ sourceId }`: rules report hundreds of findings on a
    // large manifest on every keystroke, and each spread was an object of garbage. Same keys in the same order.
    const finding = newFinding(rule.id, d.severity === 'error' ? 'error' : config.severity, d.message, d.file ?? input.file, d.range);
    if (d.sourceId !== undefined) finding.sourceId = d.sourceId;
    if (d.fixes !== undefined) finding.fixes = d.fixes;
    if (d.related !== undefined) finding.related = d.related;
    if (d.data !== undefined) finding.data = d.data;
    findings.push(finding);
  };
  try {
    rule.check(new RuleRun(manifest, config.options, input, report));
    return findings;
  } catch (error) {
    // A throwing rule is a bug in synthlint. Say so where the user looks, keep the other rules' findings.
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        ruleId: 'internal-error',
        severity: 'error',
        message: `Rule '${rule.id}' crashed: ${reason}. This is a bug in synthlint; please report it with this manifest.`,
        file: input.file,
        range: manifest.ranges.self,
        data: { rule: rule.id },
      },
    ];
  }
}

function isEnabled(setting: RuleConfig): setting is RuleConfig & { severity: Severity } {
  return setting.severity !== 'off';
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    RANK[b.severity] - RANK[a.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Applies the configured severity to findings the parser (or anything but a rule run) produced. */
function configureForeign(finding: Finding, rules: EffectiveRules): Finding | undefined {
  const rule = allRules.find((r) => r.id === finding.ruleId);
  if (rule === undefined) return finding;
  const severity: SeveritySetting = configFor(rule, rules).severity;
  if (severity === 'off') return undefined;
  return { ...finding, severity: graded(finding.severity, severity) };
}

export function lint(input: LintInput): Finding[] {
  const findings: Finding[] = [];
  for (const finding of input.parse.findings) {
    const configured = configureForeign(finding, input.rules);
    if (configured !== undefined) findings.push(configured);
  }
  const manifest = input.parse.manifest;
  if (manifest !== undefined) {
    const withProfiles = input.data === true && input.profiles !== undefined;
    for (const rule of allRules) {
      const config = configFor(rule, input.rules);
      if (!isEnabled(config)) continue;
      if (rule.needs.includes('profiles') && !withProfiles) continue;
      findings.push(...runRule(rule, config, manifest, input));
    }
  }
  const directives = parseSuppressions(input.file, input.text);
  const known = [...allRules.map((r) => r.id), ...NON_RULE_IDS];
  const kept = applySuppressions(findings, directives, input.file);
  kept.push(...unknownSuppressedRules(directives, known, input.file));
  return kept.sort(compareFindings);
}
