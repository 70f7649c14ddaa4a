/**
 * The one mark on a figure (⚠ in the hover, the report's table cells, the exported HTML) means what the rules say:
 * a figure a rule judges, past the limit the rule computes from its options, and reported as a finding on the source.
 * A difference from the human baseline alone, inside a rule's margin or on a figure no rule judges, carries no mark.
 */
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/finding';
import { renderReportHtml } from '../../../src/report/html';
import type { ReportModel } from '../../../src/report/types';
import { sourceHoverMarkdown } from '../../../src/server/source-text';
import { judgedFixture } from './fixtures';

function report(config?: string): { model: ReportModel; findings: Finding[]; page: string } {
  const { model, findings } = judgedFixture(config);
  return { model, findings, page: renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file' }) };
}

/** The hover's rows that carry ⚠, by metric label. */
function hoverMarks(model: ReportModel, id: string): string[] {
  const row = model.sources.find((s) => s.id === id)!;
  return sourceHoverMarkdown(row, model).split('\n').filter((l) => l.startsWith('| ') && l.includes('⚠')).map((l) => l.split('|')[1]!.trim());
}

/** The metric cells of a source in the source table, as tags stripped text, keyed by metric label. */
function tableCells(page: string, id: string): Map<string, { text: string; title: string; marked: boolean }> {
  const table = page.slice(page.indexOf('id="source-table"'), page.indexOf('</table>', page.indexOf('id="source-table"')));
  const row = table.match(new RegExp(`<tr data-source="${id}">([\\s\\S]*?)</tr>`))?.[1] ?? '';
  return new Map(
    [...row.matchAll(/<td class="num( worse)?" data-sort="[^"]*" title="([^":]+):([^"]*)">([\s\S]*?)<\/td>/g)].map((m) => [
      m[2]!,
      { text: m[4]!.replace(/<span class="delta">/g, ' ').replace(/<[^>]+>/g, ''), title: m[3]!, marked: m[1] !== undefined },
    ]),
  );
}

describe('the views mark what the rules judge', () => {
  const { model, findings, page } = report();
  // The data rules' findings (generator-terms says llama-2's licence terms apply, on every llama source).
  const onData = (all: Finding[], id: string): string[] => all.filter((f) => f.sourceId === id && f.ruleId !== 'generator-terms').map((f) => f.ruleId).sort();
  const rulesOn = (id: string): string[] => onData(findings, id);

  it('marks nothing inside low-diversity\'s margin, and says where the limit is', () => {
    assert.deepEqual(rulesOn('en-close'), []);
    assert.deepEqual(hoverMarks(model, 'en-close'), []);
    const hover = sourceHoverMarkdown(model.sources.find((s) => s.id === 'en-close')!, model);
    assert.match(hover, /\| Compression \(size-matched\) \| 2\.30 \| 2\.20 \| ≤ 2\.42 low\\-diversity \|/);
    assert.match(hover, /\| N-gram diversity \(size-matched\) \| 3\.10 \| 3\.20 \| ≥ 2\.88 low\\-diversity \|/);
    const cell = tableCells(page, 'en-close').get('Compression (size-matched)');
    assert.equal(cell?.text, '2.30 +0.10');
    assert.equal(cell?.marked, false);
    assert.match(cell?.title ?? '', /; low-diversity limit ≤ 2\.42$/);
  });

  it('marks no figure that no rule judges, however far from the human baseline', () => {
    const hover = sourceHoverMarkdown(model.sources.find((s) => s.id === 'en-close')!, model);
    assert.match(hover, /\| Self-repetition \| 9\.00 \| 3\.00 \|  \|/);
    assert.match(hover, /\| Distinct-1 \| 0\.010 \| 0\.100 \|  \|/);
    assert.doesNotMatch(page, /[▲▼]<\/span>/, 'no arrow mark is left in any cell');
  });

  it('marks exactly the figures of the findings on the source, in the hover and the table', () => {
    assert.deepEqual(rulesOn('en-far'), ['low-diversity', 'template-collapse']);
    assert.deepEqual(hoverMarks(model, 'en-far'), ['Compression (size-matched)', 'N-gram diversity (size-matched)', 'Template openings']);
    const cells = tableCells(page, 'en-far');
    assert.deepEqual([...cells].filter(([, c]) => c.marked).map(([label]) => label), ['Compression (size-matched)', 'N-gram diversity (size-matched)', 'Template openings']);
    assert.equal(cells.get('Compression (size-matched)')?.text, '2.90⚠ +0.70');
    assert.match(cells.get('Template openings')?.title ?? '', /template-collapse limit ≤ 0\.200, past it \(see the finding\)$/);
    assert.ok(page.includes('<span class="risk" role="img" aria-label="past the limit of low-diversity">⚠</span>'));
  });

  it('marks a human source\'s figure that a rule reports on it (near-duplicates judges every origin)', () => {
    assert.deepEqual(rulesOn('en-human'), ['near-duplicates']);
    assert.deepEqual(hoverMarks(model, 'en-human'), ['Near-duplicates']);
    assert.equal(tableCells(page, 'en-human').get('Near-duplicates')?.marked, true);
  });

  it('leaves the mark off a figure whose finding a comment suppresses: no mark without its diagnostic', () => {
    assert.deepEqual(rulesOn('en-quiet'), []);
    assert.deepEqual(hoverMarks(model, 'en-quiet'), []);
    const row = model.sources.find((s) => s.id === 'en-quiet')!;
    assert.deepEqual(row.judged?.sizeMatchedCompression, [{ rule: 'low-diversity', bound: 'max', limit: 2.2 * 1.1, reported: false }]);
  });

  it('holds each figure to the limit the configured options give, and drops a rule that is off', () => {
    const strict = report('rules:\n  low-diversity: [warning, { margin: 0.02 }]\n  template-collapse: "off"\n');
    assert.deepEqual(onData(strict.findings, 'en-close'), ['low-diversity']);
    assert.deepEqual(hoverMarks(strict.model, 'en-close'), ['Compression (size-matched)', 'N-gram diversity (size-matched)']);
    const hover = sourceHoverMarkdown(strict.model.sources.find((s) => s.id === 'en-far')!, strict.model);
    assert.match(hover, /\| Compression \(size-matched\) \| 2\.90 ⚠ \| 2\.20 \| ≤ 2\.24 low\\-diversity \|/);
    assert.match(hover, /\| Template openings \| 0\.350 \| \d\.\d+ \|  \|/);
  });

  it('says in the legend and the hint what ⚠ means, and that a difference alone is no finding', () => {
    assert.match(page, /<dt><span class="risk">⚠<\/span><\/dt><dd>Past the limit of the rule that judges this figure, which reports it as a finding;/);
    assert.match(page, /A difference alone is not a finding\./);
    assert.match(page, /⚠ marks a figure past the limit of the rule that judges it/);
    const hover = sourceHoverMarkdown(model.sources.find((s) => s.id === 'en-far')!, model);
    assert.match(hover, /_⚠ marks a figure past its rule limit: that rule's finding is on this source\./);
  });

  it('keys the metric chart with the baseline mark the chart draws (a line), not a filled box', () => {
    const legend = page.match(/<ul class="legend chart-legend" aria-label="Chart legend">([\s\S]*?)<\/ul>/)?.[1] ?? '';
    assert.match(legend, /<li class="baseline-key"><svg class="key"[^>]*><path class="baseline-mark" d="M3,9 L31,9"><\/path><\/svg>Human baseline \(its language\)<\/li>/);
    assert.doesNotMatch(legend.slice(legend.indexOf('baseline-key')), /swatch|<rect/);
    assert.match(legend, /<li class="origin-human"><span class="swatch" aria-hidden="true"><\/span>Human source<\/li>/);
    assert.match(legend, /<li class="origin-synthetic"><span class="swatch" aria-hidden="true"><\/span>Synthetic source<\/li>/);
  });
});
