import type { Finding } from '../core/finding';
import { ZERO_RANGE } from '../core/range';
import type { ReadProblem } from '../analyzer/open-file';

/** A file that could not be read, as a finding where the problem is (the first bad byte), else at its first character. */
export function readFailure(file: string, ruleId: string, problem: ReadProblem): Finding {
  const range = problem.position ? { start: problem.position, end: { line: problem.position.line, character: problem.position.character + 1 } } : ZERO_RANGE;
  return { ruleId, severity: 'error', message: problem.message, file, range };
}
