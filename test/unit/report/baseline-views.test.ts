/**
 * The human baseline in every view: the hover, the CodeLens and the report page compare a source with the human
 * data in its language, and quote the figure low-diversity's message quotes, not one pooled over every language.
 */
import * as assert from 'node:assert/strict';
import { renderReportHtml } from '../../../src/report/html';
import { buildReport } from '../../../src/report/model';
import { sourceHoverMarkdown, sourceLensTitle } from '../../../src/server/source-text';
import { buildManifest, lintSpec } from '../core/helpers';
import { twoLanguageFixture } from './fixtures';

const { spec, profiles } = twoLanguageFixture();
const findings = lintSpec(spec, { data: true, profiles });
const model = buildReport({ manifest: buildManifest(spec).manifest, findings, profiles });
const row = (id: string) => model.sources.find((s) => s.id === id)!;
const message = findings.find((f) => f.ruleId === 'low-diversity' && f.sourceId === 'en-llama')?.message ?? '';

describe('the human baseline in every view', () => {
  it("low-diversity compares 'en-llama' with the English human data: 2.25", () => {
    assert.match(message, /human baseline of 'en-human', 'en-forum' \(compression ratio 2\.25×, n-gram diversity 3\.23; 10% margin\): compression ratio 2\.90×, n-gram diversity 2\.60 \(on draws of 50 records/);
  });

  it('the hover shows the same figures and names the same human sources', () => {
    const hover = sourceHoverMarkdown(row('en-llama'), model);
    assert.match(hover, /\| Compression \(size-matched\) \| 2\.90 ⚠ \| 2\.25 \| ≤ 2\.48 low\\-diversity \|/);
    assert.match(hover, /\| N-gram diversity \(size-matched\) \| 2\.60 ⚠ \| 3\.23 \| ≥ 2\.91 low\\-diversity \|/);
    assert.ok(hover.includes("Compared with the human baseline of 'en\\-human', 'en\\-forum': the human data in its language."), hover);
  });

  it('the CodeLens shows the compression the rule judges, beside the same baseline', () => {
    assert.equal(sourceLensTitle(row('en-llama'), model), 'synthetic · 16.7% of tokens · depth 1 · compression 2.90 (human 2.25)');
    assert.equal(sourceLensTitle(row('id-llama'), model), 'synthetic · 16.7% of tokens · depth 1 · compression 3.30 (human 2.80)');
  });

  it('the report page shows the difference from the same baseline, and names it', () => {
    const page = renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file' });
    assert.match(page, /title="Compression \(size-matched\): 2\.90; human baseline of &#39;en-human&#39;, &#39;en-forum&#39; 2\.25; low-diversity limit ≤ 2\.48, past it \(see the finding\)">2\.90<span class="risk" role="img" aria-label="past the limit of low-diversity">⚠<\/span><span class="delta">\+0\.65/);
    // The figures the rule judges lead the source table's metrics, where a wide table does not scroll them away.
    const columns = [...page.matchAll(/<th scope="col" data-key="metric:(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(columns.slice(0, 3), ['sizeMatchedCompression', 'sizeMatchedNgramDiversity', 'compressionRatio']);
  });

  it('the CodeLens shows the whole-source compression when a human source lacks the size-matched one, as the rule then compares', () => {
    // 'en-forum' without size-matched figures (fewer than 50 records under a lowered minRecords, or the provenance
    // unit off): low-diversity compares every English source on whole-source figures.
    const { spec: mixed, profiles: measured } = twoLanguageFixture();
    const wholeSource = (id: string, compressionRatio: number): void => {
      const profile = measured.get(id)!;
      const { sizeMatched: _left, ...metrics } = profile.metrics!;
      measured.set(id, { ...profile, metrics: { ...metrics, ...(id === 'en-forum' ? {} : { sizeMatched: profile.metrics!.sizeMatched }), compressionRatio: { value: compressionRatio } } });
    };
    wholeSource('en-human', 2.4);
    wholeSource('en-forum', 2.5);
    wholeSource('en-llama', 3.1);
    const found = lintSpec(mixed, { data: true, profiles: measured });
    const said = found.find((f) => f.ruleId === 'low-diversity' && f.sourceId === 'en-llama')?.message ?? '';
    assert.match(said, /\(compression ratio 2\.43×, n-gram diversity [0-9.]+; 10% margin\): compression ratio 3\.10×/);
    const wholeModel = buildReport({ manifest: buildManifest(mixed).manifest, findings: found, profiles: measured });
    const enLlama = wholeModel.sources.find((s) => s.id === 'en-llama')!;
    assert.equal(sourceLensTitle(enLlama, wholeModel), 'synthetic · 16.7% of tokens · depth 1 · compression 3.10 (human 2.43)');
  });

  it('with no human data in its language, says so everywhere, rather than borrowing another language', () => {
    assert.equal(sourceLensTitle(row('zh-llama'), model), 'synthetic · 16.7% of tokens · depth 1 · compression 1.00 (no human data in its language)');
    const hover = sourceHoverMarkdown(row('zh-llama'), model);
    assert.ok(hover.includes('_Compared with nothing: no human data in its language._'), hover);
    assert.match(hover, /\| Compression \(size-matched\) \| 1\.00 \| — \| ≤ 3\.00 low\\-diversity \|/);
    const page = renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file' });
    assert.match(page, /title="Compression \(size-matched\): 1\.00; no human data in its language; low-diversity limit ≤ 3\.00">1\.00<\/td>/);
  });

  it('with human data in its language under minRecords only, says that, in the rule and the views, not "no human data"', () => {
    // Two 30-record English human sources: each under low-diversity's 50, so no baseline, though the manifest has human
    // data in English. The rule holds 'en-llama' (3.20) to the absolute limits and says why; the views say the same.
    const { spec: small, profiles: measured } = twoLanguageFixture();
    for (const id of ['en-human', 'en-forum']) measured.set(id, { ...measured.get(id)!, records: 30 });
    const llama = measured.get('en-llama')!;
    measured.set('en-llama', { ...llama, metrics: { ...llama.metrics!, sizeMatched: { records: 50, compressionPerChar: 3.2, ngramDiversity: 2.6 } } });
    const found = lintSpec(small, { data: true, profiles: measured });
    const said = found.find((f) => f.ruleId === 'low-diversity' && f.sourceId === 'en-llama')?.message ?? '';
    assert.match(said, /than the limits used when there is no human source in its language with 50 or more records \(compression ratio at most 3\.00×/);
    const smallModel = buildReport({ manifest: buildManifest(small).manifest, findings: found, profiles: measured });
    const enLlama = smallModel.sources.find((s) => s.id === 'en-llama')!;
    assert.equal(enLlama.baseline?.why, 'no human source in its language with 50 or more records');
    assert.ok(sourceHoverMarkdown(enLlama, smallModel).includes('_Compared with nothing: no human source in its language with 50 or more records._'));
    // Indonesian still has a baseline, and Chinese still has no human data in its language.
    assert.equal(smallModel.sources.find((s) => s.id === 'zh-llama')?.baseline?.why, 'no human data in its language');
  });
});
