import { strict as assert } from 'node:assert';
import { effectiveRules, parseConfig } from '../../../src/core/config';
import type { Config } from '../../../src/core/config-types';
import { at } from './helpers';

const CONFIG = '/repo/.synthlint.yaml';

function parsed(text: string, file = CONFIG): Config {
  const { config, findings } = parseConfig(file, text);
  assert.deepEqual(findings, [], 'expected a valid config');
  assert.ok(config);
  return config;
}

/** Findings as "line:col severity message" for readable assertions. */
function problems(text: string, file = CONFIG): string[] {
  return parseConfig(file, text).findings.map((f) => `${at(f.range)} ${f.severity} ${f.message}`);
}

describe('config', () => {
  describe('parseConfig', () => {
    it('reads data: exact, full and sampleAbove (a size with units, or a bare number of MB)', () => {
      assert.deepEqual(parsed('data:\n  exact: true\n').data, { exact: true });
      assert.deepEqual(parsed('data:\n  full: true\n').data, { full: true });
      assert.deepEqual(parsed('data:\n  sampleAbove: 64MB\n').data, { sampleAboveBytes: 64 * 2 ** 20 });
      assert.deepEqual(parsed('data:\n  sampleAbove: 2\n').data, { sampleAboveBytes: 2 * 2 ** 20 });
    });

    it('reports a bad data setting where it is, with a did-you-mean, and refuses a sample with exact', () => {
      assert.deepEqual(problems('data:\n  exakt: true\n'), ["2:3 error Unknown data setting 'exakt' (one of exact, full, sampleAbove). Did you mean 'exact'?"]);
      assert.deepEqual(problems('data:\n  sampleAbove: lots\n'), [
        "2:16 error 'data.sampleAbove' is a size such as 64MB: 'lots' is not a size: write a number with a unit, e.g. 64MB, 1.5GB or 512KB (a bare number is MB).",
      ]);
      assert.deepEqual(problems('data:\n  exact: yes please\n'), ["2:10 error 'data.exact' is true or false, not the string \"yes please\"."]);
      assert.deepEqual(problems('data: [exact]\n'), ["1:7 error 'data' is a mapping of exact, full and sampleAbove, not a list."]);
      const both = parseConfig(CONFIG, 'data:\n  exact: true\n  sampleAbove: 1GB\n');
      assert.deepEqual(
        both.findings.map((f) => f.message),
        ["'exact: true' reads every record and computes every figure exactly; leave out 'sampleAbove'."],
      );
      assert.equal(both.config?.data, undefined, 'a contradictory request is not half-applied');
    });

    it('reads remote: enabled, limits and endpoints, and reports a bad one where it is', () => {
      assert.deepEqual(parsed('remote:\n  enabled: true\n  budgetMB: 4\n  timeoutSeconds: 5\n  retries: 0\n  hfEndpoint: http://hub.local\n').remote, {
        enabled: true,
        budgetMB: 4,
        timeoutSeconds: 5,
        retries: 0,
        hfEndpoint: 'http://hub.local',
      });
      assert.deepEqual(problems('remote:\n  enable: true\n'), [
        "2:3 error Unknown remote setting 'enable' (one of enabled, budgetMB, timeoutSeconds, retries, hfEndpoint, s3Endpoint). Did you mean 'enabled'?",
      ]);
      assert.deepEqual(problems('remote:\n  budgetMB: 0\n'), ["2:13 error 'remote.budgetMB' is a whole number of at least 1, not the number 0."]);
      assert.deepEqual(problems('remote:\n  s3Endpoint: minio\n'), ["2:15 error 'remote.s3Endpoint' is an http(s) URL, not the string \"minio\"."]);
    });

    it('reads extends, rules (severity and [severity, options]), overrides, manifests and ignore', () => {
      const config = parsed(
        [
          'extends: strict',
          'rules:',
          '  generator-terms: off',
          '  synthetic-share: [warning, { max: 0.3, basis: tokens }]',
          'overrides:',
          '  - files: "mixtures/**"',
          '    rules:',
          '      provenance-missing: info',
          'manifests: ["**/*.dataset.yaml"]',
          'ignore:',
          '  - vendor/**',
        ].join('\n'),
      );
      assert.deepEqual(config.extends, ['strict']);
      assert.deepEqual(config.rules.get('generator-terms'), { severity: 'off' });
      assert.deepEqual(config.rules.get('synthetic-share'), { severity: 'warning', options: { max: 0.3, basis: 'tokens' } });
      assert.deepEqual(config.overrides[0]?.files, ['mixtures/**']);
      assert.deepEqual(config.overrides[0]?.rules.get('provenance-missing'), { severity: 'info' });
      assert.deepEqual(config.manifests, ['**/*.dataset.yaml']);
      assert.deepEqual(config.ignore, ['vendor/**']);
    });

    it('reads the same config written as JSON', () => {
      const config = parsed('{ "extends": ["recommended"], "rules": { "source-missing": ["warning"] } }', '/repo/.synthlint.json');
      assert.deepEqual(config.rules.get('source-missing'), { severity: 'warning' });
    });

    it('accepts an empty file as the defaults', () => {
      assert.deepEqual(parsed('# nothing yet\n').rules.size, 0);
    });

    it('reports an unknown rule id where it is written, with a suggestion', () => {
      assert.deepEqual(problems('rules:\n  synthetic-shares: error\n'), [
        "2:3 error Unknown rule 'synthetic-shares'. Did you mean 'synthetic-share'?",
      ]);
    });

    it('reports a bad severity, suggesting the right word', () => {
      assert.deepEqual(problems('rules:\n  source-missing: warn\n  generator-terms: [loud]\n'), [
        "2:19 error Severity must be one of off, info, warning, error, not 'warn'. Did you mean 'warning'?",
        "3:21 error Severity must be one of off, info, warning, error, not 'loud'.",
      ]);
    });

    it('reports unknown options, wrong option types, values outside an enum and out-of-range numbers', () => {
      const text = [
        'rules:',
        '  synthetic-share: [error, { maxx: 0.3, basis: token, mixedWeight: 2 }]',
        '  recursive-generation: [warning, { warnAt: "two", errorAt: 2.5 }]',
        '  provenance-missing: [error, { strict: true }]',
      ].join('\n');
      assert.deepEqual(problems(text), [
        "2:30 error Unknown option 'maxx' for rule 'synthetic-share'. Its options are max, basis, mixedWeight. Did you mean 'max'?",
        "2:48 error Option 'basis' of 'synthetic-share' is one of auto, weight, tokens, rows, not 'token'. Did you mean 'tokens'?",
        "2:68 error Option 'mixedWeight' of 'synthetic-share' must be a number from 0 to 1, not 2.",
        '3:45 error Option \'warnAt\' of \'recursive-generation\' takes a number, not the string "two".',
        "3:61 error Option 'errorAt' of 'recursive-generation' must be a whole number ≥ 1, not 2.5.",
        "4:33 error Unknown option 'strict' for rule 'provenance-missing'. 'provenance-missing' has no options.",
      ]);
    });

    it('keeps the valid part of a config that has errors', () => {
      const { config, findings } = parseConfig(CONFIG, 'rules:\n  nope: error\n  source-missing: info\n');
      assert.equal(findings.length, 1);
      assert.deepEqual(config?.rules.get('source-missing'), { severity: 'info' });
    });

    it('warns about unknown top-level and override keys, and an unknown preset is an error', () => {
      assert.deepEqual(problems('extend: strict\nextends: [recommended, strickt]\noverrides:\n  - files: a\n    rule: {}\n'), [
        "1:1 warning Unknown config key 'extend'. Did you mean 'extends'?",
        "2:24 error Unknown preset 'strickt'; synthlint has 'recommended' and 'strict'. Did you mean 'strict'?",
        "5:5 warning Unknown override key 'rule'. Did you mean 'rules'?",
      ]);
    });

    it('requires files in an override and a mapping at the root', () => {
      assert.deepEqual(problems('overrides:\n  - rules: { source-missing: off }\n'), [
        "2:5 error An override needs 'files': the globs of the manifests it applies to.",
      ]);
      assert.deepEqual(problems('- just a list\n'), [
        '1:1 error A synthlint config is a mapping of extends, rules, overrides, manifests, ignore, datasets, registry, syntheticMachines, data and remote, not a list.',
      ]);
    });

    it('reports YAML syntax errors with their position and returns no config', () => {
      const { config, findings } = parseConfig(CONFIG, 'rules:\n  source-missing: [error\n');
      assert.equal(config, undefined);
      assert.ok(findings.length > 0);
      assert.equal(findings[0]?.ruleId, 'config-invalid');
      assert.equal(findings[0]?.file, CONFIG);
      assert.ok((findings[0]?.range.start.line ?? -1) >= 1);
    });
  });

  describe('effectiveRules', () => {
    it('gives every rule its metadata defaults without a config (the recommended preset)', () => {
      const rules = effectiveRules(undefined, '/repo/a.dataset.yaml', '/repo');
      assert.deepEqual(rules.get('synthetic-share'), { severity: 'warning', options: { max: 0.5, basis: 'auto', mixedWeight: 0.5 } });
      assert.equal(rules.get('generator-terms')?.severity, 'info');
    });

    it('applies the strict preset, then the rules, merging options over the preset', () => {
      const config = parsed('extends: strict\nrules:\n  synthetic-share: [warning, { basis: rows }]\n');
      const rules = effectiveRules(config, '/repo/a.dataset.yaml', '/repo');
      assert.deepEqual(rules.get('synthetic-share'), { severity: 'warning', options: { max: 0.38, basis: 'rows', mixedWeight: 0.5 } });
      assert.deepEqual(rules.get('recursive-generation'), { severity: 'error', options: { warnAt: 2, errorAt: 2 } });
      assert.equal(rules.get('provenance-missing')?.severity, 'error');
    });

    it('applies presets in order, so a later one wins', () => {
      const config = parsed('extends: [strict, recommended]\n');
      // recommended restates nothing, so strict's settings stay: presets add, they do not reset.
      assert.equal(effectiveRules(config, '/repo/a.dataset.yaml', '/repo').get('provenance-missing')?.severity, 'error');
    });

    it('applies overrides whose globs match the path relative to the config folder, later ones winning', () => {
      const config = parsed(
        [
          'rules: { provenance-missing: error }',
          'overrides:',
          '  - files: ["mixtures/**/*.yaml"]',
          '    rules: { provenance-missing: info }',
          '  - files: "*.mixture.yaml"',
          '    rules: { provenance-missing: off }',
        ].join('\n'),
      );
      const severity = (path: string): string | undefined => effectiveRules(config, path, '/repo').get('provenance-missing')?.severity;
      assert.equal(severity('/repo/data/a.dataset.yaml'), 'error');
      assert.equal(severity('/repo/mixtures/tulu/mix.yaml'), 'info');
      // A glob without a slash matches the file name in any folder; the later override wins.
      assert.equal(severity('/repo/mixtures/sft.mixture.yaml'), 'off');
      // A manifest outside the config's folder gets no overrides.
      assert.equal(severity('/elsewhere/mixtures/x.yaml'), 'error');
    });

    it('matches overrides on Windows paths', () => {
      const config = parsed('overrides:\n  - files: "data/*.dataset.json"\n    rules: { manifest-invalid: warning }\n');
      const rules = effectiveRules(config, 'C:\\Repo\\data\\x.dataset.json', 'c:\\repo');
      assert.equal(rules.get('manifest-invalid')?.severity, 'warning');
    });
  });
});
