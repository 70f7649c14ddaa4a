import type { Finding } from '../core/finding';
import { ZERO_RANGE } from '../core/range';

/** The short reason of an I/O error (`ENOENT`, `EACCES`, ...), or its text. */
export function errorReason(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** A file that could not be read, as a finding at its first character (there is no better position). */
export function readFailure(file: string, ruleId: string, what: string, error: unknown): Finding {
  return { ruleId, severity: 'error', message: `Cannot read ${what}: ${errorReason(error)}.`, file, range: ZERO_RANGE };
}
