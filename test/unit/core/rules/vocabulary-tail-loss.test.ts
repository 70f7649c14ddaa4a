import { strict as assert } from 'node:assert';
import { baselineCandidates, BASELINE_MIN_RECORDS } from '../../../../src/core/rules/human-baseline';
import { at, buildManifest, buildProfile, lintSpec, profileMap, type ManifestSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'vocabulary-tail-loss');

const spec: ManifestSpec = { sources: [{ id: 'essays', origin: 'human' }, { id: 'gen', origin: 'synthetic', generator: { model: 'm' } }] };

/** Vocabulary entries from word → [occurrences, records holding it]. */
const vocab = (entries: Record<string, [number, number]>) => Object.entries(entries).map(([word, [count, records]]) => ({ word, count, records }));

// 1,000 human records of 10,000 words. "silt" is a topic word: 200 occurrences, but in only 8 records.
const human = buildProfile('essays', {
  records: 1000,
  words: 10_000,
  vocabulary: vocab({ the: [600, 590], of: [300, 280], river: [80, 60], heron: [60, 40], estuary: [48, 30], brackish: [40, 22], silt: [200, 8] }),
});

describe('vocabulary-tail-loss', () => {
  it('reports the share of expected human words a synthetic source lacks, most expected first, from the records that hold them', () => {
    // 'gen' has 250 records: expected in the 147.5, of 70, river 15, heron 10, estuary 7.5, brackish 5.5 records;
    // silt (2 records, for all its 200 occurrences) is not compared.
    const gen = buildProfile('gen', { records: 250, words: 5_000, vocabulary: vocab({ the: [320, 240], of: [140, 100], river: [1, 1] }) });
    const findings = only(lintSpec(spec, { data: true, profiles: profileMap(human, gen) }));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(at(f.range), '4:9');
    assert.equal(
      f.message,
      `Source 'gen' lacks 50% of the human vocabulary it should hold (3 of 6 words of 'essays' expected in at least 5 of its records), above the maximum of 10%; for example "heron", "estuary", "brackish". Generated data loses the rare words first; keep human data in the mix.`,
    );
    assert.deepEqual(f.data, { missingShare: 0.5, missing: 3, compared: 6, maxMissing: 0.1, examples: ['heron', 'estuary', 'brackish'] });
  });

  it('does not count a word cut from a bounded list as lost: the floor rises with the rarest count kept', () => {
    // The list keeps nothing rarer than 6, so only words expected at least 30 times are compared: the, of, river, heron.
    const gen = buildProfile('gen', { records: 250, words: 5_000, vocabulary: vocab({ the: [320, 240], of: [140, 100], river: [9, 8], heron: [6, 6] }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, gen) })), []);
  });

  it('passes a source that keeps the human vocabulary, and says nothing without human data', () => {
    const gen = buildProfile('gen', { records: 250, words: 5_000, vocabulary: vocab({ the: [310, 240], of: [150, 110], river: [18, 14], heron: [9, 8], estuary: [7, 6], brackish: [1, 1] }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, gen) })), []);
    const lost = buildProfile('gen', { records: 250, words: 5_000, vocabulary: vocab({ the: [320, 240] }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(lost) })), []);
  });

  it('gives no verdict when the human data has fewer records than the source, or either side has too few records', () => {
    const bigger = buildProfile('gen', { records: 2000, words: 20_000, vocabulary: vocab({ the: [1200, 1180] }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, bigger) })), []);
    const tiny = buildProfile('gen', { records: 1, words: 1, vocabulary: vocab({ hi: [1, 1] }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(human, tiny) })), []);
    const fewHumans = buildProfile('essays', { records: 20, words: 10_000, vocabulary: human.vocabulary });
    const lost = buildProfile('gen', { records: 15, words: 5_000, vocabulary: vocab({ the: [320, 10] }) });
    assert.deepEqual(only(lintSpec(spec, { data: true, profiles: profileMap(fewHumans, lost) })), []);
  });

  it("adds up human sources each under minRecords, which low-diversity's baseline leaves out: their words are evidence, summed", () => {
    // Three 40-record human sources (120 records together), each under the 50 records low-diversity asks of one
    // human source; 'river', 'heron' and 'estuary' are in 9 of the 120 records, so expected in 7.5 of the source's 100.
    const small = (id: string) => buildProfile(id, { records: 40, words: 1_000, vocabulary: vocab({ the: [30, 28], of: [20, 18], river: [4, 3], heron: [3, 3], estuary: [3, 3] }) });
    const three: ManifestSpec = { sources: [{ id: 'a', origin: 'human' }, { id: 'b', origin: 'human' }, { id: 'c', origin: 'human' }, { id: 'gen', origin: 'synthetic', generator: { model: 'm' } }] };
    const gen = buildProfile('gen', { records: 100, words: 2_000, vocabulary: vocab({ the: [80, 70], of: [50, 45], zebra: [1, 1] }) });
    const findings = lintSpec(three, { data: true, profiles: profileMap(small('a'), small('b'), small('c'), gen) });
    assert.match(only(findings)[0]?.message ?? '', /lacks 60% of the human vocabulary it should hold \(3 of 5 words of 'a', 'b', 'c' expected/);
    assert.equal(baselineCandidates(buildManifest(three).manifest, profileMap(small('a'), small('b'), small('c'), gen), BASELINE_MIN_RECORDS).length, 0);
  });
});
