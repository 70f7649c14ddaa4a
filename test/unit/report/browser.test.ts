/// <reference lib="dom" />
/**
 * The exported report in a real browser (Debian's Chromium through playwright-core, JavaScript on): the charts
 * draw, the lineage SVG is built, the table sorts, the basis switch works, the strict CSP is never violated,
 * nothing logs an error, and no XSS payload from the data runs. Screenshots go to test-results/ for a person
 * to look at.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { lintFile } from '../../../src/project/index';
import { buildReport } from '../../../src/report/model';
import type { ReportModel } from '../../../src/report/types';
import { renderFile } from './bundle';
// @ts-expect-error: a plain .mjs script without type declarations
import { DEFAULT_CHROMIUM } from '../../../scripts/system-packages.mjs';
import { judgedFixture, lineageFixture, manifest, REAL_MIXER, ROOT, source, stressManifest, xssFixture } from './fixtures';
import { distanceToBorder, inside, overlaps, type Box, type Point } from './geometry';

// The one unit test that needs a system package. Without it the test fails (CI must run it; a skip would pass
// silently) with the command that installs it; `npm test` installs it before the unit tests run.
const CHROMIUM = process.env.CHROMIUM || DEFAULT_CHROMIUM;
const RESULTS = path.resolve(__dirname, '../../../test-results');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Watch {
  errors: string[];
  violations: string[];
  dialogs: string[];
}

/** Opens an HTML file and records console errors, page errors, CSP violations and dialogs (alert/confirm). */
async function open(browser: Browser, file: string, colorScheme: 'light' | 'dark', width = 1200): Promise<{ page: Page; watch: Watch }> {
  const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const watch: Watch = { errors: [], violations: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
    if (/Content Security Policy/i.test(m.text())) watch.violations.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(String(e)));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) watch.errors.push(`network request: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
  return { page, watch };
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

/** Fraction of a canvas's pixels that are not fully transparent: 0 means Chart.js drew nothing. */
async function inkedShare(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return 0;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked++;
    return inked / (c.width * c.height);
  });
}

interface DrawnLineage {
  nodes: (Box & { key: string; labelWidth: number; detailWidth: number })[];
  edges: { from: string; to: string; points: Point[] }[];
}

/** The lineage as the browser drew it: node boxes, label widths and points along every edge, in page pixels. */
async function drawnLineage(page: Page): Promise<DrawnLineage> {
  // No named inner functions: tsx would wrap them in a helper that does not exist in the page.
  return page.evaluate(() => {
    const nodes = Array.from(document.querySelectorAll<SVGGElement>('#lineage-graph g.node')).map((g) => {
      const r = (g.querySelector('rect') as Element).getBoundingClientRect();
      return {
        key: g.dataset.key ?? '', x: r.x, y: r.y, width: r.width, height: r.height,
        labelWidth: (g.querySelector('text.label') as Element).getBoundingClientRect().width,
        detailWidth: (g.querySelector('text.detail') as Element).getBoundingClientRect().width,
      };
    });
    const edges = Array.from(document.querySelectorAll<SVGPathElement>('#lineage-graph path.edge')).map((p) => {
      const matrix = p.getScreenCTM();
      const length = p.getTotalLength();
      const points = [];
      for (let i = 0; i <= 60; i++) {
        const at = p.getPointAtLength((length * i) / 60);
        points.push({ x: (matrix?.a ?? 1) * at.x + (matrix?.e ?? 0), y: (matrix?.d ?? 1) * at.y + (matrix?.f ?? 0) });
      }
      return { from: p.dataset.from ?? '', to: p.dataset.to ?? '', points };
    });
    return { nodes, edges };
  });
}

/** No two drawn nodes overlap, each label fits its box, each edge runs from its own source to its own target and behind no node. */
function assertDrawnLineage(drawn: DrawnLineage, model: ReportModel, where: string): void {
  assert.equal(drawn.nodes.length, model.lineage.nodes.length, `${where}: every node drawn`);
  for (const [i, a] of drawn.nodes.entries()) {
    assert.ok(a.labelWidth <= a.width - 8 && a.detailWidth <= a.width - 8, `${where}: the text of ${a.key} fits its box (${a.labelWidth.toFixed(0)}/${a.detailWidth.toFixed(0)} of ${a.width.toFixed(0)} px)`);
    for (const b of drawn.nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${where}: ${a.key} and ${b.key} overlap`);
  }
  const byKey = new Map(drawn.nodes.map((n) => [n.key, n]));
  assert.deepEqual(drawn.edges.map((e) => `${e.from} ${e.to}`), model.lineage.edges.map((e) => `${e.from} ${e.to}`), `${where}: every edge drawn once`);
  const scale = (drawn.nodes[0]?.height ?? 40) / 40;
  for (const edge of drawn.edges) {
    const from = byKey.get(edge.from);
    const to = byKey.get(edge.to);
    assert.ok(from && to, `${where}: both ends of ${edge.from} → ${edge.to} are drawn`);
    const first = edge.points[0];
    const last = edge.points[edge.points.length - 1];
    assert.ok(first && last);
    assert.ok(distanceToBorder(first, from) < 1.5 * scale, `${where}: ${edge.from} → ${edge.to} starts on ${edge.from}`);
    assert.ok(distanceToBorder(last, to) < 1.5 * scale, `${where}: ${edge.from} → ${edge.to} ends on ${edge.to}`);
    for (const p of edge.points) {
      for (const n of drawn.nodes) assert.ok(!inside(p, n, 2 * scale), `${where}: ${edge.from} → ${edge.to} runs behind ${n.key}`);
    }
  }
}

describe('report in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let dir: string;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`this test drives a real browser and ${CHROMIUM} is missing. Install Debian's chromium with ` +
        '`node scripts/system-packages.mjs` (what `npm test` runs first; apt as root or with passwordless sudo, otherwise it prints ' +
        'the command) or `sudo apt-get install -y chromium`, or point CHROMIUM at another Chromium binary.');
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    dir = mkdtempSync(path.join(tmpdir(), 'synthlint-report-'));
    mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows no ratio chart for a basis nothing measured, only the words "not measured", and the chart for one that is', async () => {
    // Weights only: nothing states or measures rows or tokens.
    const weighted = manifest([source({ id: 'human-chat', origin: 'human', line: 3, weight: 2 }), source({ id: 'distilled', origin: 'synthetic', line: 6, weight: 1 })]);
    const model = buildReport({ manifest: weighted, profiles: new Map(), findings: [], root: ROOT });
    const bases = ['rows', 'tokens', 'weight'] as const;
    assert.ok(bases.some((b) => model.shares[b].measured) && bases.some((b) => !model.shares[b].measured), 'the fixture measures some bases and not others');
    const file = path.join(dir, 'report-unmeasured.html');
    writeFileSync(file, await renderFile(model));
    const { page, watch } = await open(browser, file, 'light');
    for (const basis of bases) {
      await page.click(`button.basis[data-basis="${basis}"]`);
      const { measured } = model.shares[basis];
      assert.equal(await page.isVisible('#ratio-chart'), measured, `${basis}: chart shown only when measured`);
      if (measured) assert.ok((await inkedShare(page, '#ratio-chart')) > 0.01, `${basis}: the chart has drawn pixels`);
      else assert.match((await page.textContent(`.share-list[data-basis="${basis}"]`)) ?? '', /not measured/);
    }
    assert.deepEqual(watch.errors, []);
  });

  it('draws the charts and the lineage, sorts the table, and stays inside its CSP (light and dark)', async () => {
    const fixture = lineageFixture();
    const model = buildReport({ ...fixture, root: ROOT });
    const file = path.join(dir, 'report.html');
    writeFileSync(file, await renderFile(model));

    for (const scheme of ['light', 'dark'] as const) {
      const { page, watch } = await open(browser, file, scheme);

      for (const id of ['#ratio-chart', '#metric-chart', '#length-chart']) {
        assert.ok((await inkedShare(page, id)) > 0.01, `${id} has drawn pixels`);
      }
      const nodeLabels = await page.$$eval('#lineage-graph svg g.node text.label', (ts) => ts.map((t) => t.textContent));
      assert.deepEqual([...nodeLabels].sort(), ['alpaca', 'alpaca-rewrite', 'eli5', 'eli5-answers', 'llama-2-70b-chat', 'seed-tasks', 'text-davinci-003', 'web-scrape']);
      assert.equal(await page.locator('#lineage-graph svg path.edge').count(), model.lineage.edges.length);

      const order = (): Promise<string[]> => page.$$eval('#source-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.source ?? ''));
      assert.deepEqual(await order(), ['seed-tasks', 'alpaca', 'alpaca-rewrite', 'eli5-answers', 'web-scrape']);
      await page.click('#source-table th[data-key="tokens"] button');
      assert.deepEqual(await order(), ['eli5-answers', 'seed-tasks', 'web-scrape', 'alpaca-rewrite', 'alpaca']);
      assert.equal(await page.getAttribute('#source-table th[data-key="tokens"]', 'aria-sort'), 'ascending');
      // Keyboard: focus the header button and press Enter to reverse.
      await page.focus('#source-table th[data-key="tokens"] button');
      await page.keyboard.press('Enter');
      assert.deepEqual(await order(), ['alpaca', 'alpaca-rewrite', 'web-scrape', 'seed-tasks', 'eli5-answers']);

      await page.click('button.basis[data-basis="rows"]');
      assert.equal(await page.getAttribute('button.basis[data-basis="rows"]', 'aria-pressed'), 'true');
      assert.equal(await page.isVisible('.share-list[data-basis="rows"]'), true);
      assert.equal(await page.isVisible('.share-list[data-basis="tokens"]'), false);
      await page.click('button.basis[data-basis="tokens"]');

      await page.selectOption('#metric-select', 'nearDuplicateRate');
      assert.match((await page.textContent('#metric-description')) ?? '', /near-duplicate/i);
      await page.selectOption('#metric-select', 'compressionRatio');
      await page.click('#source-table th[data-key="id"] button');

      await page.screenshot({ path: path.join(RESULTS, scheme === 'light' ? 'report.png' : 'report-dark.png'), fullPage: true });
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.violations, []);
      assert.deepEqual(await violations(page), []);
      await page.context().close();
    }
  });

  it('lays out a real 16-dataset open-instruct mixer readably at 400, 700 and 1400 px, light and dark (screenshots)', async function () {
    this.timeout(180_000);
    const linted = await lintFile(REAL_MIXER, { data: false });
    assert.ok(linted.manifest);
    const model = buildReport({ manifest: linted.manifest, findings: linted.findings, profiles: linted.profiles });
    assert.ok(model.sources.length >= 10);
    const file = path.join(dir, 'real-mixer.html');
    writeFileSync(file, await renderFile(model));

    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [400, 700, 1400]) {
        const where = `${width} px ${scheme}`;
        const { page, watch } = await open(browser, file, scheme, width);
        const drawn = await drawnLineage(page);
        assertDrawnLineage(drawn, model, where);
        // Unrelated datasets sit in rows of a grid, not one above the other in a single column.
        const columns = new Set(drawn.nodes.map((n) => Math.round(n.x)));
        assert.ok(columns.size > 1, `${where}: unlinked datasets use more than one column`);

        // The findings list keeps its message readable: never squeezed into a narrow column.
        const widths = await page.$$eval('#findings li.finding', (items) => items.map((li) => {
          const message = li.querySelector('.message')?.getBoundingClientRect().width ?? 0;
          return { message, item: li.getBoundingClientRect().width };
        }));
        assert.ok(widths.length > 0, `${where}: the mixer has findings`);
        for (const w of widths) assert.ok(w.message >= Math.min(w.item * 0.45, 300), `${where}: a finding message is ${w.message.toFixed(0)} px wide in a ${w.item.toFixed(0)} px list`);
        // The page itself never scrolls sideways; wide tables and the graph scroll inside their own boxes.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${where}: no page-wide horizontal scroll`);

        // "0 errors" is not drawn in the error colour; every encoded cell has a legend entry.
        const zero = await page.$eval('#total-findings .sev', (el) => ({ text: el.textContent ?? '', colour: getComputedStyle(el).color, error: getComputedStyle(document.body).getPropertyValue('--sl-error').trim() }));
        assert.match(zero.text, /^0 errors$/);
        const errorColour = await page.evaluate((c) => { const probe = document.createElement('span'); probe.style.color = c; document.body.append(probe); const v = getComputedStyle(probe).color; probe.remove(); return v; }, zero.error);
        assert.notEqual(zero.colour, errorColour, `${where}: "0 errors" is not red`);
        assert.equal(await page.locator('#sources dl.legend dt').filter({ hasText: '·' }).count(), 1, `${where}: the findings cell has a legend`);
        assert.ok(await page.locator('#lineage .lineage-legend li').count() >= 8, `${where}: the lineage has a legend`);

        await page.screenshot({ path: path.join(RESULTS, `report-real-mixer-${width}-${scheme}.png`), fullPage: true });
        assert.deepEqual(watch.errors, []);
        assert.deepEqual(watch.violations, []);
        assert.deepEqual(await violations(page), []);
        await page.context().close();
      }
    }
  });

  it('draws every edge of a 36-source lineage between its own two nodes and behind none (DOM geometry)', async () => {
    const model = buildReport({ manifest: stressManifest(), findings: [], profiles: new Map() });
    const file = path.join(dir, 'stress.html');
    writeFileSync(file, await renderFile(model));
    for (const width of [400, 1400]) {
      const { page, watch } = await open(browser, file, 'light', width);
      assertDrawnLineage(await drawnLineage(page), model, `stress lineage at ${width} px`);
      if (width === 1400) await page.locator('#lineage').screenshot({ path: path.join(RESULTS, 'report-lineage-stress.png') });
      assert.deepEqual(watch.errors, []);
      await page.context().close();
    }
  });

  it('shows ⚠ on the figures the rules report and on no other, and keys the baseline with the line the chart draws', async () => {
    const { model } = judgedFixture();
    const file = path.join(dir, 'report-judged.html');
    writeFileSync(file, await renderFile(model));
    const { page, watch } = await open(browser, file, 'light');

    // The cells whose rendered text shows ⚠, by source (the cell's tooltip starts with its metric).
    const marked = await page.$$eval('#source-table tbody tr', (rows) =>
      rows.map((r) => [(r as HTMLElement).dataset.source ?? '', Array.from(r.querySelectorAll('td')).filter((td) => td.innerText.includes('⚠')).map((td) => td.title.split(':')[0])]));
    assert.deepEqual(Object.fromEntries(marked), {
      'en-human': ['Near-duplicates'],
      'en-close': [],
      'en-far': ['Compression (size-matched)', 'N-gram diversity (size-matched)', 'Template openings'],
      'en-quiet': [],
    });
    // Inside the margin: the difference is shown, plainly, with no mark and no arrow.
    assert.equal(await page.$eval('#source-table tr[data-source="en-close"] td[title^="Compression (size-matched)"]', (td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ')), '2.30 +0.10');
    // The mark is in the warning colour; the difference under it is as muted as any other.
    const [mark, difference, plain] = await page.$eval('#source-table tr[data-source="en-far"] td.worse', (td) => [
      getComputedStyle(td.querySelector('.risk')!).color,
      getComputedStyle(td.querySelector('.delta')!).color,
      getComputedStyle(document.querySelector('#source-table tr[data-source="en-close"] .delta')!).color,
    ]);
    assert.notEqual(mark, difference);
    assert.equal(difference, plain);

    // The chart's key: a visible horizontal line, as the chart draws the baseline over each bar, and no box.
    assert.ok((await inkedShare(page, '#metric-chart')) > 0.01, 'the metric chart has drawn pixels');
    const key = await page.$eval('.chart-legend .baseline-key', (li) => {
      const line = li.querySelector('path.baseline-mark')!.getBoundingClientRect();
      return { width: line.width, height: line.height, boxes: li.querySelectorAll('rect, .swatch').length, text: li.textContent };
    });
    assert.ok(key.width >= 20 && key.height <= 1, `a horizontal line: ${key.width} × ${key.height}`);
    assert.equal(key.boxes, 0);
    assert.equal(key.text, 'Human baseline (its language)');
    assert.ok(await page.isVisible('.chart-legend .baseline-key'));
    await page.screenshot({ path: path.join(RESULTS, 'report-judged.png'), fullPage: true });
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.violations, []);
    await page.context().close();
  });

  it('runs none of the XSS corpus placed in ids, generators, openings, findings and the title', async () => {
    const fixture = xssFixture();
    const model = buildReport({ ...fixture, root: ROOT });
    const file = path.join(dir, 'xss.html');
    writeFileSync(file, await renderFile(model));
    const { page, watch } = await open(browser, file, 'light');

    // Interact with everything that handles data: sorting, metric switch, lineage node focus.
    await page.click('#source-table th[data-key="id"] button');
    await page.selectOption('#metric-select', 'templateShare3');
    await page.focus('#lineage-graph svg g.node.source');
    await page.keyboard.press('Enter');

    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.deepEqual(watch.dialogs, []);
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created from data');
    assert.equal(await page.locator('body svg[onload], body script:not([nonce]):not([type="application/json"])').count(), 0);
    // The payloads are visible as text.
    const text = (await page.textContent('#source-table')) ?? '';
    assert.ok(text.includes('<img src=x onerror="window.__xss=1;alert(1)">'));
    assert.ok(text.includes('evil<U+202E>txt.exe'), 'the RTL override is shown, not obeyed');
    const link = await page.$$eval('#findings a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(link.every((href) => href?.startsWith('https://')), `only https links: ${link.join(', ')}`);
    await page.screenshot({ path: path.join(RESULTS, 'report-xss.png'), fullPage: true });
    assert.deepEqual(watch.violations, []);
    assert.deepEqual(watch.errors, []);
  });
});
