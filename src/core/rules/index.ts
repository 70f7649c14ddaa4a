/** Every rule synthlint ships, in the order their docs list them. Data rules (needs: profiles) follow the manifest rules. */
import type { Rule } from '../rule';
import { rule as generatorMissing } from './generator-missing';
import { rule as generatorTerms } from './generator-terms';
import { rule as manifestInvalid } from './manifest-invalid';
import { rule as provenanceMissing } from './provenance-missing';
import { rule as realDataReplaced } from './real-data-replaced';
import { rule as recursiveGeneration } from './recursive-generation';
import { rule as sourceMissing } from './source-missing';
import { rule as syntheticShare } from './synthetic-share';

export const rules: readonly Rule[] = [
  syntheticShare,
  recursiveGeneration,
  realDataReplaced,
  provenanceMissing,
  generatorMissing,
  generatorTerms,
  sourceMissing,
  manifestInvalid,
];

const byId = new Map(rules.map((r) => [r.id, r] as const));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
