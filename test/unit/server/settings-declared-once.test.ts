/**
 * The editor settings are declared once, in src/server/settings.ts (issue #12): package.json's
 * `contributes.configuration`, the protocol's Settings type and docs/configuration.md must say the same.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, readSettings, SETTING_SPECS } from '../../../src/server/settings';

const ROOT = join(__dirname, '../../..');

describe('server: settings declared once', () => {
  it('package.json contributes exactly SETTING_SPECS (copy them from src/server/settings.ts on a difference)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const expected = Object.fromEntries(Object.entries(SETTING_SPECS).map(([key, spec]) => [`synthlint.${key}`, spec]));
    assert.deepEqual(pkg.contributes.configuration.properties, JSON.parse(JSON.stringify(expected)));
  });

  it('the server reads every setting but the client-only trace, with the declared defaults', () => {
    assert.deepEqual(Object.keys(DEFAULT_SETTINGS).sort(), Object.keys(SETTING_SPECS).filter((k) => k !== 'trace.server').sort());
    assert.deepEqual(readSettings({}), DEFAULT_SETTINGS);
    assert.equal(readSettings({ run: 'sometimes', maxDataMB: 0 }).run, SETTING_SPECS.run.default);
    assert.equal(readSettings({ maxDataMB: 0 }).maxDataMB, SETTING_SPECS.maxDataMB.default);
  });

  it('docs/configuration.md lists every setting with its default, every default manifest glob included', () => {
    const docs = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
    for (const [key, spec] of Object.entries(SETTING_SPECS)) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`synthlint.${key}\``));
      assert.ok(row, `docs/configuration.md has no row for synthlint.${key}`);
      const defaults = Array.isArray(spec.default) ? spec.default : [spec.default];
      for (const value of defaults) assert.ok(row.includes(`\`${String(value)}\``), `the synthlint.${key} row lacks its default ${String(value)}`);
    }
  });
});
