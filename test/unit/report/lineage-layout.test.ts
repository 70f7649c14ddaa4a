import assert from 'node:assert/strict';
import { lintFile } from '../../../src/project/index';
import { buildReport } from '../../../src/report/model';
import type { LineageGraph, ReportModel } from '../../../src/report/types';
import { manifest, REAL_MIXER, source, stressManifest } from './fixtures';
import { distanceToBorder, inside, overlaps, samplePath, type Box } from './geometry';


/** Every geometric promise the layout makes, checked on the model's own numbers. */
function assertLayoutSound(lineage: LineageGraph): void {
  const { layout } = lineage;
  const boxes = new Map<string, Box>(layout.nodes.map((n) => [n.key, n]));
  assert.deepEqual([...boxes.keys()].sort(), lineage.nodes.map((n) => n.key).sort(), 'every node is placed once');
  for (const [i, a] of layout.nodes.entries()) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height, `${a.key} inside the drawing`);
    for (const b of layout.nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.key} and ${b.key} overlap`);
  }
  assert.equal(layout.edges.length, lineage.edges.length, 'every edge is drawn');
  for (const [i, edge] of layout.edges.entries()) {
    const source = lineage.edges[i];
    assert.deepEqual([edge.from, edge.to, edge.kind], [source?.from, source?.to, source?.kind]);
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    assert.ok(from && to);
    const points = samplePath(edge.path);
    const first = points[0];
    const last = points[points.length - 1];
    assert.ok(first && last);
    assert.ok(distanceToBorder(first, from) < 0.6, `${edge.from} → ${edge.to} starts on ${edge.from}`);
    assert.ok(distanceToBorder(last, to) < 0.6, `${edge.from} → ${edge.to} ends on ${edge.to}`);
    for (const p of points) {
      for (const n of layout.nodes) {
        assert.ok(!inside(p, n, 1), `${edge.from} → ${edge.to} passes behind ${n.key} at (${p.x.toFixed(1)}, ${p.y.toFixed(1)})`);
      }
    }
  }
}

async function realMixer(): Promise<ReportModel> {
  const linted = await lintFile(REAL_MIXER, { data: false });
  assert.ok(linted.manifest);
  return buildReport({ manifest: linted.manifest, findings: linted.findings, profiles: linted.profiles });
}

describe('report lineage layout (dagre)', () => {
  it('places a real 16-dataset open-instruct mixer without overlaps, unlinked datasets in a grid, not a chain', async () => {
    const { lineage } = await realMixer();
    assert.ok(lineage.nodes.length >= 16);
    assertLayoutSound(lineage);
    const unlinked = lineage.layout.nodes.filter((n) => !lineage.edges.some((e) => e.from === n.key || e.to === n.key));
    const rows = new Set(unlinked.map((n) => n.y));
    const columns = new Set(unlinked.map((n) => n.x));
    assert.ok(columns.size > 1 && rows.size < unlinked.length, `unlinked datasets share rows (${columns.size} columns, ${rows.size} rows)`);
    assert.ok(lineage.layout.captions.some((c) => /not linked|no lineage/i.test(c.text)));
  });

  it('routes every edge of a 36-source stress lineage between its own two nodes and around all others', () => {
    const model = buildReport({ manifest: stressManifest(), findings: [], profiles: new Map() });
    assert.ok(model.lineage.edges.length > 40, `${model.lineage.edges.length} edges`);
    assert.ok(model.lineage.cycles.length > 0, 'the stress lineage has a cycle');
    assertLayoutSound(model.lineage);
  });

  it('keeps unrelated parts apart: no part of the graph shares a band of height with another', () => {
    const m = manifest([
      source({ id: 'a-seed', origin: 'human', line: 1 }),
      source({ id: 'b-seed', origin: 'human', line: 7 }),
      source({ id: 'a-gen', origin: 'synthetic', line: 13, derivedFrom: ['a-seed'], generator: { model: 'model-a' } }),
      source({ id: 'b-gen', origin: 'synthetic', line: 19, derivedFrom: ['b-seed'], generator: { model: 'model-b' } }),
    ]);
    const { layout } = buildReport({ manifest: m, findings: [], profiles: new Map() }).lineage;
    const span = (prefix: string): [number, number] => {
      const mine = layout.nodes.filter((n) => n.key.includes(`${prefix}-`) || n.key.endsWith(`model-${prefix}`));
      return [Math.min(...mine.map((n) => n.y)), Math.max(...mine.map((n) => n.y + n.height))];
    };
    const [a, b] = [span('a'), span('b')];
    assert.ok(a[1] <= b[0] || b[1] <= a[0], `part a ${a.join('–')} and part b ${b.join('–')} overlap vertically`);
  });

  it('is deterministic: the same manifest gives the same layout, byte for byte', async () => {
    const one = JSON.stringify(buildReport({ manifest: stressManifest(), findings: [], profiles: new Map() }).lineage.layout);
    const two = JSON.stringify(buildReport({ manifest: stressManifest(), findings: [], profiles: new Map() }).lineage.layout);
    assert.equal(one, two);
    assert.equal(JSON.stringify((await realMixer()).lineage.layout), JSON.stringify((await realMixer()).lineage.layout));
  });

  it('shows a hub id as name over owner, and elides the middle of a name too long for the box', () => {
    const m = manifest([source({ id: 'ai2-adapt-dev/tulu_v3.9_personahub_math_interm_algebra_20k', origin: 'unknown', line: 1 })]);
    const [node] = buildReport({ manifest: m, findings: [], profiles: new Map() }).lineage.layout.nodes;
    assert.ok(node);
    assert.match(node.lines[0], /^tulu_v3\.9_.+….+_20k$/);
    assert.equal(node.lines[1], 'ai2-adapt-dev · unknown');
  });
});
