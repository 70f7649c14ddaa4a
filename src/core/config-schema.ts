/**
 * The JSON Schema of `.synthlint.yaml`, generated from the rules' own metadata (ids, defaults, option specs)
 * as markdownlint generates its config type, so the schema cannot drift from the code: a unit test fails when
 * schemas/synthlint-config.schema.json differs from this, and `node scripts/gen-config-schema.mjs` rewrites it.
 * Editors with the YAML extension use it for completion and validation of config files.
 */
import { PRESET_IDS } from './presets';
import type { OptionSpec, Rule, RuleOptionValue } from './rule';
import { ruleDocsUrl } from './rules/docs-url';

type JsonSchema = Record<string, unknown>;

function optionSchema(example: RuleOptionValue, spec: OptionSpec | undefined): JsonSchema {
  const schema: JsonSchema = {};
  if (spec !== undefined) schema.description = spec.description;
  if (Array.isArray(example)) return { ...schema, type: 'array', items: { type: 'string' }, default: example };
  if (typeof example === 'number') {
    schema.type = spec?.integer === true ? 'integer' : 'number';
    if (spec?.minimum !== undefined) schema.minimum = spec.minimum;
    if (spec?.maximum !== undefined) schema.maximum = spec.maximum;
  } else schema.type = typeof example;
  if (spec?.enum !== undefined) schema.enum = [...spec.enum];
  return { ...schema, default: example };
}

function ruleSchema(rule: Rule): JsonSchema {
  const severity = { $ref: '#/definitions/severity' };
  const names = Object.keys(rule.defaultOptions);
  const description = `${rule.description} Default: ${rule.defaultSeverity}. ${ruleDocsUrl(rule.id)}`;
  if (names.length === 0) return { description, oneOf: [severity, { type: 'array', items: [severity], minItems: 1, maxItems: 1 }] };
  const properties: Record<string, JsonSchema> = {};
  for (const name of names) {
    const example = rule.defaultOptions[name];
    if (example !== undefined) properties[name] = optionSchema(example, rule.optionSpecs?.[name]);
  }
  const options = { type: 'object', additionalProperties: false, properties };
  return { description, oneOf: [severity, { type: 'array', items: [severity, options], minItems: 1, maxItems: 2 }] };
}

export function configJsonSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProperties: Record<string, JsonSchema> = {};
  for (const rule of rules) ruleProperties[rule.id] = ruleSchema(rule);
  const rulesSchema = { type: 'object', additionalProperties: false, properties: ruleProperties };
  const globs = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/synthlint/synthlint/blob/main/schemas/synthlint-config.schema.json',
    title: 'synthlint configuration (.synthlint.yaml / .synthlint.json)',
    type: 'object',
    additionalProperties: false,
    definitions: { severity: { enum: ['off', 'info', 'warning', 'error'] } },
    properties: {
      extends: {
        description: 'Presets applied in order before rules.',
        oneOf: [{ enum: [...PRESET_IDS] }, { type: 'array', items: { enum: [...PRESET_IDS] } }],
      },
      rules: rulesSchema,
      overrides: {
        description: 'Rule settings for manifests matching globs relative to the config file; later overrides win.',
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['files'], properties: { files: globs, rules: rulesSchema } },
      },
      manifests: { description: 'Globs of manifests to lint, replacing the default discovery globs.', ...globs },
      ignore: { description: 'Globs never linted.', ...globs },
    },
  };
}
