import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectDialect, parseManifest } from '../../../src/core/parse';
import { findingWith, span, textAt } from './helpers';

const EXAMPLE = path.resolve(__dirname, '../../../examples/croissant/croissant.json');
const FILE = '/work/ds/metadata.json';
const CONTEXT = '"@context": { "@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/" }';

/** A Croissant document around `body` (the members after `@context` and `@type`). */
function croissant(body: string): string {
  return `{\n  ${CONTEXT},\n  "@type": "sc:Dataset",\n${body}\n}\n`;
}

function parse(text: string, file = FILE) {
  return parseManifest(file, text, 'croissant');
}

describe('Croissant dialect (croissant.json)', () => {
  describe('the example: human questions and the drafts a model wrote from them', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const result = parseManifest(EXAMPLE, text);
    const manifest = result.manifest;
    const [questions, drafts] = manifest?.sources ?? [];

    it('is detected by its name and read into the model with no findings', () => {
      assert.deepEqual(result.findings, []);
      assert.equal(manifest?.dialect, 'croissant');
      assert.equal(manifest?.name, 'kitchen-questions');
      assert.deepEqual(
        manifest?.sources.map((s) => ({ id: s.id, files: s.files, origin: s.origin, text: s.text, derivedFrom: s.derivedFrom, generator: s.generator })),
        [
          { id: 'questions', files: ['data/questions.jsonl'], origin: 'human', text: ['question', 'reply'], derivedFrom: [], generator: undefined },
          {
            id: 'drafts',
            files: ['data/drafts.jsonl'],
            origin: 'synthetic',
            text: ['draft'],
            derivedFrom: ['questions'],
            generator: { model: 'meta-llama/Llama-3.1-8B-Instruct' },
          },
        ],
      );
      assert.equal(drafts?.license, 'https://creativecommons.org/licenses/by/4.0/');
    });

    it('keeps the exact range of every field', () => {
      assert.ok(manifest && questions && drafts);
      assert.deepEqual(span(manifest.ranges.name), [19, 10, 19, 29]);
      assert.equal(textAt(text, manifest.ranges.sources), '"distribution"');
      assert.deepEqual(span(questions.ranges.id), [27, 13, 27, 24]);
      assert.equal(textAt(text, questions.ranges.id), '"questions"');
      assert.deepEqual(span(questions.itemRanges.files[0]), [30, 20, 30, 42]);
      assert.equal(textAt(text, questions.ranges.origin), '"Manual Human Curator"');
      assert.equal(textAt(text, questions.ranges.text), '"question"');
      assert.ok(textAt(text, questions.ranges.self)?.startsWith('{\n      "@type": "cr:FileObject",\n      "@id": "questions"'));
      assert.deepEqual(span(drafts.ranges.origin), [41, 32, 41, 51]);
      assert.equal(textAt(text, drafts.ranges.origin), '"Machine-generated"');
      assert.equal(textAt(text, drafts.ranges['generator.model']), '"meta-llama/Llama-3.1-8B-Instruct"');
      assert.equal(textAt(text, drafts.itemRanges.derivedFrom[0]), '"questions"');
      assert.equal(textAt(text, drafts.ranges.derivedFrom), '{ "@id": "questions" }');
      assert.equal(textAt(text, drafts.ranges.license), '"https://creativecommons.org/licenses/by/4.0/"');
    });

    it('never throws, whatever prefix of the file an editor holds', () => {
      for (let end = 0; end <= text.length; end += 7) {
        const { findings } = parseManifest(EXAMPLE, text.slice(0, end));
        const internal = findings.filter((f) => f.message.includes('internal error'));
        assert.deepEqual(internal, [], `at ${end} characters`);
      }
    });

    it('never throws when any value has the wrong type', () => {
      const scalars = [...text.matchAll(/: ("[^"]*"|\{ "@id": "[^"]*" \})/g)];
      assert.ok(scalars.length > 30);
      for (const m of scalars) {
        for (const replacement of ['[]', '{}', '7', 'null', '[1, {"a": 2}]']) {
          const at = (m.index ?? 0) + 2;
          const mutated = text.slice(0, at) + replacement + text.slice(at + (m[1]?.length ?? 0));
          const { findings } = parseManifest(EXAMPLE, mutated);
          assert.deepEqual(findings.filter((f) => f.message.includes('internal error')), [], `${m[1]} → ${replacement}`);
        }
      }
    });
  });

  describe('metadata the Hugging Face hub generates', () => {
    // Shaped like the hub's /croissant output for teknium/OpenHermes-2.5 (mlcommons/croissant,
    // datasets/1.0/huggingface-open-hermes/metadata.json), cut to a few fields.
    const text = croissant(`  "name": "OpenHermes-2.5",
  "conformsTo": "http://mlcommons.org/croissant/1.0",
  "keywords": ["English", "1M - 10M", "Croissant", "Synthetic", "GPT-4", "Distillation"],
  "url": "https://huggingface.co/datasets/teknium/OpenHermes-2.5",
  "distribution": [
    {
      "@type": "cr:FileObject",
      "@id": "repo",
      "name": "repo",
      "contentUrl": "https://huggingface.co/datasets/teknium/OpenHermes-2.5/tree/refs%2Fconvert%2Fparquet",
      "encodingFormat": "git+https",
      "sha256": "https://github.com/mlcommons/croissant/issues/80"
    },
    {
      "@type": "cr:FileSet",
      "@id": "parquet-files-for-config-default",
      "containedIn": { "@id": "repo" },
      "encodingFormat": "application/x-parquet",
      "includes": "default/*/*.parquet"
    }
  ],
  "recordSet": [
    {
      "@type": "cr:RecordSet",
      "@id": "default",
      "field": [
        {
          "@type": "cr:Field",
          "@id": "default/custom_instruction",
          "dataType": "sc:Boolean",
          "source": { "fileSet": { "@id": "parquet-files-for-config-default" }, "extract": { "column": "custom_instruction" } }
        },
        {
          "@type": "cr:Field",
          "@id": "default/system_prompt",
          "dataType": "sc:Text",
          "source": { "fileSet": { "@id": "parquet-files-for-config-default" }, "extract": { "column": "system_prompt" } }
        },
        {
          "@type": "cr:Field",
          "@id": "default/views",
          "dataType": "sc:Integer",
          "source": { "fileSet": { "@id": "parquet-files-for-config-default" }, "extract": { "column": "views" } }
        }
      ]
    }
  ]`);
    const result = parse(text, '/work/hub/metadata.json');

    it('is detected by its conformsTo / context, not only by name', () => {
      assert.equal(detectDialect('/work/hub/metadata.json', text), 'croissant');
    });

    it('makes the FileSet a source inside its repository, and the repository (a container only) none', () => {
      assert.deepEqual(result.findings, []);
      const sources = result.manifest?.sources ?? [];
      assert.deepEqual(
        sources.map((s) => s.id),
        ['parquet-files-for-config-default'],
      );
      const [parquet] = sources;
      assert.deepEqual(parquet?.files, ['https://huggingface.co/datasets/teknium/OpenHermes-2.5/tree/refs%2Fconvert%2Fparquet/default/*/*.parquet']);
      assert.equal(textAt(text, parquet?.itemRanges.files[0]), '"default/*/*.parquet"');
    });

    it('reads the hub’s Synthetic keyword as origin, and only text columns as text', () => {
      const [parquet] = result.manifest?.sources ?? [];
      assert.equal(parquet?.origin, 'synthetic');
      assert.equal(textAt(text, parquet?.ranges.origin), '"Synthetic"');
      assert.deepEqual(parquet?.text, ['system_prompt']);
      assert.equal(parquet?.generator, undefined);
    });
  });

  describe('provenance', () => {
    it('dataset-level isBasedOn gives lineage, with hub URLs as hub ids', () => {
      const text = croissant(`  "isBasedOn": ["https://huggingface.co/datasets/tatsu-lab/alpaca", { "@id": "urn:dataset:seeds" }],
  "distribution": { "@type": "cr:FileObject", "@id": "train", "contentUrl": "train.jsonl" }`);
      const [train] = parse(text).manifest?.sources ?? [];
      assert.deepEqual(train?.derivedFrom, ['tatsu-lab/alpaca', 'urn:dataset:seeds']);
      assert.equal(textAt(text, train?.itemRanges.derivedFrom[0]), '"https://huggingface.co/datasets/tatsu-lab/alpaca"');
      assert.equal(textAt(text, train?.itemRanges.derivedFrom[1]), '"urn:dataset:seeds"');
      assert.equal(train?.origin, 'unknown');
    });

    it('prefixed terms, a PROV generating activity and human plus synthetic collection read as mixed', () => {
      const text = croissant(`  "dct:conformsTo": "http://mlcommons.org/croissant/1.0",
  "rai:dataCollectionType": ["Surveys", "Synthetic generation"],
  "sc:distribution": [{ "@type": "FileSet", "@id": "all", "cr:includes": ["a/*.jsonl", "b/*.jsonl"] }],
  "cr:recordSet": [{ "cr:field": [{ "@id": "r/t", "cr:source": { "cr:fileSet": { "@id": "all" }, "cr:extract": { "cr:jsonPath": "$.messages[*].content" } } }] }]`);
      const result = parse(text);
      assert.deepEqual(result.findings, []);
      const [all] = result.manifest?.sources ?? [];
      assert.equal(all?.origin, 'mixed');
      assert.equal(textAt(text, all?.ranges.origin), '"Synthetic generation"');
      assert.deepEqual(all?.files, ['a/*.jsonl', 'b/*.jsonl']);
      assert.deepEqual(all?.text, ['messages[].content']);
      assert.equal(textAt(text, all?.itemRanges.files[1]), '"b/*.jsonl"');
    });

    it('a resource’s own statements win over the dataset’s', () => {
      const text = croissant(`  "prov:wasGeneratedBy": { "@type": "prov:Activity", "prov:label": "Synthetic rewrite with an LLM" },
  "distribution": [
    { "@type": "cr:FileObject", "@id": "seeds", "contentUrl": "seeds.csv", "rai:dataCollectionType": "Surveys" },
    { "@type": "cr:FileObject", "@id": "rewrites", "contentUrl": "rewrites.csv", "prov:wasDerivedFrom": { "@id": "seeds" } }
  ]`);
      const [seeds, rewrites] = parse(text).manifest?.sources ?? [];
      assert.equal(seeds?.origin, 'human');
      assert.equal(rewrites?.origin, 'synthetic');
      assert.equal(textAt(text, rewrites?.ranges.origin), '"Synthetic rewrite with an LLM"');
      assert.deepEqual(rewrites?.derivedFrom, ['seeds']);
    });

    it('a web crawl or a software agent alone says nothing about origin', () => {
      const text = croissant(`  "distribution": [{ "@type": "cr:FileObject", "@id": "crawl", "contentUrl": "crawl.jsonl",
    "rai:dataCollectionType": "Web Scraping",
    "prov:wasGeneratedBy": { "prov:label": "Web Crawl 2023-10" },
    "prov:wasAttributedTo": { "@type": "prov:SoftwareAgent", "prov:label": "CCBot" } }]`);
      const [crawl] = parse(text).manifest?.sources ?? [];
      assert.equal(crawl?.origin, 'unknown');
      assert.equal(crawl?.generator, undefined);
    });
  });

  describe('text fields', () => {
    it('keys, foreign keys, transformed and non-text fields are left out; sub-fields are read', () => {
      const text = croissant(`  "distribution": [{ "@type": "cr:FileObject", "@id": "chats", "contentUrl": "chats.jsonl" }],
  "recordSet": [{ "@id": "r", "key": { "@id": "r/id" }, "field": [
    { "@id": "r/id", "dataType": "sc:Text", "source": { "fileObject": { "@id": "chats" }, "extract": { "column": "id" } } },
    { "@id": "r/user", "references": { "@id": "users/id" }, "source": { "fileObject": { "@id": "chats" }, "extract": { "column": "user" } } },
    { "@id": "r/day", "source": { "fileObject": { "@id": "chats" }, "extract": { "column": "ts" }, "transform": { "regex": "^(\\\\d+)" } } },
    { "@id": "r/score", "dataType": "sc:Float", "source": { "fileObject": { "@id": "chats" }, "extract": { "column": "score" } } },
    { "@id": "r/messages", "subField": [
      { "@id": "r/messages/content", "dataType": ["sc:Text"], "source": { "fileObject": { "@id": "chats" }, "extract": { "jsonPath": "$.messages[*].content" } } }
    ] }
  ] }]`);
      const result = parse(text);
      assert.deepEqual(result.findings, []);
      const [chats] = result.manifest?.sources ?? [];
      assert.deepEqual(chats?.text, ['messages[].content']);
      assert.equal(textAt(text, chats?.ranges.text), '"$.messages[*].content"');
    });
  });

  describe('detection', () => {
    it('by name, by Croissant markers in JSON, and never for other files', () => {
      assert.equal(detectDialect('/d/croissant.json', '{}'), 'croissant');
      assert.equal(detectDialect('/d/alpaca.croissant.json', '{}'), 'croissant');
      assert.equal(detectDialect('/d/meta.json', croissant('  "name": "x"')), 'croissant');
      assert.equal(detectDialect('/d/meta.json', '{ "conformsTo": ["http://mlcommons.org/croissant/1.0"] }'), 'croissant');
      assert.equal(detectDialect('/d/meta.json', '{ "@context": { "@vocab": "https://schema.org/" } }'), undefined);
      assert.equal(detectDialect('/d/a.dataset.json', croissant('  "sources": []')), 'synthlint');
      assert.equal(detectDialect('/d/meta.yaml', `cr: "http://mlcommons.org/croissant/"`), undefined);
    });
  });

  describe('bad input, each reported at its position', () => {
    it('a JSON syntax error gives no model', () => {
      const result = parse('{\n  "name": "x",\n  "distribution": [,]\n}');
      assert.equal(result.manifest, undefined);
      assert.deepEqual(span(findingWith(result.findings, 'JSON syntax error').range), [2, 19, 2, 20]);
    });

    it('an empty file and a document that is not an object', () => {
      assert.deepEqual(span(findingWith(parse('').findings, 'The file is empty').range), [0, 0, 0, 0]);
      const list = parse('[1, 2]');
      assert.equal(list.manifest, undefined);
      assert.equal(findingWith(list.findings, 'must be a mapping').message, 'The Croissant metadata must be a mapping, not a list.');
    });

    it('a missing distribution points at the first key', () => {
      const text = croissant('  "name": "x"');
      const finding = findingWith(parse(text).findings, 'has no `distribution`');
      assert.equal(textAt(text, finding.range), '"@context"');
    });

    it('a distribution that is a string, and entries that are not objects', () => {
      const text = croissant('  "distribution": "data.csv"');
      assert.equal(textAt(text, findingWith(parse(text).findings, '`distribution` must be').range), '"data.csv"');
      const items = croissant('  "distribution": [42]');
      assert.equal(findingWith(parse(items).findings, 'Distribution entry 1').message, 'Distribution entry 1 must be a mapping, not the number 42.');
    });

    it('a wrong @type is reported with a fix, and the entry still read', () => {
      const text = croissant('  "distribution": [{ "@type": "sc:DataDownload", "@id": "d", "contentUrl": "d.csv" }]');
      const result = parse(text);
      const finding = findingWith(result.findings, 'must have `"@type": "cr:FileObject"`');
      assert.equal(textAt(text, finding.range), '"sc:DataDownload"');
      assert.equal(finding.fixes?.[0]?.edits[0]?.newText, '"cr:FileObject"');
      assert.deepEqual(result.manifest?.sources[0]?.files, ['d.csv']);
    });

    it('a FileObject without contentUrl and a FileSet whose includes is not a glob', () => {
      const text = croissant(`  "distribution": [
    { "@type": "cr:FileObject", "@id": "a" },
    { "@type": "cr:FileSet", "@id": "b", "includes": 3 }
  ]`);
      const findings = parse(text).findings;
      assert.equal(textAt(text, findingWith(findings, "FileObject 'a' has no `contentUrl`").range), '"a"');
      assert.equal(findingWith(findings, "`includes` of 'b'").message, "`includes` of 'b' must be a string or a list of strings, not the number 3.");
      assert.deepEqual(span(findingWith(findings, "`includes` of 'b'").range), [5, 53, 5, 54]);
    });

    it('a field reading from an unknown resource gets a did-you-mean and a fix', () => {
      const text = croissant(`  "distribution": [{ "@type": "cr:FileObject", "@id": "train", "contentUrl": "t.csv" }],
  "recordSet": [{ "field": [{ "source": { "fileObject": { "@id": "traim" }, "extract": { "column": "text" } } }] }]`);
      const result = parse(text);
      const finding = findingWith(result.findings, "reads from 'traim'");
      assert.equal(textAt(text, finding.range), '"traim"');
      assert.match(finding.message, /Did you mean 'train'\?/);
      assert.equal(finding.fixes?.[0]?.edits[0]?.newText, '"train"');
      assert.equal(result.manifest?.sources[0]?.text, undefined);
    });

    it('containedIn an unknown resource, a duplicate @id and a missing @id', () => {
      const text = croissant(`  "distribution": [
    { "@type": "cr:FileSet", "@id": "imgs", "containedIn": { "@id": "archiv" }, "includes": "*.jpg" },
    { "@type": "cr:FileObject", "@id": "archive", "contentUrl": "https://example.org/a.zip" },
    { "@type": "cr:FileObject", "@id": "imgs", "contentUrl": "x.csv" },
    { "@type": "cr:FileObject", "contentUrl": "y.csv" }
  ]`);
      const result = parse(text);
      const contained = findingWith(result.findings, "contained in 'archiv'");
      assert.equal(textAt(text, contained.range), '"archiv"');
      assert.match(contained.message, /Did you mean 'archive'\?/);
      const duplicate = findingWith(result.findings, "Duplicate source id 'imgs'");
      assert.deepEqual(span(duplicate.range), [6, 39, 6, 45]);
      assert.equal(textAt(text, duplicate.range), '"imgs"');
      assert.deepEqual(span(duplicate.related?.[0]?.range), [4, 36, 4, 42]);
      assert.equal(textAt(text, findingWith(result.findings, 'Distribution entry 4 has no `@id`').range), '"@type"');
      assert.deepEqual(
        result.manifest?.sources.map((s) => s.id),
        ['imgs', 'archive', 'imgs', '#4'],
      );
    });

    it('wrong types in lineage, licence and collection type are reported, not thrown', () => {
      const text = croissant(`  "license": 5,
  "isBasedOn": [true],
  "rai:dataCollectionType": [{ "x": 1 }],
  "distribution": [{ "@type": "cr:FileObject", "@id": "a", "contentUrl": "a.csv" }]`);
      const result = parse(text);
      assert.equal(textAt(text, findingWith(result.findings, '`license` must be').range), '5');
      assert.equal(textAt(text, findingWith(result.findings, '`isBasedOn` must be').range), 'true');
      assert.equal(textAt(text, findingWith(result.findings, '`dataCollectionType` must be').range), '{ "x": 1 }');
      assert.deepEqual(result.manifest?.sources[0]?.derivedFrom, []);
    });
  });
});
