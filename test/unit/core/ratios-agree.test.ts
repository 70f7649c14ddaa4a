/**
 * Every view prints the synthetic share core/ratios.ts computes, in its words (issue #12): the rule message,
 * the CodeLens, the status bar, the report and the JSON output agree on every example and on mixtures whose
 * sizes are known only in part.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatJson, type JsonFileResult } from '../../../src/cli/formatters/json';
import { configuredMixedWeight, shareSummary, syntheticShares } from '../../../src/core/ratios';
import { percent } from '../../../src/core/rules/format';
import { analyzerFor, lintFile, type LintedFile } from '../../../src/project/index';
import { renderReportHtml } from '../../../src/report/html';
import { ManifestState } from '../../../src/server/manifest-state';
import type { SourceRow } from '../../../src/report/types';
import { manifestLensTitle, sourceHoverMarkdown } from '../../../src/server/source-text';
import { makeTree } from '../project/tmp-tree';

interface Views {
  rule?: string;
  lens: string;
  status: { short: string; text: string; why?: string; reason?: string };
  report: string;
  html: string;
  json: string;
}

function views(linted: LintedFile): Views {
  const state = new ManifestState(linted.file, `file://${linted.file}`);
  state.setResult(linted);
  const model = state.reportModel();
  assert.ok(model, `${linted.file} is a manifest`);
  const status = state.status(true).syntheticShare;
  assert.ok(status);
  const json = JSON.parse(formatJson([{ ...linted, ...(linted.rules ? { rules: linted.rules } : {}) }], { cwd: '/', color: false, version: '0', rules: [] })) as { syntheticShare?: { text: string } }[];
  return {
    rule: linted.findings.find((f) => f.ruleId === 'synthetic-share')?.message,
    lens: manifestLensTitle(model),
    status,
    report: model.syntheticShare.text,
    html: renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file' }),
    json: json[0]?.syntheticShare?.text ?? '',
  };
}

function assertAgree(v: Views, expected: string): void {
  assert.equal(v.report, expected);
  assert.equal(v.lens, `synthetic ${expected}`);
  assert.equal(v.status.text, expected);
  assert.equal(v.json, expected);
  assert.ok(v.html.includes(expected), `the report's header shows ${expected}`);
  if (v.rule !== undefined) assert.ok(v.rule.includes(`Synthetic share is ${expected},`), `${v.rule} says ${expected}`);
}

function manifestsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'data' ? [] : manifestsUnder(path);
    return /\.(dataset\.(ya?ml|json)|ya?ml)$|README\.md$|croissant\.json$/.test(name) ? [path] : [];
  });
}

describe('core: one synthetic share in every view', () => {
  it('15 human / 60 mixed / 25 synthetic tokens: 55% (mixed counted at 50%) in the rule, CodeLens, status bar, report and JSON', async () => {
    const tree = makeTree({
      'mix.dataset.yaml': [
        'sources:',
        '  - { id: people, files: [a.jsonl], origin: human, tokens: 15 }',
        '  - { id: blend, files: [b.jsonl], origin: mixed, tokens: 60 }',
        '  - { id: model, files: [c.jsonl], origin: synthetic, tokens: 25, generator: { model: gpt-4o } }',
        '',
      ].join('\n'),
    });
    try {
      const v = views(await lintFile(tree.path('mix.dataset.yaml')));
      assertAgree(v, '55% by tokens (mixed counted at 50%)');
      assert.ok(v.rule, 'above the default maximum of 50%, the rule fires');
      assert.equal(v.status.short, '55% synthetic');
    } finally {
      tree.remove();
    }
  });

  it('counts mixed sources as the config tells the rule to, in every view', async () => {
    const tree = makeTree({
      '.synthlint.yaml': 'rules:\n  synthetic-share: [warning, { mixedWeight: 1 }]\n',
      'mix.dataset.yaml': ['sources:', '  - { id: people, files: [a.jsonl], origin: human, tokens: 15 }', '  - { id: blend, files: [b.jsonl], origin: mixed, tokens: 85 }', ''].join('\n'),
    });
    try {
      const linted = await lintFile(tree.path('mix.dataset.yaml'));
      assert.equal(configuredMixedWeight(linted.rules), 1);
      assertAgree(views(linted), '85% by tokens (mixed counted at 100%)');
    } finally {
      tree.remove();
    }
  });

  it('an open-instruct mixer of fractions and counts, the fractions\' sizes unknown: unknown, saying why, in every view; never 0.0%', async () => {
    // Counts above 1 are rows drawn (open-instruct's get_datasets); fractions are parts of datasets of unknown size,
    // so the weights give no share: every view says so and why, rather than a confident figure.
    const tree = makeTree({
      'mixer.yaml': [
        'dataset_mixer:',
        '  allenai/tulu-v2-sft-mixture: 1.0',
        '  HuggingFaceH4/no_robots: 9500',
        '  teknium/OpenHermes-2.5: 50000',
        '  my-org/in-house-chats: 0.5',
        '',
      ].join('\n'),
    });
    try {
      const linted = await lintFile(tree.path('mixer.yaml'));
      assert.ok(linted.manifest);
      const shares = syntheticShares(linted.manifest);
      assert.equal(shares.byWeight.unknownBecause, 'sizes-unknown');
      const v = views(linted);
      assertAgree(v, 'unknown: weights are fractions of each dataset; sizes unknown');
      assert.equal(v.status.short, 'synthetic —');
      assert.equal(v.status.why, 'weights are fractions of each dataset; sizes unknown');
      assert.match(v.html, /not measured/, 'the bases say not measured rather than 0%');
      assert.match(v.html, /<p class="note">Unknown: weights are fractions of each dataset; sizes unknown\.<\/p>/, 'the weight basis says why');
      assert.equal(v.rule, undefined, 'the rule does not judge a share it cannot compute');
    } finally {
      tree.remove();
    }
  });

  it('a real blend whose every dataset is of unknown origin: unknown, saying why, in every view; never "at least 0%"', async () => {
    // The NeMo launcher's gpt3/126m.yaml, unchanged: a `data_prefix` blend of 30 local paths, weighted, that neither the
    // registry nor a comment classes. With no evidence, a 0% share would read as "no synthetic data".
    const file = join(__dirname, '../../fixtures/real-configs/nemo-launcher/launcher_scripts/conf/training/gpt3/126m.yaml');
    const linted = await lintFile(file);
    assert.ok(linted.manifest);
    assert.ok(linted.manifest.sources.length > 10 && linted.manifest.sources.every((s) => s.origin === 'unknown'));
    const v = views(linted);
    assertAgree(v, "unknown: every weighted source's origin is unknown");
    assert.equal(v.status.short, 'synthetic —');
    assert.equal(v.status.why, "every weighted source's origin is unknown");
    assert.equal(v.status.reason, 'origins-unknown');
    assert.doesNotMatch(v.html, /at least 0%/);
    assert.equal(v.rule, undefined);
  });

  it('an open-instruct mixer of local files the analyzer counts: the fractions become tokens drawn, in every view', async () => {
    const line = (i: number): string => JSON.stringify({ messages: [{ role: 'user', content: `question ${i}` }, { role: 'assistant', content: `answer ${i}` }] });
    const tree = makeTree({
      'people.jsonl': `${Array.from({ length: 30 }, (_, i) => line(i)).join('\n')}\n`,
      'model.jsonl': `${Array.from({ length: 10 }, (_, i) => line(100 + i)).join('\n')}\n`,
      'mixer.yaml': ['dataset_mixer:', '  people.jsonl: 0.5   # human written', '  model.jsonl: 1.0    # gpt4 generated', ''].join('\n'),
    });
    try {
      const linted = await lintFile(tree.path('mixer.yaml'), { data: true, analyze: analyzerFor({ readRoots: [tree.path('.')] }) });
      assert.ok(linted.manifest && linted.profiles);
      const shares = syntheticShares(linted.manifest, linted.profiles);
      // Every source has a token figure, so the fractions are taken of tokens: 0.5 of the human file, all of the model's.
      assert.equal(shares.byWeight.sizeBasis, 'tokens');
      const tokens = (id: string): number => linted.profiles.get(id)?.tokensEstimate ?? Number.NaN;
      const synthetic = tokens('model.jsonl') / (0.5 * tokens('people.jsonl') + tokens('model.jsonl'));
      assert.ok(synthetic > 0.3 && synthetic < 0.5, `${synthetic}: near 10 of 25 rows drawn`);
      assertAgree(views(linted), `${percent(synthetic)} by mixture weight × tokens`);
    } finally {
      tree.remove();
    }
  });

  it('a recipe whose weighted datasets are all synthetic: 100% in every view, sizes unknown or not, and no "unknown" note', async () => {
    const tree = makeTree({
      'recipe.yaml': [
        'dataset_mixture:',
        '  datasets:',
        '    - id: my-org/rewrites   # gpt4 generated',
        '      weight: 1.0',
        '    - id: my-org/answers    # synthetic',
        '      weight: 0.01',
        '',
      ].join('\n'),
    });
    try {
      const v = views(await lintFile(tree.path('recipe.yaml')));
      assertAgree(v, '100% by mixture weight (every weighted source synthetic)');
      assert.ok(v.rule, 'above the default maximum, the rule fires on a share it can back');
      assert.doesNotMatch(v.html, /Unknown: /);
    } finally {
      tree.remove();
    }
  });

  it('the hover and the JSON say what each weight holds (a fraction of the dataset, rows drawn)', async () => {
    const tree = makeTree({ 'mixer.yaml': 'dataset_mixer:\n  org/a: 0.5\n  org/b: 2500\n' });
    try {
      const linted = await lintFile(tree.path('mixer.yaml'));
      const state = new ManifestState(linted.file, `file://${linted.file}`);
      state.setResult(linted);
      const model = state.reportModel();
      const row = (id: string): SourceRow => model?.sources.find((r) => r.id === id) ?? assert.fail(`no row ${id}`);
      assert.ok(model);
      assert.match(sourceHoverMarkdown(row('org/a'), model), /^Weight 0\.5: the fraction of this dataset drawn$/m);
      assert.match(sourceHoverMarkdown(row('org/b'), model), /^Weight 2,500: rows drawn from this dataset$/m);
      const [json] = JSON.parse(formatJson([linted], { cwd: '/', color: false, version: '0', rules: [] })) as JsonFileResult[];
      assert.deepEqual(json?.sources?.map((s) => s.weight), [{ value: 0.5, kind: 'fraction-of-source' }, { value: 2500, kind: 'rows' }]);
    } finally {
      tree.remove();
    }
  });

  it('agrees on every example manifest', async () => {
    const files = manifestsUnder(join(__dirname, '../../../examples'));
    assert.ok(files.length >= 8, `examples found: ${files.length}`);
    let judged = 0;
    for (const file of files) {
      const linted = await lintFile(file);
      if (!linted.manifest) continue;
      const summary = shareSummary(syntheticShares(linted.manifest, linted.profiles), configuredMixedWeight(linted.rules));
      const v = views(linted);
      assertAgree(v, summary.text);
      if (v.rule) judged++;
    }
    assert.ok(judged > 0, 'some example is above its maximum, so the rule message is compared too');
  });
});
