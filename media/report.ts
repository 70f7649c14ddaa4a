/**
 * The report's browser script, bundled into dist/webview.js and run both in the VS Code webview and in the
 * exported HTML file. It reads the model from `<script type="application/json" id="model">`, draws the charts
 * (Chart.js: canvas only, no injected styles, so it runs under the strict CSP) and the lineage SVG (DOM APIs,
 * text via textContent only), and wires sorting, the basis switch and editor navigation.
 * Dataset strings never pass through innerHTML.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { neutraliseBidi } from '../src/report/escape';
import { BASIS_LABELS, bucketLabels, formatNumber, formatPercent, ORIGIN_LABELS, ORIGINS, type Origin } from '../src/report/format';
import type { Basis, MetricKey, ReportModel } from '../src/report/types';
import type { ReportState, WebviewMessage } from '../src/report/messages';

// Only the pieces used, so esbuild drops the rest of Chart.js.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): ReportState | undefined;
  setState(state: ReportState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const model = JSON.parse(document.getElementById('model')?.textContent ?? 'null') as ReportModel;
const state: ReportState = { basis: 'tokens', sort: undefined, metric: undefined, scrollY: 0, ...vscode?.getState() };

function saveState(): void {
  vscode?.setState({ ...state, manifest: model.manifest.file });
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function originColour(origin: Origin): string {
  return cssVar(`--sl-${origin}`, '#888888');
}

function announce(text: string): void {
  const region = document.getElementById('announce');
  if (region) region.textContent = text;
}

function chartDefaults(): void {
  Chart.defaults.color = cssVar('--sl-fg', '#333333');
  Chart.defaults.borderColor = cssVar('--sl-grid', 'rgba(128,128,128,0.3)');
  Chart.defaults.font.family = cssVar('--sl-font', 'system-ui, sans-serif');
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
}

let ratioChart: Chart | undefined;

function drawRatio(): void {
  const canvas = document.getElementById('ratio-chart');
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const shares = model.shares[state.basis];
  // A basis no source has a figure on is "not measured" (the share list says so), not a chart of empty bars.
  const box = canvas.parentElement;
  if (box) box.hidden = !shares.measured;
  if (!shares.measured) return;
  const data = {
    labels: ORIGINS.map((o) => ORIGIN_LABELS[o]),
    datasets: [{
      label: `Share by ${BASIS_LABELS[state.basis].toLowerCase()}`,
      data: ORIGINS.map((o) => shares[o] * 100),
      backgroundColor: ORIGINS.map(originColour),
      borderColor: cssVar('--sl-fg', '#333333'),
      borderWidth: 1,
    }],
  };
  if (ratioChart) {
    ratioChart.data = data;
    ratioChart.update();
    return;
  }
  ratioChart = new Chart(canvas, {
    type: 'bar',
    data,
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => formatPercent(Number(ctx.raw) / 100) } } },
    },
  });
}

function setBasis(basis: Basis): void {
  state.basis = basis;
  saveState();
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button.basis'))) {
    button.setAttribute('aria-pressed', String(button.dataset.basis === basis));
  }
  for (const list of Array.from(document.querySelectorAll<HTMLElement>('.share-list'))) list.hidden = list.dataset.basis !== basis;
  drawRatio();
  announce(`Showing shares by ${BASIS_LABELS[basis].toLowerCase()}`);
}

function sortTable(key: string, direction: 'ascending' | 'descending'): void {
  const table = document.getElementById('source-table');
  const body = table?.querySelector('tbody');
  const headers = table ? Array.from(table.querySelectorAll<HTMLTableCellElement>('thead th')) : [];
  const column = headers.findIndex((th) => th.dataset.key === key);
  if (!body || column < 0) return;
  const numeric = headers[column]?.classList.contains('num') ?? false;
  const value = (row: HTMLTableRowElement): string => row.cells[column]?.dataset.sort ?? '';
  const rows = Array.from(body.rows).sort((a, b) => {
    const c = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b), 'en');
    return direction === 'ascending' ? c : -c;
  });
  body.append(...rows);
  headers.forEach((th) => th.setAttribute('aria-sort', th.dataset.key === key ? direction : 'none'));
  state.sort = { key, direction };
  saveState();
  announce(`Sorted by ${headers[column]?.textContent ?? key}, ${direction}`);
}

function wireTable(): void {
  for (const th of Array.from(document.querySelectorAll<HTMLTableCellElement>('#source-table thead th'))) {
    th.querySelector('button')?.addEventListener('click', () => {
      const key = th.dataset.key ?? '';
      const next = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      sortTable(key, next);
    });
  }
  if (state.sort) sortTable(state.sort.key, state.sort.direction);
}

let metricChart: Chart | undefined;

function drawMetric(key: MetricKey): void {
  const canvas = document.getElementById('metric-chart');
  const info = model.metrics.find((m) => m.key === key);
  if (!(canvas instanceof HTMLCanvasElement) || !info) return;
  const sources = model.sources.filter((s) => s.metrics[key]);
  // Each source's own baseline, the human data in its language (a gap where it has none), as the rules compare it.
  const baselines = sources.map((s) => s.baseline?.values[key] ?? null);
  const data = {
    labels: sources.map((s) => neutraliseBidi(s.id)),
    datasets: [
      {
        type: 'bar' as const,
        label: info.label,
        data: sources.map((s) => s.metrics[key]?.value ?? 0),
        backgroundColor: sources.map((s) => originColour(s.origin)),
        order: 2,
      },
      ...(baselines.every((b) => b === null) ? [] : [{
        type: 'line' as const,
        label: 'Human baseline (its language)',
        data: baselines,
        borderColor: cssVar('--sl-fg', '#333333'),
        // A mark over each bar, not a line across them: neighbouring sources may have different baselines. 'line' is
        // centred on the bar ('dash' runs from its centre to the right); the page's legend draws the same mark.
        showLine: false,
        pointStyle: 'line' as const,
        pointRadius: 14,
        pointBorderWidth: 2,
        order: 1,
      }]),
    ],
  };
  metricChart?.destroy();
  metricChart = new Chart(canvas, {
    type: 'bar',
    data,
    options: {
      scales: { y: { beginAtZero: true, title: { display: true, text: info.label } } },
      // The key is the page's (html.ts metricChartLegend): Chart.js's gave the bars one origin's colour and the baseline a box.
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${formatNumber(Number(ctx.raw), info.digits)}` } } },
    },
  });
  const description = document.getElementById('metric-description');
  if (description) description.textContent = `${info.description} Worse when ${info.worseWhen}.`;
}

function wireMetric(): void {
  const select = document.getElementById('metric-select');
  if (!(select instanceof HTMLSelectElement)) return;
  const initial = state.metric && Array.from(select.options).some((o) => o.value === state.metric) ? state.metric : (select.value as MetricKey);
  select.value = initial;
  select.addEventListener('change', () => {
    state.metric = select.value as MetricKey;
    saveState();
    drawMetric(state.metric);
  });
  drawMetric(initial);
}

function drawLengths(): void {
  const canvas = document.getElementById('length-chart');
  const lengths = model.charts.lengths;
  if (!(canvas instanceof HTMLCanvasElement) || !lengths) return;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: bucketLabels(lengths.bounds),
      datasets: [
        { label: 'Human', data: lengths.human.map((v) => v * 100), backgroundColor: originColour('human') },
        { label: 'Synthetic', data: lengths.synthetic.map((v) => v * 100), backgroundColor: originColour('synthetic') },
      ],
    },
    options: {
      scales: { y: { beginAtZero: true, title: { display: true, text: '% of records' } }, x: { title: { display: true, text: 'words' } } },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${formatPercent(Number(ctx.raw) / 100)}` } } },
    },
  });
}

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Draws the layout the model carries (computed by src/report/lineage-layout): this script places nothing itself. */
function drawLineage(): void {
  const host = document.getElementById('lineage-graph');
  if (!host) return;
  const layout = model.lineage.layout;
  const root = svg('svg', { width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'group', 'aria-label': 'Lineage graph' });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  defs.append(marker);
  root.append(defs);

  for (const caption of layout.captions) {
    const text = svg('text', { x: caption.x, y: caption.y, class: 'caption' });
    text.textContent = caption.text;
    root.append(text);
  }
  // Edges first, nodes over them: the layout routes edges around nodes, so nothing is hidden by this order.
  for (const edge of layout.edges) {
    root.append(svg('path', { d: edge.path, class: `edge ${edge.kind}${edge.inCycle ? ' cycle' : ''}`, 'marker-end': 'url(#arrow)', 'data-from': edge.from, 'data-to': edge.to }));
  }
  const byKey = new Map(model.lineage.nodes.map((n) => [n.key, n]));
  for (const placed of layout.nodes) {
    const node = byKey.get(placed.key);
    if (!node) continue;
    const kindLabel = node.kind === 'source' ? `${ORIGIN_LABELS[node.origin ?? 'unknown']} source` : node.kind === 'generator' ? 'Generator model' : 'External dataset';
    const group = svg('g', { class: `node ${node.kind}${node.origin ? ` origin-${node.origin}` : ''}`, transform: `translate(${placed.x},${placed.y})`, 'data-key': node.key });
    const title = svg('title', {});
    title.textContent = `${kindLabel}: ${neutraliseBidi(node.label)}`;
    group.append(title);
    group.append(svg('rect', { width: placed.width, height: placed.height, rx: node.kind === 'generator' ? placed.height / 2 : 4 }));
    const label = svg('text', { x: 10, y: 17, class: 'label' });
    label.textContent = placed.lines[0];
    const detail = svg('text', { x: 10, y: 32, class: 'detail' });
    detail.textContent = placed.lines[1];
    group.append(label, detail);
    if (node.sourceId !== undefined) {
      const sourceId = node.sourceId;
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.setAttribute('aria-label', `${kindLabel} ${neutraliseBidi(node.label)}, ${node.depth === undefined ? 'in a derivedFrom cycle' : `depth ${node.depth}`}: show in manifest`);
      group.addEventListener('click', () => revealSource(sourceId));
      group.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          revealSource(sourceId);
        }
      });
    }
    root.append(group);
  }
  host.replaceChildren(root);
}

function revealSource(sourceId: string): void {
  const source = model.sources.find((s) => s.id === sourceId);
  if (!source) return;
  if (vscode) {
    vscode.postMessage({ type: 'reveal', file: model.manifest.file, range: source.range });
    return;
  }
  // In the exported file there is no editor: jump to the source's row instead.
  const row = Array.from(document.querySelectorAll<HTMLTableRowElement>('#source-table tbody tr')).find((r) => r.dataset.source === sourceId);
  row?.querySelector('button')?.focus();
  row?.scrollIntoView({ block: 'center' });
}

function wireNavigation(): void {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button.reveal-source'))) {
    button.addEventListener('click', () => revealSource(button.dataset.source ?? ''));
  }
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button.reveal-finding'))) {
    button.addEventListener('click', () => {
      const finding = model.findings[Number(button.dataset.index)];
      if (!finding) return;
      if (vscode) vscode.postMessage({ type: 'reveal', file: finding.file, range: finding.range });
      else if (finding.sourceId !== undefined) revealSource(finding.sourceId);
    });
  }
  document.getElementById('export')?.addEventListener('click', () => vscode?.postMessage({ type: 'export' }));
  document.getElementById('download-json')?.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(model, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'synthlint-report.json';
    link.click();
    URL.revokeObjectURL(link.href);
  });
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button.basis'))) {
    button.addEventListener('click', () => setBasis((button.dataset.basis as Basis | undefined) ?? 'tokens'));
  }
}

function wireScroll(): void {
  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      state.scrollY = window.scrollY;
      saveState();
    });
  });
  if (state.scrollY > 0) window.scrollTo(0, state.scrollY);
}

function main(): void {
  if (!model) return;
  chartDefaults();
  wireNavigation();
  setBasis(state.basis);
  wireTable();
  wireMetric();
  drawLengths();
  drawLineage();
  wireScroll();
  document.documentElement.dataset.ready = 'true';
  vscode?.postMessage({
    type: 'rendered',
    rendered: {
      title: document.querySelector('h1')?.textContent ?? '',
      sourceRows: document.querySelectorAll('#source-table tbody tr').length,
      findingLinks: document.querySelectorAll('button.reveal-finding').length,
      charts: Array.from(document.querySelectorAll('canvas')).filter((c) => Chart.getChart(c) !== undefined).length,
      lineageNodes: document.querySelectorAll('#lineage-graph g.node').length,
    },
  });
}

main();
