/** Every rule synthlint ships, in the order their docs list them. Data rules (needs: profiles) follow the manifest rules. */
import type { Rule } from '../rule';
import { rule as assistantArtifacts } from './assistant-artifacts';
import { rule as generatorMissing } from './generator-missing';
import { rule as generatorTerms } from './generator-terms';
import { rule as lowDiversity } from './low-diversity';
import { rule as manifestInvalid } from './manifest-invalid';
import { rule as nearDuplicates } from './near-duplicates';
import { rule as provenanceMismatch } from './provenance-mismatch';
import { rule as provenanceMissing } from './provenance-missing';
import { rule as readsMachineWritten } from './reads-machine-written';
import { rule as realDataReplaced } from './real-data-replaced';
import { rule as recursiveGeneration } from './recursive-generation';
import { rule as rowCountMismatch } from './row-count-mismatch';
import { rule as sourceMissing } from './source-missing';
import { rule as syntheticShare } from './synthetic-share';
import { rule as templateCollapse } from './template-collapse';
import { rule as unreadableData } from './unreadable-data';
import { rule as vocabularyTailLoss } from './vocabulary-tail-loss';

export const rules: readonly Rule[] = [
  syntheticShare,
  recursiveGeneration,
  realDataReplaced,
  provenanceMissing,
  generatorMissing,
  generatorTerms,
  sourceMissing,
  manifestInvalid,
  lowDiversity,
  nearDuplicates,
  templateCollapse,
  assistantArtifacts,
  vocabularyTailLoss,
  provenanceMismatch,
  readsMachineWritten,
  unreadableData,
  rowCountMismatch,
];

const byId = new Map(rules.map((r) => [r.id, r] as const));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
