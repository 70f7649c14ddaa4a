import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseYamlValue } from 'yaml';
import { GENERATOR_KEYS, MANIFEST_KEYS, SOURCE_KEYS } from '../../../src/core/dialects/native';

const ROOT = path.resolve(__dirname, '../../..');
const SCHEMA_FILE = path.join(ROOT, 'schemas/synthlint-dataset.schema.json');

interface ObjectSchema {
  properties: Record<string, unknown>;
  additionalProperties: boolean;
}
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as ObjectSchema & { definitions: { source: ObjectSchema; generator: ObjectSchema } };
// Strict mode stays on, so a keyword draft-07 does not define fails here rather than being ignored by editors;
// union types (`["string", "number"]`) are plain draft-07 that strict mode merely asks to be allowed.
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

/** Every native manifest the repository ships: the examples and the test fixtures. */
function nativeManifests(): string[] {
  const examples = readdirSync(path.join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.dataset\.ya?ml$/.test(f))
    .map((f) => path.join(ROOT, 'examples', f));
  const fixtures = readdirSync(path.join(ROOT, 'test/fixtures/manifests'))
    .filter((f) => /\.dataset\.(?:ya?ml|json)$/.test(f))
    .map((f) => path.join(ROOT, 'test/fixtures/manifests', f));
  return [...examples, ...fixtures].sort();
}

function schemaErrors(value: unknown): string[] {
  validate(value);
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : ''}`);
}

function validateFile(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return schemaErrors(file.endsWith('.json') ? JSON.parse(text) : parseYamlValue(text));
}

describe('native manifest JSON Schema (schemas/synthlint-dataset.schema.json)', () => {
  it('lists exactly the keys the parser accepts, and forbids others where the parser reports them', () => {
    assert.deepEqual(Object.keys(schema.properties), [...MANIFEST_KEYS]);
    assert.deepEqual(Object.keys(schema.definitions.source.properties), [...SOURCE_KEYS]);
    assert.deepEqual(Object.keys(schema.definitions.generator.properties), [...GENERATOR_KEYS]);
    for (const object of [schema, schema.definitions.source, schema.definitions.generator]) assert.equal(object.additionalProperties, false);
  });

  const files = nativeManifests();
  /** Manifests with deliberate mistakes, checked one by one below. */
  const broken = ['examples/broken/typo.dataset.yaml', 'test/fixtures/manifests/broken.dataset.yaml'];
  it('covers the examples and fixtures, the broken ones included', () => {
    assert.ok(files.length >= 7, files.join(', '));
    for (const name of broken) assert.ok(files.includes(path.join(ROOT, name)), name);
  });

  for (const file of files.filter((f) => !broken.includes(path.relative(ROOT, f)))) {
    it(`accepts ${path.relative(ROOT, file)}`, () => {
      assert.deepEqual(validateFile(file), []);
    });
  }

  it('rejects the broken fixture where the parser reports it', () => {
    assert.deepEqual(validateFile(path.join(ROOT, 'test/fixtures/manifests/broken.dataset.yaml')), [
      '/sources/0/origin must be equal to one of the allowed values',
      '/sources/0/rows must be integer',
      "/sources/1 must have required property 'files'",
      "/sources/1 must NOT have additional properties 'file'",
      '/sources/1/generator must be string',
      '/sources/1/generator/generation must be >= 1',
      '/sources/1/generator must match a schema in anyOf',
      '/sources/1/tokens must be >= 0',
    ]);
  });

  it('rejects the broken example (misspelt key, wrong type)', () => {
    assert.deepEqual(validateFile(path.join(ROOT, 'examples/broken/typo.dataset.yaml')), [
      "/sources/0 must NOT have additional properties 'orign'",
      '/sources/0/rows must be integer',
    ]);
  });

  it('agrees with the parser on edge cases', () => {
    const manifest = (source: Record<string, unknown>) => ({ sources: [{ id: 's', files: ['a.jsonl'], ...source }] });
    assert.deepEqual(schemaErrors(manifest({ generator: 'gpt-4', license: 2.0, weight: 0.5 })), []);
    assert.deepEqual(schemaErrors({ sources: null }), []);
    assert.deepEqual(schemaErrors(manifest({ origin: 'machine-generated' })), ['/sources/0/origin must be equal to one of the allowed values']);
    assert.ok(schemaErrors(manifest({ files: [] })).includes('/sources/0/files must NOT have fewer than 1 items'));
    assert.deepEqual(schemaErrors(manifest({ id: '' })), ['/sources/0/id must NOT have fewer than 1 characters']);
    assert.deepEqual(schemaErrors({ name: 'x' }), ["/ must have required property 'sources'"]);
    assert.deepEqual(schemaErrors({ sources: [], sorces: [] }), ["/ must NOT have additional properties 'sorces'"]);
  });
});
