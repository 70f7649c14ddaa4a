import { strict as assert } from 'node:assert';
import { effectiveRules, parseConfig } from '../../../../src/core/config';
import { lint } from '../../../../src/core/lint';
import { parseManifest } from '../../../../src/core/parse';
import { ruleById } from '../../../../src/core/rules/index';
import { lintSpec } from '../helpers';

describe('manifest-invalid', () => {
  it('is a registered rule whose severity a config can set (the parser produces its findings)', () => {
    assert.equal(ruleById('manifest-invalid')?.defaultSeverity, 'error');
    const { findings } = parseConfig('/w/.synthlint.yaml', 'rules: { manifest-invalid: warning }');
    assert.deepEqual(findings, []);
  });

  it('adds no findings of its own to a valid manifest', () => {
    assert.deepEqual(lintSpec({ sources: [{ id: 'h', origin: 'human' }] }), []);
  });

  it('reports the parser’s findings through lint, at the configured severity', () => {
    const file = '/w/a.dataset.yaml';
    const text = 'sources:\n  - id: a\n    origin: human\n    rows: many\n    files: [a.jsonl]\n';
    const run = (config: string) =>
      lint({ file, text, parse: parseManifest(file, text), rules: effectiveRules(parseConfig('/w/.synthlint.yaml', config).config, file, '/w') })
        .filter((f) => f.ruleId === 'manifest-invalid')
        .map((f) => `${f.severity} ${f.range.start.line}`);
    assert.deepEqual(run(''), ['error 3']);
    assert.deepEqual(run('rules: { manifest-invalid: warning }'), ['warning 3']);
  });
});
