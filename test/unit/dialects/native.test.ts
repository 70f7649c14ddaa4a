import * as assert from 'node:assert/strict';
import { parseManifest } from '../../../src/core/parse';
import { parseYamlSubset } from '../../../src/core/yaml-subset';
import { findingWith, fixture, span, textAt } from './helpers';

const FILE = '/work/ds/mix.dataset.yaml';

function source(text: string, id: string, file = FILE) {
  const result = parseManifest(file, text);
  const found = result.manifest?.sources.find((s) => s.id === id);
  assert.ok(found, `no source '${id}' in ${JSON.stringify(result.findings.map((f) => f.message))}`);
  return found;
}

describe('native dialect (*.dataset.yaml)', () => {
  describe('a clean manifest (alpaca next to its seed tasks)', () => {
    const { file, text } = fixture('alpaca.dataset.yaml');
    const result = parseManifest(file, text);
    const manifest = result.manifest;

    it('reads every field into the model with no findings', () => {
      assert.deepEqual(result.findings, []);
      assert.ok(manifest);
      assert.equal(manifest.dialect, 'synthlint');
      assert.equal(manifest.name, 'alpaca-sft');
      assert.equal(manifest.previous, './alpaca-v1.dataset.yaml');
      const [seeds, alpaca] = manifest.sources;
      assert.deepEqual(
        { id: seeds?.id, origin: seeds?.origin, rows: seeds?.rows, license: seeds?.license, text: seeds?.text, derivedFrom: seeds?.derivedFrom },
        { id: 'seeds', origin: 'human', rows: 175, license: 'Apache-2.0', text: ['instruction', 'instances[].output'], derivedFrom: [] },
      );
      assert.deepEqual(alpaca?.generator, { model: 'text-davinci-003', provider: 'openai', generation: 1 });
      assert.deepEqual(alpaca?.derivedFrom, ['seeds']);
      assert.deepEqual(alpaca?.files, ['../../../../shared/data/instruct/alpaca_5000.json']);
      assert.deepEqual(alpaca?.weight, { value: 0.25, kind: 'sampling-weight' });
    });

    it('keeps the exact range of every field', () => {
      assert.ok(manifest);
      assert.deepEqual(span(manifest.ranges.name), [1, 6, 1, 16]);
      assert.deepEqual(span(manifest.ranges.previous), [3, 10, 3, 34]);
      assert.deepEqual(span(manifest.ranges.sources), [4, 0, 4, 7]);
      const [seeds, alpaca] = manifest.sources;
      assert.ok(seeds && alpaca);
      assert.deepEqual(span(seeds.ranges.id), [5, 8, 5, 13]);
      assert.deepEqual(span(seeds.ranges.self), [5, 4, 10, 45]);
      assert.deepEqual(span(seeds.ranges.rows), [8, 10, 8, 13]);
      assert.equal(textAt(text, seeds.ranges.text), '[instruction, "instances[].output"]');
      assert.deepEqual(span(alpaca.itemRanges.files[0]), [13, 8, 13, 57]);
      assert.equal(textAt(text, alpaca.itemRanges.files[0]), '../../../../shared/data/instruct/alpaca_5000.json');
      assert.deepEqual(span(alpaca.ranges['generator.model']), [16, 13, 16, 29]);
      assert.deepEqual(span(alpaca.ranges['generator.generation']), [18, 18, 18, 19]);
      assert.deepEqual(span(alpaca.itemRanges.derivedFrom[0]), [19, 17, 19, 22]);
      assert.equal(textAt(text, alpaca.ranges.generator), 'model: text-davinci-003\n      provider: openai\n      generation: 1');
      assert.equal(textAt(text, alpaca.ranges.weight), '0.25');
      assert.equal(textAt(text, alpaca.ranges.license), 'CC-BY-NC-4.0');
    });

    it('records the indentation of source keys for fixes that insert keys', () => {
      assert.deepEqual(manifest?.layout, { sourceKeyIndent: '    ' });
    });
  });

  describe('the JSON form (*.dataset.json)', () => {
    const { file, text } = fixture('alpaca.dataset.json');
    const result = parseManifest(file, text);

    it('reads the same model with positions in the JSON text', () => {
      assert.deepEqual(result.findings, []);
      const alpaca = result.manifest?.sources[1];
      assert.equal(result.manifest?.dialect, 'synthlint');
      assert.deepEqual(alpaca?.generator, { model: 'text-davinci-003', provider: 'openai', generation: 1 });
      assert.deepEqual(span(alpaca?.ranges.id), [6, 12, 6, 20]);
      assert.equal(textAt(text, alpaca?.ranges.id), '"alpaca"');
      assert.equal(textAt(text, alpaca?.itemRanges.derivedFrom[0]), '"seeds"');
      assert.deepEqual(span(result.manifest?.sources[0]?.ranges.rows), [4, 82, 4, 85]);
      assert.equal(textAt(text, result.manifest?.sources[0]?.ranges.rows), '175');
    });

    it('sets no YAML layout, so no fix inserts YAML into JSON', () => {
      assert.equal(result.manifest?.layout, undefined);
    });

    it('reports JSON syntax errors at their position', () => {
      const bad = parseManifest('/d/x.dataset.json', '{\n  "sources": [\n    {"id": "a",}\n  ]\n}');
      assert.equal(bad.manifest, undefined);
      const f = findingWith(bad.findings, 'JSON syntax error');
      assert.deepEqual(span(f.range), [2, 15, 2, 16]);
      const trailing = parseManifest('/d/x.dataset.json', '{"sources": [1, 2,]}');
      assert.match(findingWith(trailing.findings, 'JSON').message, /Trailing comma/);
      const unterminated = parseManifest('/d/x.dataset.json', '{"name": "abc');
      assert.deepEqual(span(findingWith(unterminated.findings, 'Unterminated').range), [0, 9, 0, 13]);
    });

    it('reports duplicate JSON keys', () => {
      const dup = parseManifest('/d/x.dataset.json', '{"name": "a", "name": "b", "sources": []}');
      assert.deepEqual(span(findingWith(dup.findings, 'Duplicate key').range), [0, 14, 0, 20]);
    });
  });

  describe('errors, each at its exact range', () => {
    const { file, text } = fixture('broken.dataset.yaml');
    const { manifest, findings } = parseManifest(file, text);

    it('still builds the model so other rules can run', () => {
      assert.deepEqual(
        manifest?.sources.map((s) => s.id),
        ['seeds', 'gen', 'seeds'],
      );
    });

    it('an invalid origin lists the allowed values and offers the fix', () => {
      const f = findingWith(findings, "Invalid origin 'humna'");
      assert.match(f.message, /'human', 'synthetic', 'mixed', 'unknown'/);
      assert.deepEqual(span(f.range), [4, 12, 4, 17]);
      assert.equal(f.sourceId, 'seeds');
      assert.deepEqual(f.fixes?.[0]?.edits, [{ range: f.range, newText: 'human' }]);
    });

    it('a wrong type names what was expected and what was found', () => {
      const f = findingWith(findings, '`rows` must be a whole number');
      assert.match(f.message, /not the string "ten"/);
      assert.deepEqual(span(f.range), [5, 10, 5, 13]);
    });

    it('an unknown key suggests the closest key and offers to rename it', () => {
      const f = findingWith(findings, "Unknown key 'file'");
      assert.match(f.message, /Did you mean 'files'\?/);
      assert.deepEqual(span(f.range), [7, 4, 7, 8]);
      assert.equal(f.fixes?.[0]?.edits[0]?.newText, 'files');
    });

    it('a missing required field points at the source id', () => {
      const f = findingWith(findings, "Source 'gen' has no `files`");
      assert.deepEqual(span(f.range), [6, 8, 6, 11]);
    });

    it('negative numbers are reported', () => {
      assert.deepEqual(span(findingWith(findings, '`generator.generation` cannot be negative').range), [9, 42, 9, 44]);
      assert.deepEqual(span(findingWith(findings, '`tokens` cannot be negative').range), [11, 12, 11, 14]);
    });

    it('an unknown bare id in derivedFrom is reported with a fix; hub ids are not', () => {
      const f = findingWith(findings, "'seed' in derivedFrom");
      assert.deepEqual(span(f.range), [10, 18, 10, 22]);
      assert.equal(f.fixes?.[0]?.edits[0]?.newText, 'seeds');
      assert.ok(!findings.some((x) => x.message.includes('tatsu-lab/alpaca')));
    });

    it('a weight above 1 next to fractions is reported', () => {
      const f = findingWith(findings, 'Weight 3');
      assert.deepEqual(span(f.range), [12, 12, 12, 13]);
    });

    it('a duplicate id points at the second and relates the first', () => {
      const f = findingWith(findings, "Duplicate source id 'seeds'");
      assert.deepEqual(span(f.range), [13, 8, 13, 13]);
      assert.deepEqual(span(f.related?.[0]?.range), [2, 8, 2, 13]);
    });

    it('reports nothing else', () => {
      assert.equal(findings.length, 9, findings.map((f) => f.message).join('\n'));
    });
  });

  describe('YAML problems', () => {
    it('a syntax error is reported at yaml’s position, with no model', () => {
      const text = 'name: x\nsources:\n  - id: a\n    files: [a.jsonl\n  - id: b\n';
      const result = parseManifest(FILE, text);
      assert.equal(result.manifest, undefined);
      const first = result.findings[0];
      assert.ok(first);
      assert.match(first.message, /^YAML syntax error: /);
      // yaml places it where the unclosed flow list runs into the next item, not at the `[`.
      assert.deepEqual(span(first.range), [4, 2, 4, 3]);
    });

    it('duplicate keys are reported, and the last value is read, as PyYAML-based trainers read it', () => {
      const result = parseManifest(FILE, 'name: a\nname: b\nsources: []\n');
      const finding = findingWith(result.findings, "Duplicate key 'name'");
      assert.deepEqual(span(finding.range), [1, 0, 1, 4]);
      assert.match(finding.message, /uses? this last value/);
      assert.equal(result.manifest?.name, 'b');
    });

    it('an alias bomb is refused at the first alias, quickly', () => {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const text = `${levels.join('\n')}\nsources: []\n`;
      const result = parseManifest(FILE, text);
      const f = findingWith(result.findings, 'Too many aliases');
      assert.deepEqual(span(f.range), [1, 7, 1, 9]);
      assert.equal(textAt(text, f.range), '*a');
      assert.equal(result.manifest, undefined);
    });

    it('a few aliases are fine and resolve to their anchors', () => {
      const text = 'sources:\n  - id: a\n    files: [a.jsonl]\n    generator: &g {model: gpt-4}\n  - id: b\n    files: [b.jsonl]\n    generator: *g\n';
      assert.deepEqual(source(text, 'b').generator, { model: 'gpt-4' });
    });

    it('an empty file or a comment-only file is one finding at the start', () => {
      for (const text of ['', '   \n', '# just a comment\n']) {
        const result = parseManifest(FILE, text);
        assert.equal(result.manifest, undefined);
        assert.deepEqual(span(findingWith(result.findings, 'empty').range), [0, 0, 0, 0]);
      }
    });

    it('a document that is not a mapping is reported', () => {
      const result = parseManifest(FILE, '- a\n- b\n');
      assert.deepEqual(span(findingWith(result.findings, 'must be a mapping').range), [0, 0, 1, 3]);
    });
  });

  describe('structure', () => {
    it('a missing sources list is reported at the first key', () => {
      const result = parseManifest(FILE, 'name: x\n');
      assert.deepEqual(span(findingWith(result.findings, 'no `sources:` list').range), [0, 0, 0, 4]);
      assert.deepEqual(result.manifest?.sources, []);
    });

    it('an unknown top-level key gets a did-you-mean', () => {
      const result = parseManifest(FILE, 'name: x\nsoruces: []\n');
      assert.match(findingWith(result.findings, "Unknown key 'soruces'").message, /Did you mean 'sources'/);
    });

    it('a source without id is kept under its position', () => {
      const result = parseManifest(FILE, 'sources:\n  - files: a.jsonl\n    origin: human\n');
      assert.deepEqual(span(findingWith(result.findings, 'Source 1 has no `id`').range), [1, 4, 1, 9]);
      assert.equal(result.manifest?.sources[0]?.id, '#1');
      assert.equal(result.manifest?.sources[0]?.origin, 'human');
    });

    it('`generator: <model>` is shorthand for a model', () => {
      const s = source('sources:\n  - id: a\n    files: a.jsonl\n    generator: gpt-4o\n', 'a');
      assert.deepEqual(s.generator, { model: 'gpt-4o' });
      assert.deepEqual(span(s.ranges['generator.model']), [3, 15, 3, 21]);
    });

    it('a generator without a model is reported and left out of the model', () => {
      const result = parseManifest(FILE, 'sources:\n  - id: a\n    files: a.jsonl\n    generator: {provider: openai}\n');
      findingWith(result.findings, 'has no `model`');
      assert.equal(result.manifest?.sources[0]?.generator, undefined);
    });

    it('a generator that is neither a model name nor a mapping is reported and keeps no range', () => {
      const result = parseManifest(FILE, 'sources:\n  - id: a\n    files: a.jsonl\n    generator: [gpt-4]\n');
      findingWith(result.findings, 'must be a mapping');
      assert.equal(result.manifest?.sources[0]?.generator, undefined);
      assert.equal(result.manifest?.sources[0]?.ranges.generator, undefined);
    });

    it('generation 0 is reported (generations count from 1)', () => {
      const result = parseManifest(FILE, 'sources:\n  - id: a\n    files: a.jsonl\n    generator: {model: m, generation: 0}\n');
      findingWith(result.findings, 'starts at 1');
    });

    it('synonyms of an origin get the right fix', () => {
      const result = parseManifest(FILE, 'sources:\n  - id: a\n    files: a.jsonl\n    origin: "machine-generated"\n');
      const f = findingWith(result.findings, 'Invalid origin');
      assert.equal(f.fixes?.[0]?.edits[0]?.newText, '"synthetic"');
    });

    it('derivedFrom accepts ids, hub ids, paths and known dataset names', () => {
      const text =
        'sources:\n  - id: seeds\n    files: s.jsonl\n  - id: gen\n    files: g.jsonl\n' +
        '    derivedFrom: [seeds, tatsu-lab/alpaca, ./raw/x.jsonl, hf:squad, self-instruct-seed-tasks]\n';
      assert.deepEqual(parseManifest(FILE, text).findings, []);
    });

    it('fractions and ratios are not mixed up when all weights are ratios', () => {
      const text = 'sources:\n  - id: a\n    files: a.jsonl\n    weight: 2\n  - id: b\n    files: b.jsonl\n    weight: 1\n';
      assert.deepEqual(parseManifest(FILE, text).findings, []);
    });

    it('a number given for a string field is read as its text (license: 2.0)', () => {
      assert.equal(source('sources:\n  - id: a\n    files: a.jsonl\n    license: 2.0\n', 'a').license, '2.0');
    });

    it('keeps CRLF files exact', () => {
      const s = source('sources:\r\n  - id: a\r\n    files: a.jsonl\r\n    rows: 5\r\n', 'a');
      assert.deepEqual(span(s.ranges.rows), [3, 10, 3, 11]);
    });

    it('layout follows the file’s own indentation', () => {
      const result = parseManifest(FILE, 'sources:\n- id: a\n  files: a.jsonl\n');
      assert.deepEqual(result.manifest?.layout, { sourceKeyIndent: '  ' });
      assert.deepEqual(parseManifest(FILE, 'sources: []\n').manifest?.layout, { sourceKeyIndent: '    ' });
    });
  });

  describe('sources read as the YAML reader finishes each', () => {
    const broken = fixture('broken.dataset.yaml').text;
    const alpaca = fixture('alpaca.dataset.yaml').text;
    // Problems before, among and after the sources: unknown and mistyped top-level keys (some after `sources:`),
    // sources with unknown keys, wrong types, a bad origin, a missing id, duplicate ids and unknown parents.
    const mixed = [
      'name: [m]',
      'colour: blue',
      'sources:',
      '  - id: a',
      '    files: [a.jsonl]',
      '    origin: humna',
      '    colr: 1',
      '  - files: b.jsonl',
      '    derivedFrom: [zz]',
      '  - id: a',
      '    generator: {model: 3, provider: [x]}',
      '    rows: -1',
      '  - 5',
      'previous: 7',
      'descripton: x',
      '',
    ].join('\n');

    it('gives the findings, in order, and the model of reading the whole tree first (and of the yaml package)', () => {
      for (const text of [alpaca, mixed]) {
        assert.notEqual(parseYamlSubset(text, 0), undefined, 'the fast reader reads this text itself');
        // A document-end marker leaves the text to the yaml package, which builds the whole tree before the dialect reads it.
        const whole = parseManifest(FILE, `${text}\n...\n`);
        const streamed = parseManifest(FILE, text);
        assert.equal(JSON.stringify(streamed.findings), JSON.stringify(whole.findings));
        assert.equal(JSON.stringify({ ...streamed.manifest, ranges: {} }), JSON.stringify({ ...whole.manifest, ranges: {} }));
        assert.equal(JSON.stringify({ ...streamed.manifest?.ranges, self: undefined }), JSON.stringify({ ...whole.manifest?.ranges, self: undefined }));
      }
      // The order of reading the whole tree first (as before the sources streamed): the manifest's own keys, then
      // each source, then the checks across sources.
      assert.deepEqual(
        parseManifest(FILE, mixed).findings.map((f) => [f.message.slice(0, 30), f.range.start.line, f.range.start.character]),
        [
          ["Unknown key 'colour' in the ma", 1, 0],
          ["Unknown key 'descripton' in th", 14, 0],
          ['`name` must be a string, not a', 0, 6],
          ["Unknown key 'colr' in source '", 6, 4],
          ["Invalid origin 'humna': allowe", 5, 12],
          ['Source 2 has no `id`; give it ', 7, 4],
          ["Source 'a' has no `files`: lis", 9, 8],
          ['`generator.provider` must be a', 10, 36],
          ['`rows` cannot be negative (fou', 11, 10],
          ['Source 4 must be a mapping, no', 12, 4],
          ["Duplicate source id 'a': ids m", 9, 8],
          ["'zz' in derivedFrom of '#2' is", 8, 18],
        ],
      );
    });

    it('drops what it read of the sources when the reader leaves the text to the yaml package halfway', () => {
      // The block scalar in the last source is outside the fast reader's subset: it has read two sources by then.
      const text = mixed.replace('    rows: -1', '    rows: -1\n    description: |\n      two\n      lines');
      assert.equal(parseYamlSubset(text, 0), undefined);
      const result = parseManifest(FILE, text);
      assert.equal(JSON.stringify(result.findings), JSON.stringify(parseManifest(FILE, `${text}\n...\n`).findings));
      assert.deepEqual(
        result.manifest?.sources.map((s) => s.id),
        ['a', '#2', 'a'],
      );
      assert.equal(result.findings.filter((f) => f.message.includes("Invalid origin 'humna'")).length, 1);
      // The fixture's second source has a flow `-1`, which the fast reader leaves to the yaml package, after the first.
      assert.equal(parseYamlSubset(broken, 0), undefined);
      assert.equal(JSON.stringify(parseManifest(FILE, broken).findings), JSON.stringify(parseManifest(FILE, `${broken}\n...\n`).findings));
      assert.equal(parseManifest(FILE, broken).findings.filter((f) => f.message.includes("Invalid origin 'humna'")).length, 1);
    });
  });
});
