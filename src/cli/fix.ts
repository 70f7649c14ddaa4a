/**
 * `check --fix` and `--fix-dry-run`: the safe quick fixes of the rules (`Fix.safe`, the same fix objects the
 * editor offers as code actions, never a second implementation), applied to the manifests that were linted
 * and to nothing else: not to data files, not to configs, not to a file that changed since it was read.
 */
import { promises as fsp } from 'node:fs';
import type { Fix } from '../core/finding';
import { applyEdits, chooseFixes, type OffsetEdit } from '../core/text-edits';
import type { LintedFile } from '../project/index';

/** The safe fixes of one manifest that apply together, as offsets into the text that was linted. */
export interface FixPlan {
  file: string;
  text: string;
  fixes: Fix[];
  edits: OffsetEdit[];
}

export function planFixes(linted: LintedFile): FixPlan | undefined {
  if (!linted.manifest) return undefined;
  const safe = linted.findings
    .filter((f) => f.file === linted.file)
    .flatMap((f) => (f.fixes ?? []).filter((fix) => fix.safe === true && (fix.file ?? f.file) === linted.file));
  if (safe.length === 0) return undefined;
  const { chosen, edits } = chooseFixes(linted.text, safe);
  return { file: linted.file, text: linted.text, fixes: chosen, edits };
}

/** Writes a plan's edits, or says why not (the file changed on disk after it was linted, or cannot be written). */
export async function applyPlan(plan: FixPlan): Promise<string | undefined> {
  try {
    if ((await fsp.readFile(plan.file, 'utf8')) !== plan.text) return 'it changed while synthlint was checking it';
    await fsp.writeFile(plan.file, applyEdits(plan.text, plan.edits));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
