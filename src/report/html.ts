/**
 * renderReportHtml: the whole report document, the same for the VS Code webview and the exported file.
 * The structure and every figure are rendered here as static, escaped HTML (readable without JavaScript and
 * by screen readers); the bundled script (media/report.ts) reads the embedded model and adds the charts,
 * the lineage drawing, sorting and editor navigation.
 */
import { ORIGINS } from '../core/manifest';
import { html, jsonForScript, SafeHtml, safeHttpsUrl, scriptForInline, trustedHtml } from './escape';
import { baselineWords, BASIS_LABELS, bucketLabels, EVIDENCE_LABELS, formatCount, formatLimit, formatNumber, formatPercent, formatProvenance, hasFigures, ORIGIN_LABELS, ROLE_LABELS } from './format';
import { BASES, type Basis, type FindingRow, type MetricInfo, type MetricKey, type ReportModel, type SourceRow } from './types';

export interface RenderOptions {
  /** Webview mode: the script's webview URI. File mode: the bundle's text, inlined. */
  webviewScript: string;
  /** Per-load random value; the only scripts and styles that run are the ones carrying it. */
  nonce: string;
  /** The webview's `cspSource`, allowing its own resources (webview mode). */
  cspSource?: string;
  mode: 'webview' | 'file';
  /** Webview mode: the stylesheet's webview URI. File mode: the stylesheet's text, inlined. */
  styles?: string;
}

export function renderReportHtml(model: ReportModel, options: RenderOptions): string {
  const { nonce, mode } = options;
  const script = mode === 'webview'
    ? html`<script nonce="${nonce}" src="${options.webviewScript}"></script>`
    : html`<script nonce="${nonce}">${trustedHtml(scriptForInline(options.webviewScript))}</script>`;
  return html`<!DOCTYPE html>
<html lang="en" data-mode="${mode}">
${head(`${model.title} — synthlint report`, options)}
<body>
<a class="skip" href="#sources">Skip to sources</a>
${header(model, mode)}
<main>
${ratioSection(model)}
${sourcesSection(model)}
${lineageSection(model)}
${diversitySection(model)}
${findingsSection(model)}
</main>
<div id="announce" class="visually-hidden" aria-live="polite"></div>
<script type="application/json" id="model">${trustedHtml(jsonForScript(model))}</script>
${script}
</body>
</html>
`.value;
}

/** A page with a message instead of a report (no model yet, server not running), under the same CSP and styles. */
export function renderMessageHtml(title: string, message: string, options: RenderOptions): string {
  return html`<!DOCTYPE html>
<html lang="en" data-mode="${options.mode}">
${head(title, options)}
<body>
<main><section><h1>${title}</h1><p>${message}</p></section></main>
</body>
</html>
`.value;
}

function head(title: string, options: RenderOptions): SafeHtml {
  const { nonce, mode } = options;
  const own = mode === 'webview' && options.cspSource ? `${options.cspSource} ` : '';
  const csp = [
    "default-src 'none'",
    `img-src ${own}data:`,
    `style-src ${own}'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    ...(own ? [`font-src ${options.cspSource}`] : []),
  ].join('; ');
  const styles = options.styles === undefined
    ? ''
    : mode === 'webview'
      ? html`<link rel="stylesheet" nonce="${nonce}" href="${options.styles}">`
      : html`<style nonce="${nonce}">${trustedHtml(options.styles.replace(/<\/(style)/gi, '<\\/$1'))}</style>`;
  return html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${styles}
</head>`;
}

/**
 * The sum of the sources' sizes, "at least" it when some source has none (not stated, not measured: a source that
 * read no record), as the synthetic share says how many sources it sized: a bare sum would read as the whole.
 */
function sizeTotal(model: ReportModel, basis: 'rows' | 'tokens'): string {
  const total = model.totals[basis];
  const sized = model.sources.filter((s) => s[basis] !== undefined).length;
  if (total === undefined || sized === model.sources.length) return formatCount(total);
  return `at least ${formatCount(total)} (${sized} of ${model.sources.length} sources sized)`;
}

function header(model: ReportModel, mode: RenderOptions['mode']): SafeHtml {
  const f = model.totals.findings;
  return html`<header class="report-header">
  <div>
    <h1>${model.title}</h1>
    <p class="subtitle"><span class="path">${model.manifest.displayFile}</span> · ${model.manifest.dialect} manifest ·
      ${model.dataAnalyzed ? 'data analysed' : 'manifest only (data not analysed)'}</p>
  </div>
  <dl class="totals">
    <div><dt>Sources</dt><dd id="total-sources">${formatCount(model.totals.sources)}</dd></div>
    <div><dt>Rows</dt><dd id="total-rows">${sizeTotal(model, 'rows')}</dd></div>
    <div><dt>Tokens</dt><dd id="total-tokens">${sizeTotal(model, 'tokens')}</dd></div>
    <div><dt>Synthetic</dt><dd id="total-synthetic">${model.syntheticShare.text}</dd></div>
    <div><dt>Findings</dt><dd id="total-findings">${severityCount(f.error, 'error', plural(f.error, 'error'))}
      ${severityCount(f.warning, 'warning', plural(f.warning, 'warning'))} ${severityCount(f.info, 'info', `${f.info} info`)}</dd></div>
  </dl>
  <div class="actions">
    ${mode === 'webview'
      ? html`<button type="button" id="export" class="primary">Export…</button>`
      : html`<button type="button" id="download-json">Download JSON</button>`}
  </div>
</header>`;
}

/** A count in its severity's colour, or muted when it is zero: "0 errors" is good news and must not look like an alarm. */
function severityCount(n: number, severity: 'error' | 'warning' | 'info', text: string): SafeHtml {
  return html`<span class="sev ${n > 0 ? severity : 'zero'}">${text}</span>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ratioSection(model: ReportModel): SafeHtml {
  return html`<section id="ratios" aria-labelledby="ratios-h">
  <h2 id="ratios-h">Human vs synthetic</h2>
  <div class="basis-switch" role="group" aria-label="Share basis">
    ${BASES.map((b) => html`<button type="button" class="basis" data-basis="${b}" aria-pressed="${b === 'tokens' ? 'true' : 'false'}">${BASIS_LABELS[b]}</button>`)}
  </div>
  <div class="ratio-grid">
    <div class="chart-box ratio-chart"><canvas id="ratio-chart" role="img" aria-label="Share of the dataset by origin"></canvas></div>
    ${BASES.map((b) => shareList(model, b))}
  </div>
</section>`;
}

function shareList(model: ReportModel, basis: Basis): SafeHtml {
  const s = model.shares[basis];
  return html`<div class="share-list" data-basis="${basis}" ${basis === 'tokens' ? '' : trustedHtml('hidden')}>
  <h3>By ${BASIS_LABELS[basis].toLowerCase()}</h3>
  <dl>
    ${ORIGINS.map((o) => html`<div class="origin-${o}"><dt><span class="swatch" aria-hidden="true"></span>${ORIGIN_LABELS[o]}</dt><dd data-origin="${o}">${s.measured ? formatPercent(s[o]) : 'not measured'}</dd></div>`)}
  </dl>
  ${s.why !== undefined
    ? html`<p class="note">Unknown: ${s.why}.</p>`
    : s.basisKnown
      ? ''
      : html`<p class="note">Some sources have no ${basis === 'weight' ? 'weight or size' : basis} figure, stated or measured; the figures cover only the sources that have one.</p>`}
</div>`;
}

interface Column {
  key: string;
  label: string;
  numeric: boolean;
  title?: string;
}

const SOURCE_COLUMNS: readonly Column[] = [
  { key: 'id', label: 'Source', numeric: false },
  { key: 'origin', label: 'Origin', numeric: false },
  { key: 'generator', label: 'Generator', numeric: false },
  { key: 'readsAs', label: 'Reads as', numeric: false, title: 'What the provenance model reads in the data: probability it is mainly model-written, with its 95% interval (docs/metrics.md).' },
  { key: 'depth', label: 'Depth', numeric: true, title: 'Generation depth: 0 = human, 1 = generated from human data, 2 = from generated data…' },
  { key: 'rows', label: 'Rows', numeric: true },
  { key: 'tokens', label: 'Tokens', numeric: true },
  { key: 'share', label: 'Share (tokens)', numeric: true },
  { key: 'findings', label: 'Findings', numeric: true, title: 'Errors, warnings, info' },
];

/**
 * The metrics the source table shows, in this order; the diversity section's table lists all of them. The size-matched
 * figures first: they are the ones low-diversity judges, and a wide table scrolls the last columns out of sight.
 */
const TABLE_METRICS: readonly MetricKey[] = ['sizeMatchedCompression', 'sizeMatchedNgramDiversity', 'compressionRatio', 'ngramDiversity', 'nearDuplicateRate', 'templateShare3'];

function measuredMetrics(model: ReportModel): MetricInfo[] {
  return model.metrics.filter((m) => model.sources.some((s) => s.metrics[m.key]));
}

function sourcesSection(model: ReportModel): SafeHtml {
  const measured = measuredMetrics(model);
  const metrics = TABLE_METRICS.flatMap((key) => measured.filter((m) => m.key === key));
  const columns: Column[] = [
    ...SOURCE_COLUMNS,
    ...metrics.map((m) => ({ key: `metric:${m.key}`, label: m.label, numeric: true, title: m.description })),
  ];
  return html`<section id="sources" aria-labelledby="sources-h">
  <h2 id="sources-h">Sources</h2>
  <p class="hint">Select a column heading to sort. ${model.dataAnalyzed ? 'Metric cells show the value and its difference from the human baseline, the human data in the source’s language (named in the cell’s tooltip); ⚠ marks a figure past the limit of the rule that judges it, and that rule’s finding is listed under Findings.' : ''}</p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="sources-h">
  <table id="source-table">
    <thead><tr>
      ${columns.map((c) => html`<th scope="col" data-key="${c.key}" class="${c.numeric ? 'num' : ''}" aria-sort="none"${c.title ? html` title="${c.title}"` : ''}><button type="button" class="sort">${c.label}<span class="sort-mark" aria-hidden="true"></span></button></th>`)}
    </tr></thead>
    <tbody>
      ${model.sources.map((s) => sourceRow(s, metrics))}
    </tbody>
  </table>
  </div>
  ${sourceLegend(model, metrics.length > 0)}
</section>`;
}

/** What each encoded cell of the source table means; only the encodings this table uses are listed. */
function sourceLegend(model: ReportModel, hasMetrics: boolean): SafeHtml {
  const measured = model.sources.some((s) => s.measured.rows || s.measured.tokens);
  const example = (model.sources.find((s) => s.findings.error + s.findings.warning + s.findings.info > 0) ?? model.sources[0])?.findings;
  return html`<dl class="legend" aria-label="How to read the source table">
    ${example ? html`<div><dt>${severityCount(example.error, 'error', String(example.error))}·${severityCount(example.warning, 'warning', String(example.warning))}·${severityCount(example.info, 'info', String(example.info))}</dt>
      <dd>Findings of the source: ${plural(example.error, 'error')} · ${plural(example.warning, 'warning')} · ${example.info} info (a zero is grey).</dd></div>` : ''}
    <div><dt>—</dt><dd>Not stated in the manifest and not measured.</dd></div>
    ${measured ? html`<div><dt><span class="measured">*</span></dt><dd>Counted or estimated from the data, not stated in the manifest.</dd></div>` : ''}
    <div><dt>Depth</dt><dd>Generation depth: 0 human or unknown ancestry, 1 generated from human data, 2 from generated data…</dd></div>
    ${hasMetrics ? html`<div><dt>value<span class="delta">±difference</span></dt><dd>Metric value; below it the difference from the human baseline in the source’s language. A difference alone is not a finding.</dd></div>
    <div><dt><span class="risk">⚠</span></dt><dd>Past the limit of the rule that judges this figure, which reports it as a finding; the cell’s tooltip names the rule and its limit. Figures no rule judges never carry it.</dd></div>` : ''}
  </dl>`;
}

function sourceRow(s: SourceRow, metrics: readonly MetricInfo[]): SafeHtml {
  const generator = s.generator ? `${s.generator.model}${s.generator.provider ? ` (${s.generator.provider})` : ''}` : '';
  const findingTotal = s.findings.error * 10000 + s.findings.warning * 100 + s.findings.info;
  return html`<tr data-source="${s.id}">
    <th scope="row" data-sort="${s.id}"><button type="button" class="link reveal-source" data-source="${s.id}" title="Show in manifest">${s.id}</button>${s.role ? html` <span class="badge role" title="${ROLE_LABELS[s.role].meaning}">${ROLE_LABELS[s.role].label}</span>` : ''}</th>
    <td data-sort="${s.origin}"><span class="badge origin-${s.origin}">${ORIGIN_LABELS[s.origin]}</span>${evidenceNote(s)}</td>
    <td data-sort="${generator}">${generator || '—'}</td>
    <td data-sort="${s.provenance?.score ?? -1}">${s.provenance ? formatProvenance(s.provenance) : '—'}</td>
    <td class="num" data-sort="${s.depth ?? -1}">${s.depth ?? '—'}</td>
    <td class="num" data-sort="${s.rows ?? -1}">${formatCount(s.rows)}${s.measured.rows ? html`<span class="measured" title="Counted from the data">*</span>` : ''}</td>
    <td class="num" data-sort="${s.tokens ?? -1}">${formatCount(s.tokens)}${s.measured.tokens ? html`<span class="measured" title="Estimated from the data">*</span>` : ''}</td>
    <td class="num" data-sort="${s.share.tokens ?? -1}">${formatPercent(s.share.tokens)}</td>
    <td class="num" data-sort="${findingTotal}"><span class="visually-hidden">${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${s.findings.info} info</span><span aria-hidden="true" title="${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${s.findings.info} info">${severityCount(s.findings.error, 'error', String(s.findings.error))}·${severityCount(s.findings.warning, 'warning', String(s.findings.warning))}·${severityCount(s.findings.info, 'info', String(s.findings.info))}</span></td>
    ${metrics.map((m) => metricCell(s, m))}
  </tr>`;
}

/**
 * A figure, its difference from the source's human baseline, and ⚠ only when a rule reports the figure past its limit
 * (SourceRow.judged): the mark means what the diagnostics say, not "differs from the human data".
 */
function metricCell(s: SourceRow, m: MetricInfo): SafeHtml {
  const v = s.metrics[m.key];
  if (!v) return html`<td class="num" data-sort="-1">—</td>`;
  const base = s.baseline?.values[m.key];
  const delta = base === undefined || s.origin === 'human' ? undefined : v.value - base;
  const limits = s.judged?.[m.key] ?? [];
  const reported = limits.filter((l) => l.reported).map((l) => l.rule);
  const ci = v.ci95 ? ` (95% CI ${formatNumber(v.ci95[0], m.digits)}–${formatNumber(v.ci95[1], m.digits)})` : '';
  const against = s.baseline === undefined ? '' : `; ${baselineWords(s.baseline)}${base === undefined ? '' : ` ${formatNumber(base, m.digits)}`}`;
  const judged = limits.map((l) => `; ${l.rule} limit ${formatLimit(l, m.digits)}${l.reported ? ', past it (see the finding)' : ''}`).join('');
  return html`<td class="num${reported.length > 0 ? ' worse' : ''}" data-sort="${v.value}" title="${m.label}: ${formatNumber(v.value, m.digits)}${ci}${against}${judged}">${formatNumber(v.value, m.digits)}${
    reported.length > 0 ? html`<span class="risk" role="img" aria-label="past the limit of ${reported.join(', ')}">⚠</span>` : ''
  }${delta === undefined ? '' : html`<span class="delta">${delta >= 0 ? '+' : '−'}${formatNumber(Math.abs(delta), m.digits)}</span>`}</td>`;
}

function lineageSection(model: ReportModel): SafeHtml {
  const labels = new Map(model.lineage.nodes.map((n) => [n.key, n.label]));
  const { layout } = model.lineage;
  return html`<section id="lineage" aria-labelledby="lineage-h">
  <h2 id="lineage-h">Lineage</h2>
  <p class="hint">Data flows left to right: outside datasets and generator models feed the sources made from them. Datasets with no recorded lineage are listed apart, not chained.</p>
  ${model.lineage.cycles.length > 0 ? html`<p class="note error">Cycles in derivedFrom: ${model.lineage.cycles.map((c) => c.join(' → ')).join('; ')}</p>` : ''}
  ${layout.omitted
    ? html`<p class="note">This lineage has ${formatCount(model.lineage.nodes.length)} nodes and ${formatCount(model.lineage.edges.length)} links, too many to draw readably; it is listed as text below.</p>`
    : html`${lineageLegend()}<div class="lineage-wrap" id="lineage-graph" tabindex="0" role="region" aria-label="Lineage graph"></div>`}
  <details class="lineage-text"${layout.omitted ? trustedHtml(' open') : ''}>
    <summary>Lineage as text</summary>
    <ul>
      ${model.lineage.edges.map((e) => html`<li>${labels.get(e.from) ?? e.from} ${e.kind === 'generatedBy' ? '— generated →' : '→'} ${labels.get(e.to) ?? e.to}</li>`)}
    </ul>
  </details>
</section>`;
}

/** The lineage drawing's encodings, drawn with the same classes as the graph so the two always match. */
function lineageLegend(): SafeHtml {
  const box = (cls: string, rx: number): SafeHtml => html`<svg class="key" width="34" height="18" viewBox="0 0 34 18" aria-hidden="true"><g class="${cls}"><rect x="1" y="1" width="32" height="16" rx="${rx}"></rect></g></svg>`;
  const line = (cls: string): SafeHtml => html`<svg class="key" width="34" height="18" viewBox="0 0 34 18" aria-hidden="true"><path class="${cls}" d="M1,9 L33,9"></path></svg>`;
  return html`<ul class="legend lineage-legend" aria-label="Lineage legend">
    ${ORIGINS.map((o) => html`<li>${box(`node source origin-${o}`, 4)}${ORIGIN_LABELS[o]} source</li>`)}
    <li>${box('node generator', 8)}Generator model</li>
    <li>${box('node external', 4)}Outside dataset</li>
    <li>${line('edge derivedFrom')}derived from</li>
    <li>${line('edge generatedBy')}generated by</li>
    <li>${line('edge derivedFrom cycle')}in a cycle</li>
  </ul>`;
}

function diversitySection(model: ReportModel): SafeHtml {
  if (!model.dataAnalyzed) {
    return html`<section id="diversity" aria-labelledby="diversity-h"><h2 id="diversity-h">Diversity</h2>
  <p class="note">The data files were not analysed, so there are no diversity figures. Run <code>synthlint report</code> without <code>--no-data</code>, or let the editor analyse the data.</p></section>`;
  }
  const metrics = measuredMetrics(model);
  const lengths = model.charts.lengths;
  return html`<section id="diversity" aria-labelledby="diversity-h">
  <h2 id="diversity-h">Diversity vs the human baseline</h2>
  <div class="metric-pick">
    <label for="metric-select">Metric</label>
    <select id="metric-select">${metrics.map((m) => html`<option value="${m.key}">${m.label}</option>`)}</select>
    <p id="metric-description" class="hint">${metrics[0]?.description ?? ''}</p>
  </div>
  <div class="chart-box"><canvas id="metric-chart" role="img" aria-label="Selected metric per source with the human baseline"></canvas></div>
  ${metricChartLegend(model)}
  ${metricTable(model, metrics)}
  ${lengths ? html`<h3>Lengths (words per record)</h3>
  <div class="chart-box"><canvas id="length-chart" role="img" aria-label="Length distribution of human and synthetic records"></canvas></div>
  <p class="hint">Share of records per length bucket: ${formatCount(lengths.records.human)} human and ${formatCount(lengths.records.synthetic)} synthetic records. Buckets: ${bucketLabels(lengths.bounds).join(', ')}.</p>` : ''}
  <h3>Most common openings</h3>
  ${model.charts.openings.length > 0 ? html`<table class="openings">
    <thead><tr><th scope="col">Source</th><th scope="col">Opening words</th><th scope="col" class="num">Records</th><th scope="col" class="num">Share</th></tr></thead>
    <tbody>${model.charts.openings.map((o) => html`<tr><td><span class="badge origin-${o.origin}">${o.sourceId}</span></td><td class="opening">${o.text}</td><td class="num">${formatCount(o.count)}</td><td class="num"><meter min="0" max="1" value="${o.share}" aria-hidden="true"></meter> ${formatPercent(o.share)}</td></tr>`)}</tbody>
  </table>` : html`<p class="note">No openings were recorded.</p>`}
</section>`;
}

/**
 * The metric chart's key, in the page rather than drawn by Chart.js, whose legend keyed the bars with one origin's
 * colour and the baseline with a filled box: here each origin's bar colour, and the baseline's mark as the chart
 * draws it (a line across the bar, the stroke of media/report.ts's baseline dataset).
 */
function metricChartLegend(model: ReportModel): SafeHtml {
  const analysed = model.sources.filter(hasFigures);
  const origins = ORIGINS.filter((o) => analysed.some((s) => s.origin === o));
  const baseline = analysed.some((s) => Object.keys(s.baseline?.values ?? {}).length > 0);
  return html`<ul class="legend chart-legend" aria-label="Chart legend">
    ${origins.map((o) => html`<li class="origin-${o}"><span class="swatch" aria-hidden="true"></span>${ORIGIN_LABELS[o]} source</li>`)}
    ${baseline ? html`<li class="baseline-key"><svg class="key" width="34" height="18" viewBox="0 0 34 18" aria-hidden="true"><path class="baseline-mark" d="M3,9 L31,9"></path></svg>Human baseline (its language)</li>` : ''}
  </ul>`;
}

/** Every metric (rows) for every analysed source (columns), each against its own human baseline: the charts' figures as text. */
function metricTable(model: ReportModel, metrics: readonly MetricInfo[]): SafeHtml {
  const sources = model.sources.filter(hasFigures);
  return html`<details class="metric-table" open>
  <summary>All metrics</summary>
  <div class="table-wrap" tabindex="0" role="region" aria-label="All metrics per source">
  <table>
    <thead><tr><th scope="col">Metric</th>${sources.map((s) => html`<th scope="col" class="num"><span class="badge origin-${s.origin}">${s.id}</span></th>`)}</tr></thead>
    <tbody>${metrics.map((m) => html`<tr><th scope="row" title="${m.description}">${m.label} <span class="worse-when">(worse when ${m.worseWhen})</span></th>${sources.map((s) => metricCell(s, m))}</tr>`)}</tbody>
  </table>
  </div>
</details>`;
}

function findingsSection(model: ReportModel): SafeHtml {
  return html`<section id="findings" aria-labelledby="findings-h">
  <h2 id="findings-h">Findings (${model.findings.length})</h2>
  ${model.findings.length === 0 ? html`<p class="note">No findings.</p>` : html`<ol class="findings">${model.findings.map((f, i) => findingItem(f, i))}</ol>`}
</section>`;
}

/** Where the origin came from, under the badge: the detail on hover, the registry entry's card as a link. */
function evidenceNote(s: SourceRow): SafeHtml | string {
  if (s.evidence === undefined) return '';
  const cite = safeHttpsUrl(s.evidence.citation);
  const label = EVIDENCE_LABELS[s.evidence.kind];
  return html`<br><small class="evidence evidence-${s.evidence.kind}" title="${s.evidence.detail ?? ''}">${cite ? html`<a href="${cite}" rel="noopener noreferrer">${label}</a>` : label}</small>`;
}

function findingItem(f: FindingRow, index: number): SafeHtml {
  const docs = safeHttpsUrl(f.docsUrl);
  return html`<li class="finding sev-${f.severity}">
    <span class="sev ${f.severity}">${f.severity}</span>
    <button type="button" class="link reveal-finding" data-index="${index}" title="Show in the manifest">${f.displayFile}:${f.line}:${f.column}</button>
    <span class="message">${f.message}</span>
    ${docs ? html`<a class="rule" href="${docs}" rel="noopener noreferrer">${f.ruleId}</a>` : html`<span class="rule">${f.ruleId}</span>`}
  </li>`;
}
