import { pathToFileURL } from 'node:url';
import type { Finding, Severity, SeveritySetting } from '../../core/finding';
import type { Range } from '../../core/range';
import type { Rule } from '../../core/rule';
import { ruleDocsUrl } from '../../core/rules/docs-url';
import { displayPath } from '../../core/paths';
import { terminalJson } from '../terminal-text';
import type { FormatContext, TextFormatter } from './types';

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it (docs.github.com "SARIF support for code scanning"):
 * one run, `tool.driver` with every rule (id, descriptions, helpUri, default level), and one result per
 * finding with `ruleId` + `ruleIndex`, a level, and a physical location whose URI is relative to
 * `%SRCROOT%` (the working folder) so it maps onto the repository checkout. Columns are UTF-16 code units,
 * as in LSP, and SARIF's `endColumn` is exclusive, as LSP's end character is.
 */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/synthlint/synthlint';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel; enabled: boolean };
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export const formatSarif: TextFormatter = (results, context) => {
  const findings = results.flatMap((r) => r.findings);
  const descriptors = ruleTable(context.rules, findings);
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'synthlint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, indexOf.get(f.ruleId) ?? 0, context)),
      },
    ],
  };
  return `${terminalJson(JSON.stringify(log, null, 2))}\n`;
};

/** Every registered rule, then any id only a finding names (a config or suppression problem), so each result has a rule to point at. */
function ruleTable(rules: readonly Rule[], findings: readonly Finding[]): ReportingDescriptor[] {
  const table = rules.map((r) => descriptor(r.id, r.description, r.defaultSeverity));
  const known = new Set(table.map((d) => d.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    table.push(descriptor(f.ruleId, `synthlint: ${f.ruleId}`, f.severity));
  }
  return table;
}

function descriptor(id: string, description: string, severity: SeveritySetting): ReportingDescriptor {
  const helpUri = ruleDocsUrl(id);
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri,
    help: { text: `${description} See ${helpUri}`, markdown: `${description} [Documentation](${helpUri})` },
    defaultConfiguration: severity === 'off' ? { level: 'note', enabled: false } : { level: LEVEL[severity], enabled: true },
  };
}

function result(finding: Finding, ruleIndex: number, context: FormatContext) {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physical(finding.file, finding.range, context) }],
    ...(finding.related?.length
      ? {
          relatedLocations: finding.related.map((r, id) => ({
            id,
            message: { text: r.message },
            physicalLocation: physical(r.file, r.range, context),
          })),
        }
      : {}),
    ...(finding.sourceId !== undefined ? { properties: { sourceId: finding.sourceId } } : {}),
  };
}

function physical(file: string, range: Range, context: FormatContext) {
  const shown = displayPath(file, context.cwd);
  const artifactLocation =
    shown === file ? { uri: pathToFileURL(file).href } : { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { artifactLocation, region: region(range) };
}

/** SARIF lines and columns are 1-based; a region must not end before it starts. */
function region(range: Range): Region {
  const startLine = range.start.line + 1;
  const startColumn = range.start.character + 1;
  const endLine = Math.max(range.end.line + 1, startLine);
  const endColumn = endLine === startLine ? Math.max(range.end.character + 1, startColumn) : range.end.character + 1;
  return { startLine, startColumn, endLine, endColumn };
}

function folderUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
