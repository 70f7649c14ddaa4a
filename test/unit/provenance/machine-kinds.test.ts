import * as assert from 'node:assert/strict';
import { effectiveRules } from '../../../src/core/config';
import { lint } from '../../../src/core/lint';
import { parseManifest } from '../../../src/core/parse';
import { lintFile } from '../../../src/project/lint-file';
import { makeTree } from '../project/tmp-tree';

/** Front matter in the shape Hugging Face's card metadata uses (language_creators, task_categories, tags). */
function card(lines: string[]): string {
  return ['---', ...lines, 'configs:', '- config_name: default', '  data_files: data/*.parquet', '---', '# Card', ''].join('\n');
}

describe('machine-generated text by kind of machine (Hugging Face cards)', () => {
  const asr = card(['language_creators:', '- machine-generated', 'task_categories:', '- automatic-speech-recognition']);
  const ocr = card(['language_creators:', '- machine-generated', 'task_ids:', '- optical-character-recognition', 'tags:', '- ocr']);
  const unnamed = card(['language_creators:', '- machine-generated', 'task_categories:', '- text-generation']);
  const llm = card(['language_creators:', '- machine-generated', 'task_categories:', '- text-generation', 'tags:', '- synthetic']);

  it('reads speech recognition and OCR output as human text by default, saying which machine', () => {
    for (const [text, machine] of [[asr, 'asr'], [ocr, 'ocr']] as const) {
      const source = parseManifest('/w/README.md', text).manifest?.sources[0];
      assert.equal(source?.origin, 'human');
      assert.equal(source?.originEvidence?.kind, 'declared');
      assert.equal(source?.originEvidence?.machine, machine);
    }
  });

  it('counts them as synthetic when the config counts that machine', () => {
    const source = parseManifest('/w/README.md', ocr, { syntheticMachines: ['llm', 'ocr'] }).manifest?.sources[0];
    assert.equal(source?.origin, 'synthetic');
  });

  it('reads machine-generated text as LLM output when the card says synthetic or names a model', () => {
    const named = unnamed.replace('# Card', '# Card\n\nAnswers written by GPT-4 from the seed questions.');
    for (const text of [llm, named]) {
      const source = parseManifest('/w/README.md', text).manifest?.sources[0];
      assert.equal(source?.origin, 'synthetic');
      assert.equal(source?.originEvidence?.machine, undefined);
    }
  });

  it('leaves machine-generated text unknown when nothing says which machine (a script, a translator or a model)', () => {
    const source = parseManifest('/w/README.md', unnamed).manifest?.sources[0];
    assert.equal(source?.origin, 'unknown');
    assert.equal(source?.originEvidence?.kind, 'none');
    assert.match(source?.originEvidence?.detail ?? '', /does not say by what/);
    const findings = lint({ file: '/w/README.md', text: unnamed, parse: parseManifest('/w/README.md', unnamed), rules: effectiveRules(undefined, '/w/README.md', '/w') });
    assert.match(findings.find((f) => f.ruleId === 'provenance-missing')?.message ?? '', /is of unknown origin: `machine-generated`, but the card does not say by what/);
  });

  it('asks no generator of OCR text', () => {
    const file = '/w/README.md';
    const parse = parseManifest(file, ocr);
    const findings = lint({ file, text: ocr, parse, rules: effectiveRules(undefined, file, '/w') });
    assert.deepEqual(findings.filter((f) => f.ruleId === 'generator-missing'), []);
    const llmParse = parseManifest(file, llm);
    assert.equal(lint({ file, text: llm, parse: llmParse, rules: effectiveRules(undefined, file, '/w') }).filter((f) => f.ruleId === 'generator-missing').length, 1);
  });
});

describe('a card-only repository', () => {
  it('gets no source-missing for the default data glob nobody wrote, but does for a data_files entry', async () => {
    const tree = makeTree({
      'only-card/README.md': '---\nlanguage_creators:\n- found\nlicense: mit\n---\n# A dataset whose files live elsewhere\n',
      'wrote-it/README.md': card(['language_creators:', '- found']),
    });
    try {
      const onlyCard = await lintFile(tree.path('only-card/README.md'));
      assert.equal(onlyCard.manifest?.dialect, 'hf-card');
      assert.deepEqual(onlyCard.findings.filter((f) => f.ruleId === 'source-missing'), []);
      const wrote = await lintFile(tree.path('wrote-it/README.md'));
      assert.equal(wrote.findings.filter((f) => f.ruleId === 'source-missing').length, 1);
    } finally {
      tree.remove();
    }
  });
});

describe('Croissant 1.1 language maps', () => {
  it('reads a language-map name in English, without a type error, from metadata.json', () => {
    const text = JSON.stringify({
      '@context': { '@language': 'en', '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/' },
      '@type': 'sc:Dataset',
      conformsTo: 'http://mlcommons.org/croissant/1.1',
      name: { fr: 'Mes données', en: 'My data' },
      distribution: [{ '@type': 'cr:FileObject', '@id': 'f', name: 'f', contentUrl: 'data/f.jsonl', encodingFormat: 'application/jsonlines' }],
    });
    const parsed = parseManifest('/w/metadata.json', text);
    assert.equal(parsed.manifest?.dialect, 'croissant');
    assert.equal(parsed.manifest?.name, 'My data');
    assert.deepEqual(parsed.findings.map((f) => f.message), []);
  });
});
