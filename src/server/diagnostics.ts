import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/finding';
import { FindingSet } from '../core/finding-set';
import { pathToUri } from './paths';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A finding as the editor shows it: the rule id as the code, linked to its docs page. */
export function toDiagnostic(finding: Finding, docsUrl: (ruleId: string) => string | undefined): Diagnostic {
  const href = docsUrl(finding.ruleId);
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: 'synthlint',
    message: finding.message,
  };
  if (href !== undefined) diagnostic.codeDescription = { href };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: pathToUri(r.file), range: r.range },
      message: r.message,
    }));
  }
  return diagnostic;
}

export type PublishFn = (file: string, findings: Finding[]) => void;

/**
 * Findings land in files other than the one linted (a manifest's config findings go to `.synthlint.yaml`), and
 * several manifests may report into one file. This keeps each origin's contribution and publishes, for every file
 * touched, the union of all origins — so clearing one manifest never wipes another's findings on a shared config.
 */
export class FindingsByFile {
  private readonly byOrigin = new Map<string, Map<string, Finding[]>>();

  constructor(private readonly publish: PublishFn) {}

  set(origin: string, findings: readonly Finding[]): void {
    const previous = this.byOrigin.get(origin);
    const next = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = next.get(f.file);
      if (list) list.push(f);
      else next.set(f.file, [f]);
    }
    this.byOrigin.set(origin, next);
    const touched = new Set([...(previous?.keys() ?? []), ...next.keys()]);
    for (const file of touched) this.publish(file, this.findingsIn(file));
  }

  delete(origin: string): void {
    this.set(origin, []);
    this.byOrigin.delete(origin);
  }

  findingsIn(file: string): Finding[] {
    const seen = new FindingSet();
    const out: Finding[] = [];
    for (const perFile of this.byOrigin.values()) for (const f of perFile.get(file) ?? []) if (seen.add(f)) out.push(f);
    return out;
  }
}
