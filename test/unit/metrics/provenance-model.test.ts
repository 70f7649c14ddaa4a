/**
 * The committed provenance model (src/analyzer/provenance/model.json) applied the way the analyzer applies
 * it: its shape, its size limit, the `insufficient` floor and the property the fixed-size draws exist
 * for, that the score of a source does not drift with the size of the source.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RECORD_FEATURES } from '../../../src/analyzer/provenance/features';
import modelJson from '../../../src/analyzer/provenance/model.json';
import { type ProvenanceModel, scorePhrases, scoreSource, sourceFeatures, toScoredRecord, wilson } from '../../../src/analyzer/provenance/model';
import { profileOf } from './helpers';

const model = modelJson as ProvenanceModel;
const repoRoot = path.resolve(__dirname, '../../..');
const alpaca = (JSON.parse(readFileSync(path.resolve(repoRoot, '..', 'shared', 'data', 'instruct', 'alpaca_5000.json'), 'utf8')) as { instruction: string; input: string; output: string }[])
  .slice(0, 800)
  .map((r) => [r.instruction, r.input, r.output].filter((f) => f).join('\n'));

describe('provenance model', () => {
  it('is small and matches the features the analyzer computes', () => {
    assert.ok(statSync(path.resolve(repoRoot, 'src/analyzer/provenance/model.json')).size <= 2 * 1024 * 1024);
    assert.deepEqual(model.record.features, [...RECORD_FEATURES, 'phraseLogRatio']);
    const sample = alpaca.slice(0, 60).map((t) => toScoredRecord(t)).filter((r) => r.kind === 'prose');
    scorePhrases(model, sample);
    assert.equal(sourceFeatures(model, sample).length, model.source.features.length, 'every source feature the model names is one the analyzer computes');
    assert.ok(model.thresholds.human < model.thresholds.machine);
  });

  it('says insufficient below the stated minimum of prose records, whatever the text', () => {
    const records = alpaca.map((t) => toScoredRecord(t)).filter((r) => r.kind === 'prose');
    scorePhrases(model, records);
    assert.equal(scoreSource(model, records.slice(0, model.minRecords - 1))?.verdict, 'insufficient');
    assert.notEqual(scoreSource(model, records.slice(0, model.minRecords))?.verdict, 'insufficient');
  });

  it('gives no score, interval or record rate from no prose record, and says what it set aside', () => {
    assert.equal(scoreSource(model, []), undefined);
    const reads = profileOf(['yes', 'no', 'Paris', 'maybe later']).provenance;
    assert.deepEqual(reads && { ...reads }, { verdict: 'insufficient', records: 0, sampled: 4, setAside: { label: 4 }, model: model.version, machineLike: [] });
  });

  it('gives an interval around the score and does not drift with the size of the source', () => {
    const records = alpaca.map((t) => toScoredRecord(t)).filter((r) => r.kind === 'prose');
    scorePhrases(model, records);
    const small = scoreSource(model, records.slice(0, 100)) ?? assert.fail('no score');
    const large = scoreSource(model, records) ?? assert.fail('no score');
    for (const s of [small, large]) assert.ok(s.low <= s.score && s.score <= s.high, JSON.stringify(s));
    assert.ok(Math.abs(small.score - large.score) < 0.15, `${small.score} vs ${large.score}`);
  });

  it('computes the Wilson interval of a rate', () => {
    const [lo, hi] = wilson(5, 50);
    assert.ok(Math.abs(lo - 0.0435) < 0.001 && Math.abs(hi - 0.2136) < 0.001, `${lo} ${hi}`);
    assert.deepEqual(wilson(0, 0), [0, 1]);
  });

  it('refuses a source feature it cannot compute', () => {
    const sample = alpaca.slice(0, 5).map((t) => toScoredRecord(t));
    assert.throws(() => sourceFeatures(model, sample, ['mean nonsense']), /unknown source feature "mean nonsense"/);
  });
});
