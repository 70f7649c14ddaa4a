/**
 * Trains the provenance model (src/analyzer/provenance/model.json) on the labelled human / LLM corpora in
 * ../shared/data and writes its training report (src/analyzer/provenance/TRAINING.md). `npm run
 * train:provenance`. Deterministic: the same data gives the same file.
 *
 * What is measured is generalisation, not fit: every figure in the report comes from leaving one corpus
 * out, training on the others and scoring the one left out (sources of `sampleSize` records drawn from it).
 * Calibration (Platt scaling) and the verdict thresholds are fitted to those held-out scores, never to
 * the scores of the data a fold was trained on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/analyzer/metrics/hashing';
import { RECORD_FEATURES, SAMPLE_FEATURES } from '../src/analyzer/provenance/features';
import {
  type LinearModel,
  type ProvenanceModel,
  type ScoredRecord,
  drawIndices,
  linear,
  recordLogit,
  recordVector,
  scorePhrases,
  sigmoid,
  sourceFeatures,
  toScoredRecord,
} from '../src/analyzer/provenance/model';
import { PHRASE_BUCKETS, decodePhrases, encodePhrases, phraseScore } from '../src/analyzer/provenance/phrases';

const DATA = join(__dirname, '..', '..', 'shared', 'data');
const OUT = join(__dirname, '..', 'src', 'analyzer', 'provenance');
const SAMPLE_SIZE = 50;
const DRAWS = 8;
/** Sources drawn per corpus and class (spread over the writers of a class). */
const SOURCES_PER_CLASS = 24;
/** Records per corpus and class the record model is fitted on. */
const RECORDS_PER_CLASS = 400;
const MAX_FALSE_ALARMS = 0.05;

interface Writer {
  corpus: string;
  machine: boolean;
  /** Model name, or "human". */
  writer: string;
  records: ScoredRecord[];
}

function jsonl(path: string): Record<string, unknown>[] {
  return readFileSync(join(DATA, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const joinFields = (...fields: string[]) => fields.filter((f) => f.trim()).join('\n');

function loadWriters(): Writer[] {
  const writers: Writer[] = [];
  const add = (corpus: string, writer: string, texts: string[]) => {
    const records = texts.filter((t) => t.trim()).map(toScoredRecord);
    writers.push({ corpus, machine: writer !== 'human', writer, records });
  };
  for (const name of ['reddit', 'wikihow', 'id-newspaper', 'qazh']) {
    const rows = jsonl(`m4/${name}_llama2.jsonl`);
    add(`m4-${name}`, 'human', rows.map((r) => str(r.human_text)));
    add(`m4-${name}`, 'llama-2-70b-chat', rows.map((r) => str(r.machine_text)));
  }
  const byModel = new Map<string, string[]>();
  for (const r of jsonl('detect/selfinstruct_human_eval.jsonl')) {
    const model = str(r.model);
    byModel.set(model, [...(byModel.get(model) ?? []), str(r.text)]);
  }
  for (const [model, texts] of byModel) add('selfinstruct', model === 'human' ? 'human' : model, texts);
  const alpaca = JSON.parse(readFileSync(join(DATA, 'instruct/alpaca_5000.json'), 'utf8')) as Record<string, unknown>[];
  add('alpaca', 'text-davinci-003', alpaca.map((r) => joinFields(str(r.instruction), str(r.input), str(r.output))));
  const seeds = jsonl('instruct/self_instruct_seed_tasks.jsonl').map((r) => {
    const first = (r.instances as Record<string, unknown>[] | undefined)?.[0] ?? {};
    return joinFields(str(r.instruction), str(first.input), str(first.output));
  });
  add('alpaca', 'human', seeds);
  return writers;
}

// ---- logistic regression (Newton / IRLS with an L2 penalty on standardised features) ----

function standardise(rows: number[][]): { mean: number[]; sd: number[] } {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (r[j] ?? 0) / rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) sd[j] = (sd[j] ?? 0) + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2 / rows.length;
  return { mean, sd: sd.map((v) => (v > 1e-12 ? Math.sqrt(v) : 0)) };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function fitLogistic(features: readonly string[], rows: number[][], labels: number[], weights: number[], lambda: number): LinearModel {
  const { mean, sd } = standardise(rows);
  const d = mean.length;
  const x = rows.map((r) => r.map((v, j) => (sd[j]! > 0 ? (v - mean[j]!) / sd[j]! : 0)));
  let beta = new Array<number>(d + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const h = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    const g = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < x.length; i++) {
      const xi = [...x[i]!, 1];
      let z = 0;
      for (let j = 0; j <= d; j++) z += beta[j]! * xi[j]!;
      const p = sigmoid(z);
      const w = weights[i]!;
      for (let j = 0; j <= d; j++) {
        g[j]! += w * (labels[i]! - p) * xi[j]!;
        for (let k = 0; k <= d; k++) h[j]![k]! += w * p * (1 - p) * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      g[j]! -= lambda * beta[j]!;
      h[j]![j]! += lambda;
    }
    h[d]![d]! += 1e-9;
    const step = solve(h, g);
    beta = beta.map((b, j) => b + step[j]!);
    if (step.reduce((s, v) => s + Math.abs(v), 0) < 1e-8) break;
  }
  return { features: [...features], mean, sd, weights: beta.slice(0, d), bias: beta[d]! };
}

export function auroc(scores: number[], labels: number[]): number {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / Math.max(1, pos.length * neg.length);
}

// ---- training on a set of writers ----

const RECORD_MODEL_FEATURES = [...RECORD_FEATURES, 'phraseLogRatio'];
const SOURCE_FEATURE_NAMES = [...RECORD_MODEL_FEATURES.map((f) => `mean ${f}`), 'mean record logit', ...SAMPLE_FEATURES];
/** Smoothing of the phrase table's shares (about one occurrence in 50,000 tokens). */
const PHRASE_SMOOTHING = 2e-5;
const PHRASE_CLIP = 3;

/** The phrase table of `writers`: per bucket, log of its share among machine tokens over human ones, each corpus weighing the same. */
function fitPhrases(writers: Writer[]): Float32Array {
  const share = { machine: new Float64Array(PHRASE_BUCKETS), human: new Float64Array(PHRASE_BUCKETS) };
  const corpora = new Set(writers.map((w) => w.corpus));
  for (const corpus of corpora) {
    for (const machine of [false, true]) {
      const counts = new Float64Array(PHRASE_BUCKETS);
      let total = 0;
      for (const w of writers) {
        if (w.corpus !== corpus || w.machine !== machine) continue;
        for (const r of w.records) for (const b of r.buckets) (counts[b]! += 1), total++;
      }
      const into = machine ? share.machine : share.human;
      for (let b = 0; b < PHRASE_BUCKETS; b++) into[b]! += counts[b]! / Math.max(1, total) / corpora.size;
    }
  }
  const table = new Float32Array(PHRASE_BUCKETS);
  for (let b = 0; b < PHRASE_BUCKETS; b++) {
    const lr = Math.log((share.machine[b]! + PHRASE_SMOOTHING) / (share.human[b]! + PHRASE_SMOOTHING));
    table[b] = Math.max(-PHRASE_CLIP, Math.min(PHRASE_CLIP, lr));
  }
  return decodePhrases(encodePhrases(table));
}

/**
 * Cross-fitting: each training corpus's records get their phrase score from a table fitted without that
 * corpus, so the models above the table learn how much it is worth on text it has not seen.
 */
function crossFitPhrases(writers: Writer[]): void {
  for (const corpus of new Set(writers.map((w) => w.corpus))) {
    const table = fitPhrases(writers.filter((w) => w.corpus !== corpus));
    for (const w of writers) if (w.corpus === corpus) for (const r of w.records) r.phrase = phraseScore(table, r.buckets);
  }
}

function partialModel(record: LinearModel): ProvenanceModel {
  const none: LinearModel = { features: [], mean: [], sd: [], weights: [], bias: 0 };
  return { version: '', sampleSize: SAMPLE_SIZE, draws: DRAWS, minRecords: SAMPLE_SIZE, record, source: none, phrases: '', calibration: { a: 1, b: 0 }, thresholds: { machine: 1, human: 0 } };
}

function fitRecordModel(writers: Writer[]): LinearModel {
  const rows: number[][] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  const random = mulberry32(7);
  for (const corpus of new Set(writers.map((w) => w.corpus))) {
    for (const machine of [false, true]) {
      const pool = writers.filter((w) => w.corpus === corpus && w.machine === machine).flatMap((w) => w.records);
      const chosen = drawIndices(pool.length, RECORDS_PER_CLASS, random).map((i) => pool[i]!);
      for (const r of chosen) {
        rows.push(recordVector(r));
        labels.push(machine ? 1 : 0);
        weights.push(1 / chosen.length);
      }
    }
  }
  return fitLogistic(RECORD_MODEL_FEATURES, rows, labels, weights, 1e-3 * rows.length / 100);
}

interface Source {
  corpus: string;
  machine: boolean;
  writer: string;
  sample: ScoredRecord[];
}

/** SOURCES_PER_CLASS sources of `size` records per corpus and class, spread round-robin over the writers. */
function drawSources(writers: Writer[], size: number, seed: number): Source[] {
  const random = mulberry32(seed);
  const sources: Source[] = [];
  for (const corpus of new Set(writers.map((w) => w.corpus))) {
    for (const machine of [false, true]) {
      const group = writers.filter((w) => w.corpus === corpus && w.machine === machine && w.records.length >= size);
      for (let s = 0; s < SOURCES_PER_CLASS && group.length > 0; s++) {
        const w = group[s % group.length]!;
        sources.push({ corpus, machine, writer: w.writer, sample: drawIndices(w.records.length, size, random).map((i) => w.records[i]!) });
      }
    }
  }
  return sources;
}

function fitModel(writers: Writer[]): ProvenanceModel {
  crossFitPhrases(writers);
  const model = partialModel(fitRecordModel(writers));
  const sources = drawSources(writers, SAMPLE_SIZE, 11);
  const rows = sources.map((s) => sourceFeatures(model, s.sample));
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(`${s.corpus}/${s.machine}`, (counts.get(`${s.corpus}/${s.machine}`) ?? 0) + 1);
  const weights = sources.map((s) => 1 / counts.get(`${s.corpus}/${s.machine}`)!);
  model.source = fitLogistic(SOURCE_FEATURE_NAMES, rows, sources.map((s) => (s.machine ? 1 : 0)), weights, 3);
  model.phrases = encodePhrases(fitPhrases(writers));
  return model;
}

// ---- leave one corpus out ----

interface Held {
  corpus: string;
  machine: boolean;
  writer: string;
  size: number;
  logit: number;
}

const SIZES = [10, 20, 30, 50];

function leaveOneCorpusOut(writers: Writer[]): { held: Held[]; recordAuroc: Map<string, number> } {
  const held: Held[] = [];
  const recordAuroc = new Map<string, number>();
  for (const corpus of new Set(writers.map((w) => w.corpus))) {
    const model = fitModel(writers.filter((w) => w.corpus !== corpus));
    const test = writers.filter((w) => w.corpus === corpus);
    for (const w of test) scorePhrases(model, w.records);
    const records = test.flatMap((w) => w.records.map((r) => ({ z: recordLogit(model, r), y: w.machine ? 1 : 0 })));
    recordAuroc.set(corpus, auroc(records.map((r) => r.z), records.map((r) => r.y)));
    for (const size of SIZES) {
      for (const s of drawSources(test, size, 23 + size)) {
        held.push({ corpus, machine: s.machine, writer: s.writer, size, logit: linear(model.source, sourceFeatures(model, s.sample)) });
      }
    }
    console.error(`held out ${corpus}`);
  }
  return { held, recordAuroc };
}

function fitPlatt(held: Held[]): { a: number; b: number } {
  const m = fitLogistic(['logit'], held.map((h) => [h.logit]), held.map((h) => (h.machine ? 1 : 0)), held.map(() => 1), 1e-6);
  // Back from the standardised feature to the raw logit.
  const sd = m.sd[0]! || 1;
  return { a: m.weights[0]! / sd, b: m.bias - (m.weights[0]! * m.mean[0]!) / sd };
}

function main(): void {
  const writers = loadWriters();
  const corpora = [...new Set(writers.map((w) => w.corpus))];
  const { held, recordAuroc } = leaveOneCorpusOut(writers);
  const at50 = held.filter((h) => h.size === SAMPLE_SIZE);
  const calibration = fitPlatt(at50);
  const p = (h: Held) => sigmoid(calibration.a * h.logit + calibration.b);
  const humanScores = at50.filter((h) => !h.machine).map(p).sort((a, b) => a - b);
  const machineScores = at50.filter((h) => h.machine).map(p).sort((a, b) => a - b);
  const machine = Math.max(0.5, humanScores[Math.ceil((1 - MAX_FALSE_ALARMS) * humanScores.length) - 1] ?? 0.5);
  const human = Math.min(0.5, machineScores[Math.floor(MAX_FALSE_ALARMS * machineScores.length)] ?? 0.5);
  const model = fitModel(writers);
  model.version = `provenance-2 (${corpora.join(', ')})`;
  model.calibration = calibration;
  model.thresholds = { machine: round(machine), human: round(human) };
  writeFileSync(join(OUT, 'model.json'), `${JSON.stringify(roundModel(model), null, 1)}\n`);
  writeFileSync(join(OUT, 'TRAINING.md'), report(model, corpora, held, recordAuroc, p));
  console.log(readFileSync(join(OUT, 'TRAINING.md'), 'utf8'));
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
function roundModel(m: ProvenanceModel): ProvenanceModel {
  const r = (l: LinearModel): LinearModel => ({ ...l, mean: l.mean.map((x) => round(x, 6)), sd: l.sd.map((x) => round(x, 6)), weights: l.weights.map((x) => round(x)), bias: round(l.bias) });
  return { ...m, record: r(m.record), source: r(m.source), calibration: { a: round(m.calibration.a), b: round(m.calibration.b) } };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

function report(model: ProvenanceModel, corpora: string[], held: Held[], recordAuroc: Map<string, number>, p: (h: Held) => number): string {
  const lines: string[] = [];
  lines.push('# Provenance model: training report', '');
  lines.push('Written by `npm run train:provenance` (scripts/train-provenance.ts); do not edit by hand.', '');
  lines.push(`Model \`${model.version}\`. Sources of ${SAMPLE_SIZE} records, ${SOURCES_PER_CLASS} per corpus and class; every figure below is for a corpus **left out** of training (leave one corpus out).`, '');
  lines.push('## Held-out accuracy per corpus', '');
  lines.push(`| corpus left out | source AUROC (${SIZES.join(' / ')} records) | record AUROC | human sources flagged \`machine\` | machine sources called \`machine\` | called \`human\` wrongly |`);
  lines.push('|---|---|---|---|---|---|');
  const all = [...corpora, 'pooled'];
  for (const c of all) {
    const hs = held.filter((h) => c === 'pooled' || h.corpus === c);
    const aucs = SIZES.map((size) => {
      const at = hs.filter((h) => h.size === size);
      return auroc(at.map((h) => h.logit), at.map((h) => (h.machine ? 1 : 0))).toFixed(2);
    });
    const at50 = hs.filter((h) => h.size === SAMPLE_SIZE);
    const humans = at50.filter((h) => !h.machine);
    const machines = at50.filter((h) => h.machine);
    const fa = humans.filter((h) => p(h) >= model.thresholds.machine).length / Math.max(1, humans.length);
    const hit = machines.filter((h) => p(h) >= model.thresholds.machine).length / Math.max(1, machines.length);
    const miss = machines.filter((h) => p(h) <= model.thresholds.human).length / Math.max(1, machines.length);
    const rec = c === 'pooled' ? '' : (recordAuroc.get(c) ?? 0).toFixed(2);
    lines.push(`| ${c} | ${aucs.join(' / ')} | ${rec} | ${pct(fa)} | ${pct(hit)} | ${pct(miss)} |`);
  }
  lines.push('', '## Calibration (held-out sources of 50 records, pooled)', '');
  lines.push(`Platt scaling fitted to the held-out logits: p = sigmoid(${model.calibration.a.toFixed(3)}·z + ${model.calibration.b.toFixed(3)}).`, '');
  lines.push('| score bin | sources | share machine-written |', '|---|---|---|');
  const at50 = held.filter((h) => h.size === SAMPLE_SIZE);
  let ece = 0;
  for (let b = 0; b < 5; b++) {
    const lo = b / 5;
    const hi = (b + 1) / 5;
    const inBin = at50.filter((h) => p(h) >= lo && (p(h) < hi || (b === 4 && p(h) <= 1)));
    if (inBin.length === 0) continue;
    const rate = inBin.filter((h) => h.machine).length / inBin.length;
    const meanP = inBin.reduce((s, h) => s + p(h), 0) / inBin.length;
    ece += (inBin.length / at50.length) * Math.abs(rate - meanP);
    lines.push(`| ${lo.toFixed(1)}–${hi.toFixed(1)} | ${inBin.length} | ${pct(rate)} (mean score ${meanP.toFixed(2)}) |`);
  }
  lines.push('', `Expected calibration error: ${ece.toFixed(3)}.`, '');
  lines.push('## Verdict thresholds', '');
  lines.push(`\`machine\` at score ≥ ${model.thresholds.machine} (at most ${pct(MAX_FALSE_ALARMS)} of held-out human sources above it, pooled); \`human\` at ≤ ${model.thresholds.human} (at most ${pct(MAX_FALSE_ALARMS)} of held-out machine sources below it); \`uncertain\` between; \`insufficient\` below ${model.minRecords} records.`, '');
  lines.push('## Weights of the final model (standardised features)', '');
  lines.push('| source feature | weight |', '|---|---|');
  model.source.features.forEach((f, i) => lines.push(`| ${f} | ${model.source.weights[i]!.toFixed(2)} |`));
  lines.push('', '| record feature | weight |', '|---|---|');
  model.record.features.forEach((f, i) => lines.push(`| ${f} | ${model.record.weights[i]!.toFixed(2)} |`));
  lines.push('');
  return lines.join('\n');
}

main();
