import type { Rule } from '../rule';

type Options = Record<string, never>;

/**
 * The parser (src/core/parse.ts) reports syntax, type and reference errors under this id as it reads the
 * file, with exact positions; this entry gives those findings a docs page and lets a config change their
 * severity or turn them off. There is nothing left to check once a manifest model exists.
 */
export const rule: Rule<Options> = {
  id: 'manifest-invalid',
  description: 'The manifest cannot be read as written: YAML/JSON syntax, wrong types, unknown keys, duplicate or unknown ids.',
  defaultSeverity: 'error',
  needs: ['manifest'],
  docs: 'docs/rules/manifest-invalid.md',
  defaultOptions: {},
  check() {},
};
