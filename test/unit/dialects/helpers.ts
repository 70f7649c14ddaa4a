import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../src/core/finding';
import type { Range } from '../../../src/core/range';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/manifests');

export function fixture(name: string): { file: string; text: string } {
  const file = path.join(FIXTURES, name);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/** `[line, character, endLine, endCharacter]`, zero-based as in LSP: short to write, easy to read in a failure. */
export type Span = [number, number, number, number];

export function span(range: Range | undefined): Span | undefined {
  return range && [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** The text a range covers, so tests can say what a range points at as well as where. */
export function textAt(text: string, range: Range | undefined): string | undefined {
  if (!range) return undefined;
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** The one finding whose message contains `fragment`; fails if there is none or more than one. */
export function findingWith(findings: readonly Finding[], fragment: string): Finding {
  const matches = findings.filter((f) => f.message.includes(fragment));
  assert.equal(matches.length, 1, `expected one finding with "${fragment}", got: ${findings.map((f) => f.message).join(' | ')}`);
  const [only] = matches;
  assert.ok(only);
  assert.equal(only.ruleId, 'manifest-invalid');
  assert.equal(only.severity, 'error');
  return only;
}
