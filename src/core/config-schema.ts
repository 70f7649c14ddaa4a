/**
 * The JSON Schema of `.synthlint.yaml`, generated from the rules' own metadata (ids, defaults, option specs)
 * as markdownlint generates its config type, so the schema cannot drift from the code: a unit test fails when
 * schemas/synthlint-config.schema.json differs from this, and `node scripts/gen-config-schema.mjs` rewrites it.
 * Editors with the YAML extension use it for completion and validation of config files.
 */
import { DEFAULT_SAMPLE_ABOVE_BYTES } from './data-settings';
import { REMOTE_LIMITS } from './remote-request';
import { ORIGINS } from './manifest';
import { PRESET_IDS } from './presets';
import { MACHINE_KINDS } from './provenance/entry';
import type { OptionSpec, Rule, RuleOptionValue } from './rule';
import { ruleDocsUrl } from './rules/docs-url';
import { formatSize, SIZE_PATTERN } from './size';

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

/** One provenance registry entry (docs/registry.md), the schema of `datasets:` and of a registry file. */
export function registryEntrySchema(): JsonSchema {
  const strings = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
  const machines = { enum: [...MACHINE_KINDS] };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'string', description: 'Hub id (owner/name, or a legacy bare name), matched case-insensitively.' },
      aliases: { ...strings, description: 'Other ids of the very same data (hub redirects, unchanged re-hosts).' },
      origin: { enum: [...ORIGINS], description: 'Class of the training text; required unless variantOf is given.' },
      generators: { ...strings, description: 'Models that wrote the text; each is checked by generator-terms.' },
      machines: { oneOf: [machines, { type: 'array', items: machines }], description: 'Kinds of machine that wrote machine-made text.' },
      derivedFrom: { ...strings, description: 'Datasets the text was generated from.' },
      variantOf: { type: 'string', description: 'The dataset this one is a reformatted, filtered or cut-down copy of; it inherits origin, generators and licence.' },
      license: { type: 'string' },
      terms: { ...strings, description: 'Provider terms the data is under (OpenAI, Anthropic, Google, Meta).' },
      note: { type: 'string', description: 'One line for hovers and reports.' },
      citation: { type: 'string', description: 'The dataset card or paper the entry rests on.' },
    },
  };
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
      datasets: { description: 'Provenance registry entries this team adds or overrides (docs/registry.md).', type: 'array', items: registryEntrySchema() },
      registry: { description: 'A registry file (YAML or JSON list of dataset entries), relative to this config.', type: 'string' },
      syntheticMachines: {
        description: 'Kinds of machine-made text counted as synthetic; LLM output only by default.',
        type: 'array',
        items: { enum: [...MACHINE_KINDS] },
        default: ['llm'],
      },
      remote: {
        description: 'Remote sources (hf://, hub ids, https://, s3://), sampled by byte ranges: off unless enabled here or by --remote; in the editor only with the synthlint.remoteData setting (docs/remote-data.md).',
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean', default: false, description: 'Profile remote sources on `synthlint check` and `report` without --remote.' },
          budgetMB: { type: 'integer', minimum: 1, default: REMOTE_LIMITS.budgetMB, description: 'Most megabytes fetched per remote source.' },
          timeoutSeconds: { type: 'integer', minimum: 1, default: REMOTE_LIMITS.timeoutSeconds, description: 'Give up on a request after this many seconds.' },
          retries: { type: 'integer', minimum: 0, default: REMOTE_LIMITS.retries, description: 'Retries of a failed request (network errors, 429, 5xx), with exponential backoff.' },
          hfEndpoint: { type: 'string', format: 'uri', description: 'The Hugging Face hub endpoint (over HF_ENDPOINT).' },
          s3Endpoint: { type: 'string', format: 'uri', description: 'The S3 endpoint (over AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL).' },
        },
      },
      data: {
        description: 'How much of each source the analyzer reads and how exactly; the --exact, --full and --sample-above flags and the editor settings win (docs/configuration.md).',
        type: 'object',
        additionalProperties: false,
        properties: {
          exact: { type: 'boolean', default: false, description: 'Every figure exact: read every record and use no sketch, with the memory that takes.' },
          full: { type: 'boolean', default: false, description: 'Read every record, however large the source (no sampling).' },
          sampleAbove: {
            description: `Profile a uniform sample of about this size of a larger source: a size such as 64MB or 2GB (binary units; a bare number is MB). Default ${formatSize(DEFAULT_SAMPLE_ABOVE_BYTES).replace(' ', '')}.`,
            oneOf: [{ type: 'string', pattern: SIZE_PATTERN }, { type: 'number', exclusiveMinimum: 0 }],
          },
        },
      },
    },
  };
}
