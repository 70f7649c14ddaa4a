/**
 * Property tests: whatever text an editor buffer or a CI checkout holds, reading it as a manifest and linting
 * it never throws, never falls back to the `internal error` findings that parse and lint make of a thrown
 * bug, and every finding (and fix) points inside the text.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { effectiveRules, parseConfig } from '../../../src/core/config';
import type { Finding } from '../../../src/core/finding';
import { lint } from '../../../src/core/lint';
import type { DialectId, Manifest } from '../../../src/core/manifest';
import { parseManifest } from '../../../src/core/parse';
import type { SourceProfile } from '../../../src/core/profile';
import type { Range } from '../../../src/core/range';
import { buildProfile, est } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = '/work/ds';
/** Every rule on, data rules included, at the strict preset's tighter limits, so that as many rules as possible report. */
const RULES = effectiveRules(parseConfig(`${DIR}/.synthlint.yaml`, 'extends: strict\n').config, `${DIR}/x.dataset.yaml`, DIR);

/** The real manifests of examples/ and test/fixtures, mutated below. */
const REAL = [
  'examples/chat-v2/chat.dataset.yaml',
  'examples/clean/support.dataset.yaml',
  'examples/broken/typo.dataset.yaml',
  'examples/archive/chat-v1.dataset.yaml',
  'examples/hf-card/README.md',
  'examples/mixer/tulu_mixer.yaml',
  'examples/axolotl/axolotl.yaml',
  'examples/croissant/croissant.json',
  'test/fixtures/manifests/alpaca.dataset.json',
  'test/fixtures/manifests/squad/README.md',
  'test/fixtures/manifests/axolotl-lora.yml',
].map((rel) => ({ file: path.join(DIR, rel), text: readFileSync(path.join(ROOT, rel), 'utf8') }));

const PREVIOUS = parseManifest(`${DIR}/examples/archive/chat-v1.dataset.yaml`, REAL[3]?.text ?? '').manifest;

/** A source whose data looks generated and collapsed, so the data rules report on it (and on its ranges). */
function collapsed(sourceId: string): SourceProfile {
  const row = { file: `${DIR}/${sourceId}.jsonl`, line: 3 };
  return buildProfile(sourceId, {
    records: 40,
    issues: [{ file: row.file, line: 7, message: 'invalid JSON' }],
    files: [{ path: row.file, bytes: 4000, format: 'jsonl', records: 40, malformed: 1, issues: [{ file: row.file, line: 7, message: 'invalid JSON' }] }],
    nearDuplicatePairs: [{ a: row, b: { ...row, line: 9 }, jaccard: 0.95 }],
    metrics: {
      compressionRatio: est(9, [8, 10]),
      ngramDiversity: est(0.9),
      nearDuplicateRate: est(0.4),
      exactDuplicateRate: est(0.2),
      templateOpenings: { share3: est(0.9), share5: est(0.8), top3: [{ text: 'sure here is', count: 36 }], top5: [] },
      assistantArtifacts: { rate: est(0.3), examples: [{ row, phrase: 'as an ai language model' }] },
    },
  });
}

/** Profiles for the parsed sources, some clean, some collapsed; files resolved for every other source. */
function dataFor(manifest: Manifest | undefined) {
  const profiles = new Map<string, SourceProfile>();
  const resolvedFiles = new Map<string, string[]>();
  manifest?.sources.forEach((s, i) => {
    profiles.set(s.id, i % 2 === 0 ? buildProfile(s.id) : collapsed(s.id));
    if (i % 3 !== 2) resolvedFiles.set(s.id, [`${DIR}/${s.id}.jsonl`]);
  });
  return { profiles, resolvedFiles };
}

function checkRange(range: Range, lines: readonly string[], what: string): void {
  const { start, end } = range;
  const ok =
    Number.isInteger(start.line) && Number.isInteger(start.character) && Number.isInteger(end.line) && Number.isInteger(end.character) &&
    start.line >= 0 && start.character >= 0 &&
    (start.line < end.line || (start.line === end.line && start.character <= end.character)) &&
    end.line < lines.length &&
    start.character <= (lines[start.line]?.length ?? -1) && end.character <= (lines[end.line]?.length ?? -1);
  assert.ok(ok, `${what}: range ${JSON.stringify(range)} is not inside the text (${lines.length} lines)`);
}

function checkFinding(finding: Finding, file: string, lines: readonly string[]): void {
  const what = `${finding.ruleId} '${finding.message}'`;
  assert.notEqual(finding.ruleId, 'internal-error', what);
  assert.doesNotMatch(finding.message, /internal error/i, what);
  assert.ok(['error', 'warning', 'info'].includes(finding.severity), what);
  assert.ok(finding.message.trim().length > 0, `${finding.ruleId}: empty message`);
  // Findings in a data file or the previous manifest point into that file, not into this text.
  if (finding.file !== file) return;
  checkRange(finding.range, lines, what);
  for (const fix of finding.fixes ?? []) {
    if (fix.file !== undefined && fix.file !== file) continue;
    for (const edit of fix.edits) checkRange(edit.range, lines, `${what}, fix '${fix.title}'`);
  }
}

/** Parses and lints one text as the CLI and the server do; fails on a throw, an internal error or a stray range. */
function readsCleanly(file: string, text: string, dialect?: DialectId): void {
  const lines = text.split('\n');
  const parse = parseManifest(file, text, dialect);
  for (const f of parse.findings) checkFinding(f, file, lines);
  const findings = lint({ file, text, parse, rules: RULES, ...dataFor(parse.manifest), ...(PREVIOUS ? { previous: PREVIOUS } : {}), data: true });
  for (const f of findings) checkFinding(f, file, lines);
}

/** Each dialect's file name, its id, and how a value becomes that file's text. */
// yaml writes nothing (undefined) for undefined, JSON.stringify too: an empty file.
const yamlText = (value: unknown): string => stringify(value) ?? '';
const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) ?? '';
const cardText = (value: unknown): string => `---\n${yamlText(value)}---\n\n# A dataset card\n`;
const DIALECT_FILES: readonly { file: string; dialect: DialectId; text: (value: unknown) => string }[] = [
  { file: `${DIR}/x.dataset.yaml`, dialect: 'synthlint', text: yamlText },
  { file: `${DIR}/x.dataset.json`, dialect: 'synthlint', text: jsonText },
  { file: `${DIR}/README.md`, dialect: 'hf-card', text: cardText },
  { file: `${DIR}/tulu_mixer.yaml`, dialect: 'open-instruct', text: yamlText },
  { file: `${DIR}/axolotl.yaml`, dialect: 'axolotl', text: yamlText },
  { file: `${DIR}/croissant.json`, dialect: 'croissant', text: jsonText },
  { file: `${DIR}/config_full.yaml`, dialect: 'trl-mixture', text: yamlText },
  { file: `${DIR}/llama3_lora_sft.yaml`, dialect: 'llama-factory', text: yamlText },
  { file: `${DIR}/dataset_info.json`, dialect: 'llama-factory-info', text: jsonText },
  { file: `${DIR}/mpt-125m.yaml`, dialect: 'mosaicml', text: yamlText },
  { file: `${DIR}/126m.yaml`, dialect: 'nemo', text: yamlText },
  { file: `${DIR}/sft.yaml`, dialect: 'nemo-rl', text: yamlText },
  { file: `${DIR}/1B_full.yaml`, dialect: 'torchtune', text: yamlText },
];

/** Values that are the right type somewhere in some dialect and the wrong type elsewhere. */
const word = fc.constantFrom('drafts', 'tickets', 'data/a.jsonl', 'data/*.jsonl', '**/*.csv', 'org/name', '../up.dataset.yaml', '', ' ', 'https://x.org/d.json', 'gpt-4o', '0');
const scalar = fc.oneof(word, fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const loose = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }, { weight: 1, arbitrary: fc.array(word, { maxLength: 3 }) });
const origin = fc.oneof(fc.constantFrom('human', 'synthetic', 'mixed', 'unknown', 'machine-generated', 'found', 'both'), loose);

/** Manifest-shaped values per dialect: the keys each parser reads, with values of the right and the wrong types. */
const nativeSource = fc.record(
  {
    id: fc.oneof(word, loose),
    files: fc.oneof(fc.array(word, { maxLength: 3 }), loose),
    origin,
    generator: fc.oneof(fc.record({ model: fc.oneof(word, loose), provider: fc.oneof(fc.constantFrom('openai', 'meta', 'mistral'), loose), generation: fc.oneof(fc.integer({ min: -1, max: 5 }), loose) }, { requiredKeys: [] }), loose),
    derivedFrom: fc.oneof(fc.array(word, { maxLength: 3 }), loose),
    rows: fc.oneof(fc.nat(), loose),
    tokens: fc.oneof(fc.nat(), loose),
    weight: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), loose),
    license: loose,
    text: fc.oneof(fc.array(fc.constantFrom('text', 'messages[].content', 'conversations[].value', '[].x'), { maxLength: 2 }), loose),
    orign: loose,
  },
  { requiredKeys: [] },
);
const SHAPED: Record<DialectId, fc.Arbitrary<unknown> | undefined> = {
  synthlint: fc.record({ name: loose, previous: fc.oneof(word, loose), sources: fc.oneof(fc.array(nativeSource, { maxLength: 4 }), loose) }, { requiredKeys: [] }),
  'hf-card': fc.record(
    {
      language_creators: fc.oneof(fc.array(fc.constantFrom('found', 'crowdsourced', 'machine-generated', 'expert-generated', 'other'), { maxLength: 2 }), loose),
      annotations_creators: fc.oneof(fc.array(fc.constantFrom('machine-generated', 'no-annotation', 'crowdsourced'), { maxLength: 2 }), loose),
      source_datasets: fc.oneof(fc.array(fc.constantFrom('original', 'extended|squad', 'extended|'), { maxLength: 2 }), loose),
      tags: fc.oneof(fc.array(fc.constantFrom('synthetic', 'distilabel'), { maxLength: 2 }), loose),
      configs: fc.oneof(
        fc.array(fc.record({ config_name: loose, data_files: fc.oneof(word, fc.array(fc.record({ split: loose, path: fc.oneof(word, loose) }, { requiredKeys: [] }), { maxLength: 3 }), loose) }, { requiredKeys: [] }), { maxLength: 3 }),
        loose,
      ),
    },
    { requiredKeys: [] },
  ),
  'open-instruct': fc.oneof(
    fc.record({ dataset_mixer: fc.oneof(fc.dictionary(word, fc.oneof(fc.double({ min: 0, max: 100_000, noNaN: true }), loose), { maxKeys: 4 }), loose) }),
    fc.record({ dataset_mixer_list: fc.oneof(fc.array(fc.oneof(word, fc.constantFrom('1.0', '0.5', '100')), { maxLength: 6 }), loose) }),
  ),
  axolotl: fc.record({
    datasets: fc.oneof(fc.array(fc.record({ path: fc.oneof(word, loose), type: fc.oneof(fc.constantFrom('alpaca', 'sharegpt', 'chat_template'), loose), data_files: loose, split: loose, name: loose }, { requiredKeys: [] }), { maxLength: 4 }), loose),
  }),
  croissant: fc.record(
    {
      '@context': fc.oneof(fc.constant({ '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/', rai: 'http://mlcommons.org/croissant/RAI/', prov: 'http://www.w3.org/ns/prov#' }), loose),
      '@type': fc.oneof(fc.constant('sc:Dataset'), loose),
      name: loose,
      license: loose,
      'prov:wasDerivedFrom': loose,
      distribution: fc.oneof(
        fc.array(
          fc.record(
            {
              '@type': fc.oneof(fc.constantFrom('cr:FileObject', 'cr:FileSet', 'sc:FileObject'), loose),
              '@id': fc.oneof(word, loose),
              name: loose,
              contentUrl: fc.oneof(word, loose),
              includes: fc.oneof(word, loose),
              containedIn: fc.oneof(fc.record({ '@id': word }), loose),
              'rai:dataCollectionType': fc.oneof(fc.constantFrom('Manual Human Curator', 'Machine-generated', 'Web Scraping'), loose),
              'prov:wasDerivedFrom': fc.oneof(fc.record({ '@id': word }), loose),
              'prov:wasAttributedTo': fc.oneof(fc.record({ '@type': fc.constant('prov:SoftwareAgent'), name: word }), loose),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
        loose,
      ),
      recordSet: loose,
    },
    { requiredKeys: [] },
  ),
  'trl-mixture': fc.record({
    dataset_mixture: fc.oneof(
      fc.record(
        {
          datasets: fc.oneof(fc.array(fc.record({ id: fc.oneof(word, loose), config: loose, split: loose, columns: loose, weight: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), loose), wieght: loose }, { requiredKeys: [] }), { maxLength: 4 }), loose),
          seed: loose,
          test_split_size: loose,
        },
        { requiredKeys: [] },
      ),
      loose,
    ),
  }),
  'llama-factory': fc.record({ stage: fc.constant('sft'), dataset: fc.oneof(word, fc.constant('identity,alpaca_en_demo'), loose), eval_dataset: loose, dataset_dir: fc.oneof(fc.constantFrom('data', 'ONLINE'), loose) }, { requiredKeys: ['stage'] }),
  'llama-factory-info': fc.dictionary(
    word,
    fc.oneof(fc.record({ hf_hub_url: fc.oneof(word, loose), ms_hub_url: loose, file_name: fc.oneof(word, loose), formatting: loose, columns: loose, ranking: loose, split: loose, subet: loose }, { requiredKeys: [] }), loose),
    { maxKeys: 4 },
  ),
  mosaicml: fc.record(
    {
      data_local: loose,
      train_loader: fc.oneof(
        fc.record({
          name: fc.constant('text'),
          dataset: fc.oneof(
            fc.record(
              {
                hf_name: fc.oneof(word, fc.constant('json'), loose),
                hf_kwargs: loose,
                split: loose,
                remote: fc.oneof(word, loose),
                local: fc.oneof(fc.constant('${data_local}'), word, loose),
                streams: fc.oneof(fc.dictionary(word, fc.oneof(fc.record({ remote: loose, local: loose, proportion: loose, repeat: loose, choose: loose }, { requiredKeys: [] }), loose), { maxKeys: 3 }), loose),
              },
              { requiredKeys: [] },
            ),
            loose,
          ),
        }),
        loose,
      ),
      eval_loader: loose,
    },
    { requiredKeys: ['train_loader'] },
  ),
  nemo: fc.record({
    model: fc.oneof(
      fc.record({ data: fc.oneof(fc.record({ data_prefix: fc.oneof(fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), word), { maxLength: 6 }), fc.record({ train: loose, validation: loose }, { requiredKeys: [] }), loose) }), loose) }),
      loose,
    ),
  }),
  'nemo-rl': (() => {
    const dataset = fc.record({ dataset_name: fc.oneof(fc.constantFrom('squad', 'ResponseDataset', 'OpenMathInstruct-2'), loose), data_path: fc.oneof(word, loose), split: loose }, { requiredKeys: [] });
    return fc.record(
      {
        policy: fc.constant({ model_name: 'meta-llama/Llama-3.2-1B' }),
        data: fc.oneof(fc.record({ train: fc.oneof(dataset, fc.array(dataset, { maxLength: 2 }), loose), validation: fc.oneof(dataset, loose) }, { requiredKeys: [] }), fc.record({ dataset_name: loose, train_data_path: loose, val_data_path: loose }, { requiredKeys: [] }), loose),
      },
      { requiredKeys: ['policy', 'data'] },
    );
  })(),
  torchtune: (() => {
    const builder = fc.record(
      {
        _component_: fc.oneof(fc.constantFrom('torchtune.datasets.alpaca_dataset', 'torchtune.datasets.chat_dataset', 'torchtune.datasets.samsum_dataset'), loose),
        source: fc.oneof(word, fc.constant('json'), loose),
        data_files: fc.oneof(word, fc.array(word, { maxLength: 2 }), loose),
        split: loose,
      },
      { requiredKeys: ['_component_'] },
    );
    return fc.record({ dataset: fc.oneof(builder, fc.array(builder, { maxLength: 3 }), loose), dataset_val: fc.oneof(builder, loose) }, { requiredKeys: ['dataset'] });
  })(),
};

/** Replacements for a value: of the wrong type in YAML and JSON, or YAML-only (a JSON syntax error), or broken. */
const WRONG_VALUES = ['[]', '{}', 'null', '42', '-1', '3.5', '1e400', '"text"', 'true', '[1, 2]', '{"a": 1}', '~', '.nan', '{a: 1}', '"', "'", '*missing', '&a x', '!!binary aGk=', '|', '- x'];

const truncationStep = 3;

describe('parseManifest + lint never throw and keep ranges in the text', function () {
  // fast-check runs are CPU-bound; the whole file takes a few seconds.
  this.timeout(60_000);

  it('arbitrary strings, under every dialect file name', () => {
    const names = DIALECT_FILES.map((d) => d.file);
    const yamlish = fc.string({ unit: fc.constantFrom('a', 'x', '1', ' ', '  ', '\n', '\r\n', '\t', ':', '-', '#', '[', ']', '{', '}', ',', '"', "'", '&', '*', '!', '|', '>', '%', '@', '?', '`', '---', '...', 'sources:', 'id:', '\u0000', '\ufeff', '\u2028', '😀'), maxLength: 80 });
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.oneof(fc.string(), fc.string({ unit: 'binary' }), yamlish), (file, text) => readsCleanly(file, text)),
      { numRuns: 600 },
    );
  });

  for (const d of DIALECT_FILES) {
    it(`any value written as ${path.basename(d.file)}, detected and read as ${d.dialect}`, () => {
      const shaped = SHAPED[d.dialect];
      const value = shaped ? fc.oneof(fc.anything(), fc.jsonValue(), shaped, shaped) : fc.oneof(fc.anything(), fc.jsonValue());
      fc.assert(
        fc.property(value, (v) => {
          let text: string;
          try {
            text = d.text(v);
          } catch {
            // fc.anything() makes values the writers cannot write (JSON: BigInt; YAML: some symbols); nothing to read.
            return;
          }
          readsCleanly(d.file, text);
          readsCleanly(d.file, text, d.dialect);
        }),
        { numRuns: 250 },
      );
    });
  }

  describe('mutations of the real example manifests', () => {
    it(`every truncation at a multiple of ${truncationStep} characters`, () => {
      for (const { file, text } of REAL) {
        for (let end = 0; end < text.length; end += truncationStep) readsCleanly(file, text.slice(0, end));
      }
    });

    it('deleted, duplicated and swapped lines', () => {
      const edit = fc.record({ op: fc.constantFrom('delete', 'duplicate', 'swap', 'indent', 'dedent'), at: fc.nat(), to: fc.nat() });
      fc.assert(
        fc.property(fc.constantFrom(...REAL), fc.array(edit, { minLength: 1, maxLength: 5 }), ({ file, text }, edits) => {
          const lines = text.split('\n');
          for (const { op, at, to } of edits) {
            const i = at % lines.length;
            const j = to % lines.length;
            const line = lines[i] ?? '';
            if (op === 'delete') lines.splice(i, 1);
            else if (op === 'duplicate') lines.splice(j, 0, line);
            else if (op === 'swap') [lines[i], lines[j]] = [lines[j] ?? '', line];
            else lines[i] = op === 'indent' ? `  ${line}` : line.replace(/^ {1,2}/, '');
            if (lines.length === 0) lines.push('');
          }
          readsCleanly(file, lines.join('\n'));
        }),
        { numRuns: 400 },
      );
    });

    it('values swapped for values of the wrong type', () => {
      // `key: value` in YAML and `"key": value,` in JSON; the value is replaced, the rest of the file kept.
      const VALUE = /^(\s*(?:-\s+)?(?:"[^"]*"|[\w$@.-]+)\s*:\s+)(\S.*?)(,?)$/;
      fc.assert(
        fc.property(fc.constantFrom(...REAL), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...WRONG_VALUES)), { minLength: 1, maxLength: 4 }), ({ file, text }, swaps) => {
          const lines = text.split('\n');
          const valued = lines.flatMap((l, i) => (VALUE.test(l) ? [i] : []));
          for (const [pick, wrong] of swaps) {
            const i = valued[pick % valued.length] ?? 0;
            lines[i] = (lines[i] ?? '').replace(VALUE, (_, head: string, __: string, comma: string) => `${head}${wrong}${comma}`);
          }
          readsCleanly(file, lines.join('\n'));
        }),
        { numRuns: 400 },
      );
    });
  });
});
