import assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintFile } from '../../../src/project/index';
import { renderReportHtml } from '../../../src/report/html';
import { buildReport } from '../../../src/report/model';
import type { SourceRow } from '../../../src/report/types';
import { buildManifest, lintSpec } from '../core/helpers';
import { lineageFixture, MANIFEST_FILE, manifest, profile, ROOT, source, twoLanguageFixture, xssFixture } from './fixtures';
import { matchSnapshot } from './snapshot';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

describe('report model: buildReport', () => {
  it('matches the snapshot of the lineage fixture (with profiles)', () => {
    matchSnapshot('lineage-fixture', buildReport({ ...lineageFixture(), root: ROOT }));
  });

  it('matches the snapshot of the XSS fixture: payloads stay plain strings in the model', () => {
    matchSnapshot('xss-fixture', buildReport({ ...xssFixture(), root: ROOT }));
  });

  it('is deterministic and survives a JSON round trip unchanged', () => {
    const a = buildReport({ ...lineageFixture(), root: ROOT });
    const b = buildReport({ ...lineageFixture(), root: ROOT });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
  });

  it('gives shares on every basis that add up, and per-source shares that agree with them', () => {
    const model = buildReport({ ...lineageFixture(), root: ROOT });
    for (const basis of ['rows', 'tokens', 'weight'] as const) {
      const s = model.shares[basis];
      assert.ok(Math.abs(s.human + s.synthetic + s.mixed + s.unknown - 1) < 1e-9, basis);
      const synthetic = model.sources.filter((r) => r.origin === 'synthetic').reduce((a, r) => a + (r.share[basis] ?? 0), 0);
      assert.ok(Math.abs(synthetic - s.synthetic) < 1e-9, `${basis}: rows ${synthetic} vs chart ${s.synthetic}`);
    }
    // alpaca-rewrite states no tokens: its token figure is the analyzer's estimate, marked as measured.
    const rewrite = model.sources.find((r) => r.id === 'alpaca-rewrite');
    assert.equal(rewrite?.tokens, 180000);
    assert.deepEqual(rewrite?.measured, { rows: false, tokens: true });
    // web-scrape has no weight: it has no weight share, and the weight basis says it is incomplete.
    assert.equal(model.sources.find((r) => r.id === 'web-scrape')?.share.weight, undefined);
    assert.equal(model.shares.weight.basisKnown, false);
  });

  it('compares each source with the human sources, their figures weighted by records as low-diversity weights them', () => {
    const model = buildReport({ ...lineageFixture(), root: ROOT });
    const baseline = model.sources.find((r) => r.id === 'alpaca')?.baseline;
    assert.deepEqual(baseline?.sources, ['seed-tasks', 'eli5-answers']);
    assert.ok(Math.abs((baseline?.values.compressionRatio ?? 0) - (2.4 * 175 + 2.2 * 100) / 275) < 1e-12);
    assert.ok(Math.abs((baseline?.values.ngramDiversity ?? 0) - (2.9 * 175 + 3.1 * 100) / 275) < 1e-12);
    // Not analysed: nothing to compare.
    assert.equal(model.sources.find((r) => r.id === 'web-scrape')?.baseline, undefined);
  });

  it('compares a source only with the human data in its language, the baseline low-diversity quotes', () => {
    const { spec, profiles } = twoLanguageFixture();
    const model = buildReport({ manifest: buildManifest(spec).manifest, findings: [], profiles });
    const baseline = (id: string): SourceRow['baseline'] => model.sources.find((r) => r.id === id)?.baseline;
    assert.deepEqual(baseline('en-llama')?.sources, ['en-human', 'en-forum']);
    // (2.2 × 200 + 2.35 × 100) / 300, where every human source pooled would give 2.45.
    assert.ok(Math.abs((baseline('en-llama')?.values.sizeMatchedCompression ?? 0) - 2.25) < 1e-12, `${baseline('en-llama')?.values.sizeMatchedCompression}`);
    assert.deepEqual(baseline('id-llama')?.sources, ['id-human']);
    assert.equal(baseline('id-llama')?.values.sizeMatchedCompression, 2.8);
    // No human data in Chinese: no figure from another language, and the words the rule uses.
    assert.deepEqual(baseline('zh-llama'), { sources: [], values: {}, why: 'no human data in its language' });
    const finding = lintSpec(spec, { data: true, profiles }).find((f) => f.ruleId === 'low-diversity' && f.sourceId === 'en-llama');
    assert.match(finding?.message ?? '', /human baseline of 'en-human', 'en-forum' \(compression ratio 2\.25×, n-gram diversity 3\.23;/);
  });

  it('leaves a human source under low-diversity\'s minRecords out of the baseline, as the rule does', () => {
    const fixture = lineageFixture();
    const model = buildReport({ ...fixture, root: ROOT, rules: new Map([['low-diversity', { severity: 'warning', options: { minRecords: 150 } }]]) });
    assert.deepEqual(model.sources.find((r) => r.id === 'alpaca')?.baseline?.sources, ['seed-tasks']);
  });

  it('shows no figure for a source whose profile read no record, and leaves it out of the human baseline', () => {
    const fixture = lineageFixture();
    const [human] = fixture.manifest.sources.filter((s) => s.origin === 'human');
    const empty = profile(human!.id, { records: 0, tokens: 0, compression: 0, ngram: 0, nearDup: 0, template: 0, openings: [], lengths: [0, 0, 0, 0, 0, 0] });
    const model = buildReport({ ...fixture, profiles: new Map([...fixture.profiles, [human!.id, empty]]), root: ROOT });
    assert.deepEqual(model.sources.find((r) => r.id === human!.id)?.metrics, {});
    const baseline = model.sources.find((r) => r.id === 'alpaca')?.baseline;
    assert.deepEqual(baseline?.sources, ['eli5-answers']);
    assert.equal(baseline?.values.compressionRatio, 2.2);
  });

  it('says a source has no size figure stated or measured (a profile of no records measures none), and totals are at least', () => {
    const fixture = lineageFixture();
    const empty = profile('alpaca-rewrite', { records: 0, tokens: 0, compression: 0, ngram: 0, nearDup: 0, template: 0, openings: [], lengths: [0, 0, 0, 0, 0, 0] });
    const model = buildReport({ ...fixture, profiles: new Map([...fixture.profiles, ['alpaca-rewrite', empty]]), root: ROOT });
    assert.equal(model.shares.tokens.basisKnown, false);
    const page = renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file' });
    assert.match(page, /Some sources have no tokens figure, stated or measured; the figures cover only the sources that have one\./);
    const sized = model.sources.filter((s) => s.tokens !== undefined).length;
    assert.ok(sized < model.sources.length);
    assert.match(page, new RegExp(`<dd id="total-tokens">at least [\\d,]+ \\(${sized} of ${model.sources.length} sources sized\\)</dd>`));
  });

  it('builds lineage: external datasets, generators, sources at their generation depth', () => {
    const { lineage, sources } = buildReport({ ...lineageFixture(), root: ROOT });
    const depth = (key: string): number | undefined => lineage.nodes.find((n) => n.key === key)?.depth;
    assert.equal(depth('source:seed-tasks'), 0);
    assert.equal(depth('source:alpaca'), 1);
    assert.equal(depth('source:alpaca-rewrite'), 2);
    assert.deepEqual(lineage.nodes.find((n) => n.key === 'external:reddit/eli5'), { key: 'external:reddit/eli5', kind: 'external', label: 'reddit/eli5' });
    assert.deepEqual(lineage.nodes.find((n) => n.key === 'generator:text-davinci-003'), { key: 'generator:text-davinci-003', kind: 'generator', label: 'text-davinci-003' });
    assert.equal(sources.find((s) => s.id === 'alpaca-rewrite')?.depth, 2);
    assert.deepEqual(
      lineage.edges.filter((e) => e.to === 'source:alpaca-rewrite'),
      [{ from: 'source:alpaca', to: 'source:alpaca-rewrite', kind: 'derivedFrom' }, { from: 'generator:llama-2-70b-chat', to: 'source:alpaca-rewrite', kind: 'generatedBy' }],
    );
  });

  it('reports derivedFrom cycles and still gives every source a node', () => {
    const m = manifest([
      source({ id: 'a', origin: 'synthetic', line: 1, derivedFrom: ['b'], generator: { model: 'm' } }),
      source({ id: 'b', origin: 'synthetic', line: 5, derivedFrom: ['a'], generator: { model: 'm' } }),
    ]);
    const model = buildReport({ manifest: m, findings: [], profiles: new Map() });
    assert.equal(model.lineage.cycles.length, 1);
    assert.deepEqual(model.lineage.nodes.map((n) => n.key).sort(), ['generator:m', 'source:a', 'source:b']);
  });

  it('counts findings per source and links only rule-shaped ids to https docs', () => {
    const model = buildReport({ ...xssFixture(), root: ROOT });
    assert.equal(model.findings[0]?.docsUrl, undefined, 'a javascript: rule id gets no link');
    assert.match(model.findings[1]?.docsUrl ?? '', /^https:\/\/github\.com\/synthlint\/synthlint\/blob\/main\/docs\/rules\/synthetic-share\.md$/);
    const lineageModel = buildReport({ ...lineageFixture(), root: ROOT });
    assert.deepEqual(lineageModel.sources.find((s) => s.id === 'alpaca-rewrite')?.findings, { error: 1, warning: 1, info: 0 });
    assert.deepEqual(lineageModel.totals.findings, { error: 1, warning: 2, info: 1 });
    assert.equal(lineageModel.findings[0]?.displayFile, 'data/mix.dataset.yaml');
    assert.equal(lineageModel.findings[0]?.line, 19);
  });

  it('pools length histograms per origin as fractions of records', () => {
    const { charts } = buildReport({ ...lineageFixture(), root: ROOT });
    const lengths = charts.lengths;
    assert.ok(lengths);
    assert.deepEqual(lengths.bounds, [10, 25, 50, 100, 200, 201]);
    assert.ok(Math.abs(lengths.human.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.equal(lengths.records.synthetic, 7000);
    assert.ok(Math.abs((lengths.human[0] ?? 0) - 50 / 275) < 1e-12);
  });

  it('builds a manifest-only model without profiles: no metrics, no charts of data', () => {
    const m = manifest([source({ id: 'only', origin: 'human', line: 1, rows: 3 })]);
    const model = buildReport({ manifest: m, findings: [], profiles: new Map() });
    assert.equal(model.dataAnalyzed, false);
    assert.deepEqual(model.sources[0]?.metrics, {});
    assert.equal(model.charts.lengths, undefined);
    assert.deepEqual(model.charts.openings, []);
    assert.equal(model.manifest.displayFile, path.basename(MANIFEST_FILE));
  });

  it('ignores a profile for a source id the manifest does not have', () => {
    const m = manifest([source({ id: 'a', origin: 'human', line: 1, rows: 3 })]);
    const stray = profile('ghost', { records: 1, tokens: 1, compression: 1, ngram: 1, nearDup: 0, template: 0, openings: [], lengths: [1, 0, 0, 0, 0, 0] });
    const model = buildReport({ manifest: m, findings: [], profiles: new Map([['ghost', stray]]) });
    assert.equal(model.dataAnalyzed, false);
  });
});

describe('report model on examples/', () => {
  for (const example of ['clean/support.dataset.yaml', 'chat-v2/chat.dataset.yaml', 'hf-card/README.md', 'mixer/tulu_mixer.yaml', 'axolotl/axolotl.yaml', 'broken/typo.dataset.yaml']) {
    it(`matches the manifest-only snapshot of ${example}`, async () => {
      const linted = await lintFile(path.join(EXAMPLES, example), { data: false });
      assert.ok(linted.manifest, `${example} parses`);
      const model = buildReport({ manifest: linted.manifest, findings: linted.findings, profiles: linted.profiles, root: EXAMPLES });
      matchSnapshot(`example-${example.replace(/[/.]/g, '-')}`, model);
    });
  }
});
