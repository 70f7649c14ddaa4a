import { strict as assert } from 'node:assert';
import { at, buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'vocabulary-tail-loss');

const spec: ManifestSpec = { sources: [{ id: 'essays', origin: 'human' }, { id: 'gen', origin: 'synthetic', generator: { model: 'm' } }] };

const vocab = (entries: Record<string, number>) => Object.entries(entries).map(([word, count]) => ({ word, count }));

// The human source has 10,000 words; the synthetic one 5,000, so a human word is expected at half its count.
const human = buildProfile('essays', { words: 10_000, vocabulary: vocab({ the: 600, of: 300, river: 80, heron: 60, estuary: 48, brackish: 40, silt: 16 }) });

describe('vocabulary-tail-loss', () => {
  it('reports the share of expected human words a synthetic source lacks, most expected first', () => {
    // Expected in 'gen': the 300, of 150, river 40, heron 30, estuary 24, brackish 20 (silt 8 is under 5 clumps of 4).
    const gen = buildProfile('gen', { words: 5_000, vocabulary: vocab({ the: 320, of: 140, river: 1 }) });
    const findings = only(lintSpec(spec, { data: true, profiles: profileMap(human, gen) }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '4:9');
    assert.equal(
      f.message,
      `Source 'gen' lacks 50% of the human vocabulary it should hold (3 of 6 words of 'essays' expected at least 5 clumps of 4 in it), above the maximum of 10%; for example "heron", "estuary", "brackish". Generated data loses the rare words first; keep human data in the mix.`,
    );
    assert.deepEqual(f.data, { missingShare: 0.5, missing: 3, compared: 6, maxMissing: 0.1, examples: ['heron', 'estuary', 'brackish'] });
  });

  it('does not count a word cut from a bounded list as lost: the floor rises with the rarest count kept', () => {
    // The list keeps nothing rarer than 6, so only words expected at least 30 times are compared: the, of, river, heron.
    const gen = buildProfile('gen', { words: 5_000, vocabulary: vocab({ the: 320, of: 140, river: 9, heron: 6 }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, gen) })), []);
  });

  it('passes a source that keeps the human vocabulary, and says nothing without human data', () => {
    const gen = buildProfile('gen', { words: 5_000, vocabulary: vocab({ the: 310, of: 150, river: 18, heron: 9, estuary: 7, brackish: 1 }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, gen) })), []);
    const lost = buildProfile('gen', { words: 5_000, vocabulary: vocab({ the: 320 }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(lost) })), []);
  });

  it('gives no verdict when the human data is smaller than the source, or either side has too few records', () => {
    const bigger = buildProfile('gen', { words: 20_000, vocabulary: vocab({ the: 1200 }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, bigger) })), []);
    const tiny = buildProfile('gen', { records: 1, words: 1, vocabulary: vocab({ hi: 1 }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, tiny) })), []);
    const fewHumans = buildProfile('essays', { records: 20, words: 10_000, vocabulary: human.vocabulary });
    const lost = buildProfile('gen', { words: 5_000, vocabulary: vocab({ the: 320 }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(fewHumans, lost) })), []);
  });
});
