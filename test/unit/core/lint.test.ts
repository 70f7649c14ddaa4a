import { strict as assert } from 'node:assert';
import { effectiveRules, parseConfig } from '../../../src/core/config';
import type { Finding } from '../../../src/core/finding';
import { lint } from '../../../src/core/lint';
import type { Rule } from '../../../src/core/rule';
import { rules } from '../../../src/core/rules/index';
import { MANIFEST_FILE, buildManifest, buildProfile, lintSpec, profileMap } from './helpers';

function config(text: string) {
  const { config: c, findings } = parseConfig('/work/ds/.synthlint.yaml', text);
  assert.deepEqual(findings, []);
  return c;
}

/** Temporarily registers an extra rule (as METRICS' data rules are registered) for one test. */
function withRule<T>(rule: Rule, body: () => T): T {
  const list = rules as Rule[];
  list.push(rule);
  try {
    return body();
  } finally {
    list.splice(list.indexOf(rule), 1);
  }
}

const parseError: Finding = {
  ruleId: 'manifest-invalid',
  severity: 'error',
  message: "'rows' must be a number",
  file: MANIFEST_FILE,
  range: { start: { line: 3, character: 10 }, end: { line: 3, character: 14 } },
};

describe('lint', () => {
  it('runs the manifest rules and sorts findings by position', () => {
    const findings = lintSpec({
      sources: [
        { id: 'b', origin: 'synthetic' },
        { id: 'a', origin: 'human', rows: 1 },
        { id: 'c' },
      ],
    });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line]),
      [['generator-missing', 2], ['provenance-missing', 6]],
    );
  });

  it('applies configured severities and turns rules off', () => {
    const spec = { sources: [{ id: 'c' }, { id: 's', origin: 'synthetic' as const }] };
    const findings = lintSpec(spec, { config: config('rules:\n  provenance-missing: error\n  generator-missing: off\n') });
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity}`), ['provenance-missing error']);
  });

  it('keeps parse findings, with the severity configured for manifest-invalid', () => {
    const { text, manifest } = buildManifest({ sources: [{ id: 'a', origin: 'human' }] });
    const run = (cfg?: string): string[] =>
      lint({
        file: MANIFEST_FILE,
        text,
        parse: { manifest, findings: [parseError, { ...parseError, severity: 'info', message: 'a note' }] },
        rules: effectiveRules(cfg === undefined ? undefined : config(cfg), MANIFEST_FILE, '/work/ds'),
      }).map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
    assert.deepEqual(run(), ["manifest-invalid error 'rows' must be a number", 'manifest-invalid info a note']);
    // Demoted to warning, the parser's own info stays info; off drops them.
    assert.deepEqual(run('rules: { manifest-invalid: warning }'), ["manifest-invalid warning 'rows' must be a number", 'manifest-invalid info a note']);
    assert.deepEqual(run('rules: { manifest-invalid: off }'), []);
  });

  it('returns parse findings alone when there is no manifest model', () => {
    const findings = lint({ file: MANIFEST_FILE, text: 'sources: [', parse: { findings: [parseError] }, rules: effectiveRules(undefined, MANIFEST_FILE, '/work/ds') });
    assert.deepEqual(findings, [parseError]);
  });

  it('turns a crashing rule into an internal-error finding and keeps the other rules’ findings', () => {
    const crashing: Rule = {
      id: 'test-crash',
      description: 'throws',
      defaultSeverity: 'warning',
      needs: ['manifest'],
      docs: 'docs/rules/test-crash.md',
      defaultOptions: {},
      check() {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    };
    const findings = withRule(crashing, () => lintSpec({ sources: [{ id: 'u' }] }));
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}`),
      ['internal-error error 0', 'provenance-missing warning 1'],
    );
    assert.match(findings[0]?.message ?? '', /Rule 'test-crash' crashed: Cannot read properties of undefined.*bug in synthlint/);
  });

  describe('rules that need profiles', () => {
    const seen: number[] = [];
    const dataRule: Rule = {
      id: 'test-data',
      description: 'reports the records of each profile',
      defaultSeverity: 'info',
      needs: ['manifest', 'profiles'],
      docs: 'docs/rules/test-data.md',
      defaultOptions: {},
      check(ctx) {
        for (const [id, p] of ctx.profiles) {
          seen.push(p.records);
          ctx.report({ message: `${id}: ${p.records} records`, range: ctx.manifest.ranges.self });
        }
      },
    };
    const profiles = profileMap(buildProfile('a', { records: 42 }));
    const spec = { sources: [{ id: 'a', origin: 'human' as const }] };

    it('are skipped (not failed) without profiles or without data: true', () => {
      withRule(dataRule, () => {
        assert.deepEqual(lintSpec(spec, { data: true }), []);
        assert.deepEqual(lintSpec(spec, { profiles }), []);
      });
      assert.deepEqual(seen, []);
    });

    it('run with data: true and profiles', () => {
      const findings = withRule(dataRule, () => lintSpec(spec, { data: true, profiles }));
      assert.deepEqual(findings.map((f) => f.message), ['a: 42 records']);
    });
  });

  it('applies suppression comments to rule findings', () => {
    const findings = lintSpec({ sources: [{ id: 'u', before: ['  # synthlint-disable-next-line provenance-missing'] }] });
    assert.deepEqual(findings, []);
  });

  it('lets a graded rule raise its finding to error whatever the configured severity', () => {
    const spec = {
      sources: [
        { id: 'h', origin: 'human' as const },
        { id: 'g3', origin: 'synthetic' as const, generator: { model: 'm', generation: 3 } },
      ],
    };
    const findings = lintSpec(spec, { config: config('rules: { recursive-generation: info }') });
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity}`), ['recursive-generation error']);
  });
});
