import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDocument, visit } from 'yaml';
import type { Finding } from '../../../src/core/finding';
import { applySuppressions, isSuppressed, parseSuppressions, type SuppressionDirective } from '../../../src/core/suppressions';
import { at, lintSpec } from './helpers';

/** Three sources of unknown origin: provenance-missing reports each on its `- id:` line. */
function unknownSources(before: Record<string, string[]>, header: string[] = []): string[] {
  const ids = ['a', 'b', 'c'];
  return lintSpec({ header, sources: ids.map((id) => ({ id, before: before[id] ?? [] })) })
    .map((f) => `${f.ruleId}${f.sourceId === undefined ? '' : `:${f.sourceId}`}`);
}

describe('suppressions', () => {
  it('disable-next-line suppresses the named rule on the next line only', () => {
    assert.deepEqual(unknownSources({ b: ['  # synthlint-disable-next-line provenance-missing'] }), ['provenance-missing:a', 'provenance-missing:c']);
  });

  it('disable-next-line accepts several rules separated by commas, and a reason after --', () => {
    const found = unknownSources({ a: ['  # synthlint-disable-next-line generator-terms, provenance-missing -- seeds are ours'] });
    assert.deepEqual(found, ['provenance-missing:b', 'provenance-missing:c']);
  });

  it('disable-next-line for another rule suppresses nothing', () => {
    assert.deepEqual(unknownSources({ a: ['  # synthlint-disable-next-line source-missing'] }).length, 3);
  });

  it('disable ... enable suppresses a block', () => {
    const found = unknownSources({ a: ['  # synthlint-disable provenance-missing'], c: ['  # synthlint-enable provenance-missing'] });
    assert.deepEqual(found, ['provenance-missing:c']);
  });

  it('disable without rules suppresses every rule until enable', () => {
    assert.deepEqual(unknownSources({}, ['# synthlint-disable']), []);
    assert.deepEqual(unknownSources({ c: ['  # synthlint-enable'] }, ['# synthlint-disable']), ['provenance-missing:c']);
  });

  it('enable of one rule after disable-all re-enables only that rule', () => {
    const directives = parseSuppressions('/m.dataset.yaml', '# synthlint-disable\n# synthlint-enable source-missing\nx: 1\n');
    assert.equal(isSuppressed(directives, 'source-missing', 2), false);
    assert.equal(isSuppressed(directives, 'provenance-missing', 2), true);
  });

  it('reads a trailing directive after a plain scalar with an apostrophe or a quote inside it', () => {
    for (const line of ["  - id: it's  # synthlint-disable-line provenance-missing", '  - id: 5"  # synthlint-disable-line provenance-missing', "    description: Alpaca's seeds, 'the' # synthlint-disable-line x", "  - id: 'it''s'  # synthlint-disable-line x", '  - id: "a\\"b"  # synthlint-disable-line x']) {
      assert.deepEqual(parseSuppressions('/m.dataset.yaml', `sources:\n${line}\n`).map((d) => [d.kind, d.line]), [['disable-line', 1]], line);
    }
  });

  it('takes a trailing directive for a comment exactly where yaml does (not inside a quoted scalar, not after an apostrophe)', () => {
    const piece = fc.constantFrom('a', "'", '"', "''", '\\', ' ', 'b c', "it's", '#', ':', ': ', '- ', '[', ']', ',', '{', '}', 'x"y', '\t');
    fc.assert(
      fc.property(fc.constantFrom('k: ', '- ', '', 'k: [', '- k: ', '  '), fc.array(piece, { minLength: 1, maxLength: 5 }), (start, pieces) => {
        const line = `${start}${pieces.join('')}  # synthlint-disable-line x`;
        const doc = parseDocument(`${line}\n`);
        if (doc.errors.length > 0) return;
        let inScalar = false;
        visit(doc, { Scalar: (_key, node) => void (inScalar ||= String(node.value).includes('synthlint-disable')) });
        assert.equal(parseSuppressions('/m.dataset.yaml', `${line}\n`).length, inScalar ? 0 : 1, JSON.stringify(line));
      }),
      { numRuns: 3000 },
    );
  });

  it('disable-line suppresses findings on its own line', () => {
    const directives = parseSuppressions('/m.dataset.yaml', 'sources:\n  - id: a  # synthlint-disable-line provenance-missing\n');
    assert.equal(isSuppressed(directives, 'provenance-missing', 1), true);
    assert.equal(isSuppressed(directives, 'provenance-missing', 2), false);
  });

  it('ignores the directive inside a quoted string, in JSON, and in Markdown outside front matter', () => {
    assert.deepEqual(parseSuppressions('/m.dataset.yaml', 'note: "# synthlint-disable"\n'), []);
    for (const line of ["note: 'it''s # synthlint-disable'", "- 'a # synthlint-disable'", 'k: [x, "a \\" # synthlint-disable"]', "{a: 'x # synthlint-disable'}"]) {
      assert.deepEqual(parseSuppressions('/m.dataset.yaml', `${line}\n`), [], line);
    }
    assert.deepEqual(parseSuppressions('/m.dataset.json', '# synthlint-disable\n'), []);
    const card = '---\n# synthlint-disable provenance-missing\n---\n# synthlint-disable\n';
    assert.deepEqual(parseSuppressions('/d/README.md', card).map((d) => d.line), [1]);
  });

  it('reports an unknown rule in a comment as info, at the id, with a suggestion, and still applies the known ones', () => {
    const findings = lintSpec({ sources: [{ id: 'a', before: ['  # synthlint-disable-next-line provenance-mising, provenance-missing'] }] });
    assert.deepEqual(
      findings.map((f) => `${at(f.range)} ${f.ruleId} ${f.severity} ${f.message}`),
      ["2:33 suppression-invalid info synthlint-disable-next-line names an unknown rule 'provenance-mising'. Did you mean 'provenance-missing'?"],
    );
  });

  it('also suppresses parse findings (manifest-invalid)', () => {
    const directives = parseSuppressions('/m.dataset.yaml', '# synthlint-disable-next-line manifest-invalid\nbad: [\n');
    assert.equal(isSuppressed(directives, 'manifest-invalid', 1), true);
  });

  it('drops the findings isSuppressed suppresses, with or without block directives, and only in the file', () => {
    const ids = ['source-missing', 'generator-terms'];
    const onLine = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
    const directive: fc.Arbitrary<SuppressionDirective> = fc.record({
      kind: fc.constantFrom('disable-next-line' as const, 'disable-line' as const, 'disable' as const, 'enable' as const),
      line: fc.nat(6),
      rules: fc.subarray(ids).map((named) => named.map((id) => ({ id, range: onLine(0) }))),
    });
    const finding: fc.Arbitrary<Finding> = fc.record({
      ruleId: fc.constantFrom(...ids),
      severity: fc.constant('warning' as const),
      message: fc.constant('m'),
      file: fc.constantFrom('/m/a.yaml', '/m/.synthlint.yaml'),
      range: fc.nat(8).map(onLine),
    });
    fc.assert(
      fc.property(fc.boolean(), fc.array(directive, { maxLength: 5 }), fc.array(finding, { maxLength: 12 }), (linesOnly, all, findings) => {
        const directives = (linesOnly ? all.filter((d) => d.kind === 'disable-next-line' || d.kind === 'disable-line') : all).sort((a, b) => a.line - b.line);
        const expected = findings.filter((f) => f.file !== '/m/a.yaml' || !isSuppressed(directives, f.ruleId, f.range.start.line));
        assert.deepEqual(applySuppressions(findings, directives, '/m/a.yaml'), expected);
      }),
      { numRuns: 3000 },
    );
  });
});
