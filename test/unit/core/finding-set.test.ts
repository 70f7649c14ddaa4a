/**
 * FindingSet keeps a finding unless one with the same file, rule, range and message is in: the identity that a key
 * joining those fields gave (check's groupByFile and the server's FindingsByFile used such keys).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Finding } from '../../../src/core/finding';
import { FindingSet } from '../../../src/core/finding-set';

const small = fc.integer({ min: 0, max: 2 });
/** Findings from few values per field, so many share a message, a file or a range and differ in one field only. */
const finding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.constantFrom('source-missing', 'recursive-generation'),
  severity: fc.constantFrom('error' as const, 'warning' as const),
  message: fc.constantFrom('a', 'b'),
  file: fc.constantFrom('/m/a.yaml', '/m/.synthlint.yaml'),
  range: fc.record({ start: fc.record({ line: small, character: small }), end: fc.record({ line: small, character: small }) }),
});

function key(f: Finding): string {
  const { start, end } = f.range;
  return JSON.stringify([f.file, f.ruleId, start.line, start.character, end.line, end.character, f.message]);
}

describe('FindingSet', () => {
  it('adds exactly the findings whose file, rule, range and message were not seen (severity aside)', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), (findings) => {
        const set = new FindingSet();
        const keys = new Set<string>();
        for (const f of findings) {
          const fresh = !keys.has(key(f));
          keys.add(key(f));
          assert.equal(set.add(f), fresh, JSON.stringify(f));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
