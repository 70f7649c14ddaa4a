/**
 * Every view prints the synthetic share core/ratios.ts computes, in its words (issue #12): the rule message,
 * the CodeLens, the status bar, the report and the JSON output agree on every example and on mixtures whose
 * sizes are known only in part.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatJson } from '../../../src/cli/formatters/json';
import { configuredMixedWeight, formatShare, headlineShare, syntheticShares } from '../../../src/core/ratios';
import { lintFile, type LintedFile } from '../../../src/project/index';
import { renderReportHtml } from '../../../src/report/html';
import { ManifestState } from '../../../src/server/manifest-state';
import { manifestLensTitle } from '../../../src/server/source-text';
import { makeTree } from '../project/tmp-tree';

interface Views {
  rule?: string;
  lens: string;
  status: { short: string; text: string };
  report: string;
  html: string;
  json: string;
}

function views(linted: LintedFile): Views {
  const state = new ManifestState(linted.file, `file://${linted.file}`);
  state.setResult(linted);
  const model = state.reportModel();
  assert.ok(model, `${linted.file} is a manifest`);
  const status = state.status().syntheticShare;
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

  it('an open-instruct mixer with rows known for some sources: their share, said to be partial, never 0.0%; tokens not measured', async () => {
    // Counts above 1 are rows (open-instruct's README); fractions are weights of datasets of unknown size.
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
      assert.equal(shares.byTokens.counted, 0);
      const h = headlineShare(shares, { partial: true });
      assert.ok(h && h.counted === 2 && h.sources === 4, 'rows are known for 2 of the 4 sources');
      const v = views(linted);
      assertAgree(v, formatShare(h));
      assert.match(v.report, /2 of 4 sources sized/);
      assert.doesNotMatch(v.report, /^0(\.0)?%/);
      assert.match(v.html, /not measured/, 'the tokens basis says not measured rather than 0%');
      assert.equal(v.rule, undefined, 'the rule does not judge a share of some sources');
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
      const h = headlineShare(syntheticShares(linted.manifest), { partial: true, mixedWeight: configuredMixedWeight(linted.rules) });
      const v = views(linted);
      assertAgree(v, formatShare(h));
      if (v.rule) judged++;
    }
    assert.ok(judged > 0, 'some example is above its maximum, so the rule message is compared too');
  });
});
