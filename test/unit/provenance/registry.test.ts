import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../../../src/core/parse';
import { defaultRegistry } from '../../../src/core/provenance/default-registry';
import type { RegistryFile } from '../../../src/core/provenance/entry';
import { nameEvidence } from '../../../src/core/provenance/name-evidence';
import { DatasetRegistry, registryKey } from '../../../src/core/provenance/registry';

const REPO = path.resolve(__dirname, '../../..');

function mixer(names: string[]): string {
  return `dataset_mixer:\n${names.map((n) => `  ${n}: 1.0`).join('\n')}\n`;
}

function sourcesOf(names: string[], registry?: DatasetRegistry) {
  const parsed = parseManifest('/w/train.yaml', mixer(names), registry === undefined ? {} : { registry });
  return parsed.manifest?.sources ?? [];
}

describe('provenance registry', () => {
  describe('the committed registry', () => {
    const file = JSON.parse(readFileSync(path.join(REPO, 'src/core/provenance/datasets.json'), 'utf8')) as RegistryFile;

    it('holds the Data Provenance Collection hub datasets and the curated entries, each with a citation', () => {
      const fromDpi = file.entries.filter((e) => e.from === 'dpi');
      const curated = file.entries.filter((e) => e.from === 'curated');
      assert.ok(fromDpi.length > 500, `${fromDpi.length} collection entries`);
      assert.ok(curated.length > 100, `${curated.length} curated entries`);
      for (const entry of file.entries) assert.ok(entry.citation?.startsWith('http'), `${entry.id} has no citation`);
    });

    it('has no id twice, counting aliases', () => {
      const keys = file.entries.flatMap((e) => [e.id, ...(e.aliases ?? [])].map(registryKey));
      assert.equal(new Set(keys).size, keys.length);
    });

    it('folds a name to its key by the four documented rules, whether or not it is already in key form', () => {
      // The rules spelled out (registryKey skips them for names already in key form); every name below must agree.
      const byRules = (name: string): string =>
        name
          .trim()
          .toLowerCase()
          .replace(/^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\//, '')
          .replace(/^hf:\/\/datasets\//, '')
          .replace(/\/(?:viewer|tree|blob|resolve)\/.*$/, '')
          .replace(/\/+$/, '');
      const stems = ['HuggingFaceH4/ultrachat_200k', 'openai/gsm8k', 'gsm8k', 'a.b-c_d/e.f', 'İstanbul/Data', 'x//y', 'owner/viewer', 'viewer/tree/blob', ''];
      const prefixes = ['', ' ', 'https://huggingface.co/datasets/', 'http://www.hf.co/datasets/', 'hf://datasets/', 'huggingface.co/datasets/', 'hf.co/datasets/', 'www.', 'HF.CO/datasets/'];
      const tails = ['', '/', '//', ' ', '\t', '/viewer/default', '/tree/main/data', '/blob/x', '/resolve/', '/viewer', '/TREE/main'];
      const names = file.entries.flatMap((e) => [e.id, ...(e.aliases ?? [])]);
      for (const stem of stems) for (const prefix of prefixes) for (const tail of tails) names.push(prefix + stem + tail);
      for (const name of names) assert.equal(registryKey(name), byRules(name), JSON.stringify(name));
    });

    it('resolves every variantOf and curated derivedFrom to an entry', () => {
      const registry = defaultRegistry();
      for (const entry of file.entries.filter((e) => e.from === 'curated')) {
        if (entry.variantOf !== undefined) assert.ok(registry.lookup(entry.variantOf), `${entry.id}: variantOf ${entry.variantOf}`);
        for (const parent of entry.derivedFrom ?? []) if (parent !== 'AI-MO/NuminaMath-1.5') assert.ok(registry.lookup(parent), `${entry.id}: derivedFrom ${parent}`);
      }
    });
  });

  describe('lookup', () => {
    it('finds a hub id whatever its case and the URL spelling of it, and nothing by a similar name', () => {
      const registry = defaultRegistry();
      assert.equal(registry.lookup('HuggingFaceH4/ultrachat_200k')?.entry.id, 'HuggingFaceH4/ultrachat_200k');
      assert.equal(registry.lookup('huggingfaceh4/ULTRACHAT_200K')?.matched, 'id');
      assert.equal(registry.lookup('https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k/viewer/default')?.entry.id, 'HuggingFaceH4/ultrachat_200k');
      assert.equal(registry.lookup('HuggingFaceH4/ultrachat_20k'), undefined);
      assert.equal(registry.lookup('ultrachat_200k'), undefined);
    });

    it('resolves an alias to its entry and says so', () => {
      const match = defaultRegistry().lookup('gsm8k');
      assert.equal(match?.entry.id, 'openai/gsm8k');
      assert.equal(match?.matched, 'alias');
    });

    it('gives a variant its parent origin, generators and licence, and its parent depth', () => {
      const registry = defaultRegistry();
      const cleaned = registry.lookup('yahma/alpaca-cleaned')?.entry;
      assert.equal(cleaned?.origin, 'synthetic');
      assert.deepEqual(cleaned?.generators, ['text-davinci-003']);
      assert.equal(cleaned?.license, 'cc-by-nc-4.0');
      assert.equal(registry.depth('yahma/alpaca-cleaned'), registry.depth('tatsu-lab/alpaca'));
      assert.equal(registry.depth('tatsu-lab/alpaca'), 1);
      assert.equal(registry.depth('vicgalle/alpaca-gpt4'), 2);
      assert.equal(registry.depth('teknium/GPT4-LLM-Cleaned'), 2);
      assert.equal(registry.depth('databricks/databricks-dolly-15k'), 0);
      assert.equal(registry.depth('not/in-the-registry'), undefined);
    });

    it('puts a machine-translated copy of generated text at its source depth (translation is not generation)', () => {
      // Found on LLaMA-Factory's dataset_info.json: the German copies of Alpaca-GPT4 and Evol-Instruct were
      // recursive-generation errors at generation 3, though no card says an LLM translated them.
      const registry = defaultRegistry();
      for (const [copy, source] of [
        ['mayflowergmbh/alpaca-gpt4_de', 'vicgalle/alpaca-gpt4'],
        ['mayflowergmbh/evol-instruct_de', 'WizardLM/WizardLM_evol_instruct_70k'],
        ['llamafactory/glaive_toolcall_zh', 'glaiveai/glaive-function-calling-v2'],
      ] as const) {
        assert.equal(registry.depth(copy), registry.depth(source), copy);
        assert.deepEqual(registry.lookup(copy)?.entry.machines, ['llm', 'mt'], copy);
      }
    });

    it('puts a selection or mix of existing sets at the depth of its deepest text, not one generation below them', () => {
      // Found on real configs (alignment-handbook gemma-7b dpo mix1, axolotl gemma2 reward model): dpo-mix-7k was
      // an error at generation 3 and distilabel-intel-orca-dpo-pairs a warning at 2, though neither regenerates text.
      const registry = defaultRegistry();
      assert.equal(registry.depth('Intel/orca_dpo_pairs'), 1);
      assert.equal(registry.depth('argilla/distilabel-intel-orca-dpo-pairs'), 1);
      assert.equal(registry.depth('argilla/distilabel-capybara-dpo-7k-binarized'), 2);
      assert.equal(registry.depth('argilla/dpo-mix-7k'), 2);
      assert.equal(registry.depth('argilla/kto-mix-15k'), 2);
      assert.equal(registry.depth('mosaicml/dolly_hhrlhf'), 1);
      assert.equal(registry.depth('mosaicml/instruct-v3'), 1);
      // Constitutional AI sets answer HH-RLHF's human prompts anew (llm-swarm generate_dataset.py): generation 1.
      assert.equal(registry.depth('HuggingFaceH4/cai-conversation-harmless'), 1);
      assert.equal(registry.depth('HuggingFaceH4/grok-conversation-harmless'), 1);
    });

    it('lets a later layer override an entry by id and by alias, leaving the rest', () => {
      const base = DatasetRegistry.of([
        { id: 'a/one', origin: 'human', aliases: ['one'] },
        { id: 'a/two', origin: 'synthetic', generators: ['gpt-4'] },
      ]);
      const team = base.with([{ id: 'a/one', origin: 'mixed', note: 'we know better', from: 'config' }]);
      assert.equal(team.lookup('a/one')?.entry.origin, 'mixed');
      assert.equal(team.lookup('a/two')?.entry.origin, 'synthetic');
      assert.equal(base.lookup('a/one')?.entry.origin, 'human');
      assert.equal(team.lookup('one')?.entry.origin, 'human', 'an alias of the base entry still reads the base entry');
    });

    it('survives a variantOf cycle', () => {
      const registry = DatasetRegistry.of([
        { id: 'a', origin: 'unknown', variantOf: 'b' },
        { id: 'b', origin: 'unknown', variantOf: 'a' },
      ]);
      assert.equal(registry.lookup('a')?.entry.origin, 'unknown');
      assert.equal(registry.depth('a'), 0);
    });
  });

  describe('origin evidence on a training mixture', () => {
    it('takes a registry entry with its citation and generators', () => {
      const [source] = sourcesOf(['open-r1/OpenR1-Math-220k']);
      assert.equal(source?.origin, 'synthetic');
      assert.equal(source?.generator?.model, 'DeepSeek-R1');
      assert.deepEqual(source?.derivedFrom, ['AI-MO/NuminaMath-1.5']);
      assert.equal(source?.originEvidence?.kind, 'registry');
      assert.equal(source?.originEvidence?.citation, 'https://huggingface.co/datasets/open-r1/OpenR1-Math-220k');
    });

    it('combines every generator of an entry and carries its terms', () => {
      const [source] = sourcesOf(['Open-Orca/OpenOrca']);
      assert.equal(source?.generator?.model, 'gpt-4 / gpt-3.5-turbo');
      assert.deepEqual(source?.terms, ['OpenAI']);
    });

    it('reads a Data Provenance Collection entry as such', () => {
      const [source] = sourcesOf(['camel-ai/math']);
      assert.equal(source?.origin, 'synthetic');
      assert.equal(source?.originEvidence?.kind, 'registry');
      assert.match(source?.originEvidence?.detail ?? '', /^Data Provenance Collection/);
    });

    it('falls back to what the name states, labelled as weak evidence', () => {
      const [source] = sourcesOf(['someone/my-alpaca-gpt4-mix']);
      assert.equal(source?.origin, 'synthetic');
      assert.equal(source?.generator?.model, 'gpt-4');
      assert.equal(source?.originEvidence?.kind, 'name');
      assert.match(source?.originEvidence?.detail ?? '', /^Only the name says so/);
      assert.equal(source?.originEvidence?.citation, undefined);
    });

    it('leaves a dataset it knows nothing about unknown', () => {
      const [source] = sourcesOf(['someone/my-data']);
      assert.equal(source?.origin, 'unknown');
      assert.deepEqual(source?.originEvidence, { kind: 'none' });
      assert.equal(source?.generator, undefined);
    });

    it('counts machine translation as human unless the config counts it', () => {
      const registry = DatasetRegistry.of([{ id: 'x/dolly-th', origin: 'human', machines: ['mt'], derivedFrom: ['databricks/databricks-dolly-15k'] }]);
      assert.equal(sourcesOf(['x/dolly-th'], registry)[0]?.origin, 'human');
      const counted = parseManifest('/w/train.yaml', mixer(['x/dolly-th']), { registry, syntheticMachines: ['llm', 'mt'] });
      assert.equal(counted.manifest?.sources[0]?.origin, 'synthetic');
    });

    it('marks a native manifest statement as declared', () => {
      const parsed = parseManifest('/w/d.dataset.yaml', 'sources:\n  - id: a\n    files: a.jsonl\n    origin: human\n  - id: b\n    files: b.jsonl\n');
      assert.deepEqual(
        parsed.manifest?.sources.map((s) => s.originEvidence?.kind),
        ['declared', 'none'],
      );
    });
  });

  describe('name evidence', () => {
    const cases: [string, string | undefined][] = [
      ['vicgalle/alpaca-gpt4', 'gpt-4'],
      ['teknium/GPT4-LLM-Cleaned', 'gpt-4'],
      ['anon8231489123/ShareGPT_Vicuna_unfiltered', 'ChatGPT'],
      ['someone/claude-3-opus-conversations', 'claude'],
      ['ServiceNow-AI/R1-Distill-SFT', 'DeepSeek-R1'],
      ['Magpie-Align/Magpie-Pro-300K-Filtered', undefined],
    ];
    for (const [name, model] of cases) {
      it(`reads '${name}'`, () => {
        const evidence = nameEvidence(name);
        assert.ok(evidence, 'some evidence');
        assert.equal(evidence.model, model);
      });
    }
    it('reads nothing into names that only contain the letters', () => {
      for (const name of ['openai/gsm8k', 'allenai/c4', 'someone/gpt2-tokenized-wiki', 'dclaudeb/x', 'HuggingFaceFW/fineweb']) {
        assert.equal(nameEvidence(name), undefined, name);
      }
    });
  });
});
