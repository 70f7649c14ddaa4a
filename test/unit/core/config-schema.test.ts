import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { configJsonSchema } from '../../../src/core/config-schema';
import { rules } from '../../../src/core/rules/index';

describe('config JSON Schema', () => {
  it('is what the rules’ metadata generates (run `node scripts/gen-config-schema.mjs` after changing a rule)', () => {
    const committed: unknown = JSON.parse(readFileSync('schemas/synthlint-config.schema.json', 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(configJsonSchema(rules))));
  });

  it('describes every rule with its options, defaults and bounds', () => {
    const schema = configJsonSchema(rules) as { properties: { rules: { properties: Record<string, { oneOf: unknown[] }> } } };
    assert.deepEqual(Object.keys(schema.properties.rules.properties), rules.map((r) => r.id));
    const share = JSON.stringify(schema.properties.rules.properties['synthetic-share']);
    assert.match(share, /"max":\{"description":"Largest allowed synthetic fraction \(0-1\)\.","type":"number","minimum":0,"maximum":1,"default":0\.5\}/);
    assert.match(share, /"enum":\["auto","weight","tokens","rows"\]/);
  });
});
