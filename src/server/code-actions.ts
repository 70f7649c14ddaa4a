import { basename } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Fix } from '../core/finding';
import type { Range } from '../core/range';
import { ruleDocsUrl } from '../core/rules/docs-url';
import { toDiagnostic } from './diagnostics';
import { pathToUri } from './paths';
import { acceptsComment, disableNextLineEdit } from '../core/suppressions';
import { disableInConfigEdit, newConfigText } from './suppress-edits';

export interface CodeActionInput {
  /** The manifest the actions are for, its uri as the editor names it, and its current text. */
  file: string;
  uri: string;
  text: string;
  /** The range the editor asks about (cursor or selection). */
  range: Range;
  /** The manifest's current findings in this file. */
  findings: readonly Finding[];
  /** The config governing the manifest: its file and text when one exists, else where to create one. */
  config: { file: string; text: string } | { createAt: string } | undefined;
}

/**
 * Quick fixes for the findings under the cursor: each rule's own fixes, then "disable for this line" (an
 * inline comment) and "disable in .synthlint.yaml". All are WorkspaceEdits the editor applies (and can undo);
 * the server never writes a file itself.
 */
export function codeActions(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const offered = new Set<string>();
  for (const finding of input.findings) {
    if (finding.file !== input.file || !overlaps(finding.range, input.range)) continue;
    const diagnostic = toDiagnostic(finding, ruleDocsUrl);
    for (const fix of finding.fixes ?? []) actions.push(fixAction(fix, finding, diagnostic));
    const key = `${finding.ruleId}:${finding.range.start.line}`;
    if (offered.has(key)) continue;
    offered.add(key);
    const lineEdit = acceptsComment(input.file, input.text, finding.range.start.line)
      ? disableNextLineEdit(input.file, input.text, finding.range.start.line, finding.ruleId)
      : undefined;
    if (lineEdit) {
      suppressions.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [input.uri]: [lineEdit] } },
      });
    }
    const configEdit = input.config && disableInConfig(input.config, finding.ruleId);
    if (input.config && configEdit && !offered.has(`config:${finding.ruleId}`)) {
      offered.add(`config:${finding.ruleId}`);
      suppressions.push({
        title: `Disable ${finding.ruleId} in ${configName(input.config)}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: configEdit,
      });
    }
  }
  return [...actions, ...suppressions];
}

function fixAction(fix: Fix, finding: Finding, diagnostic: Diagnostic): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(fix.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [pathToUri(fix.file ?? finding.file)]: fix.edits } },
  };
}

type ConfigTarget = NonNullable<CodeActionInput['config']>;

function disableInConfig(config: ConfigTarget, ruleId: string): WorkspaceEdit | undefined {
  if ('file' in config) {
    const edit = disableInConfigEdit(config.text, ruleId, config.file.endsWith('.json'));
    return edit ? { changes: { [pathToUri(config.file)]: [edit] } } : undefined;
  }
  // No config yet: create one. CreateFile + an insert, so the editor shows it as an undoable change.
  const uri = pathToUri(config.createAt);
  const at = { line: 0, character: 0 };
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: at, end: at }, newText: newConfigText(ruleId, false) }] },
    ],
  };
}

function configName(config: ConfigTarget): string {
  return basename('file' in config ? config.file : config.createAt);
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Ranges touch or overlap: a cursor at either end of a finding still gets its fixes. */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
