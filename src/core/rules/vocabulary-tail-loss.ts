import type { SourceProfile } from '../profile';
import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { GENERATED_ORIGINS, profiledSources, type ProfiledSource } from './data-figures';
import { percent, quoteList } from './format';

type Options = { maxMissing: number; minExpected: number; clumpSize: number; minRecords: number };

const EXAMPLES = 5;

/** Words the vocabulary counts cover: a sampled profile counts its sample's words, not the population's. */
function countedWords(profile: SourceProfile): number {
  return profile.sample === undefined || profile.sample.population === 0 ? profile.words : (profile.words * profile.sample.size) / profile.sample.population;
}

interface HumanVocabulary {
  counts: Map<string, number>;
  words: number;
  sources: string[];
}

/** The human sources' top-word lists added up. */
function humanVocabulary(humans: readonly ProfiledSource[]): HumanVocabulary {
  const counts = new Map<string, number>();
  for (const { profile } of humans) for (const { word, count } of profile.vocabulary) counts.set(word, (counts.get(word) ?? 0) + count);
  return { counts, words: humans.reduce((a, h) => a + countedWords(h.profile), 0), sources: humans.map((h) => h.source.id) };
}

interface Loss {
  compared: number;
  missing: { word: string; expected: number }[];
}

/**
 * The human words a source of this size should hold. Words are not spread evenly: a topic word comes in
 * clumps, several times in the few records about its topic and nowhere else, so its expected count says
 * little about whether a sample holds it. Counting clumps of `clumpSize` occurrences as the unit, a word
 * expected `minExpected` clumps is absent by chance with probability about e^-minExpected (Poisson over
 * clumps; Church & Gale 1995 on word burstiness). It must also be expected `minExpected` times the smallest
 * count the source's own list keeps, so a word cut from a bounded list is not taken for a lost one.
 * Absent words are the lost ones, most expected first.
 */
function vocabularyLoss(human: HumanVocabulary, profile: SourceProfile, options: Options): Loss {
  const own = new Set(profile.vocabulary.map((v) => v.word));
  const rarestKept = profile.vocabulary.reduce((a, v) => Math.min(a, v.count), Infinity);
  const floor = options.minExpected * Math.max(options.clumpSize, Number.isFinite(rarestKept) ? rarestKept : 1);
  const scale = countedWords(profile) / human.words;
  let compared = 0;
  const missing: { word: string; expected: number }[] = [];
  for (const [word, count] of human.counts) {
    const expected = count * scale;
    if (expected < floor) continue;
    compared++;
    if (!own.has(word)) missing.push({ word, expected });
  }
  missing.sort((a, b) => b.expected - a.expected || (a.word < b.word ? -1 : 1));
  return { compared, missing };
}

/**
 * Shumailov et al. (Nature 2024) and Dohmatob et al. (2024, "A Tale of Tails") show that generated data
 * loses the tail of the distribution first, and that the loss compounds across generations. The analyzer
 * keeps each source's most frequent words; this rule asks which words the human data uses often enough that
 * a source of the synthetic source's size should contain them, and how many of those it lacks. No verdict
 * when the human data holds fewer words than the source (it cannot say what a source that size should
 * hold) or when either side has fewer than `minRecords` records.
 */
export const rule: Rule<Options> = {
  id: 'vocabulary-tail-loss',
  description: "A synthetic source lacks too many of the words the manifest's human data uses often enough to expect them in it.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/vocabulary-tail-loss.md',
  defaultOptions: { maxMissing: 0.1, minExpected: 5, clumpSize: 4, minRecords: 50 },
  optionSpecs: {
    maxMissing: { description: 'Largest allowed fraction (0-1) of the compared human words that the source lacks.', minimum: 0, maximum: 1 },
    minExpected: { description: 'A human word is compared when it is expected at least this many clumps in the source, at the human rate.', minimum: 1 },
    clumpSize: { description: 'Occurrences of a word per record that uses it, on average: expected counts are divided by it (words cluster by topic).', minimum: 1 },
    minRecords: { description: 'Fewest records a source, and the human data, need for a verdict.', minimum: 1, integer: true },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    const humans = profiledSources(manifest, ctx.profiles, ['human']);
    if (humans.reduce((a, h) => a + h.profile.records, 0) < options.minRecords) return;
    const human = humanVocabulary(humans);
    if (human.words === 0) return;
    for (const { source, profile } of profiledSources(manifest, ctx.profiles, GENERATED_ORIGINS)) {
      if (profile.records < options.minRecords || countedWords(profile) > human.words) continue;
      const { compared, missing } = vocabularyLoss(human, profile, options);
      if (compared === 0) continue;
      const share = missing.length / compared;
      if (share <= options.maxMissing) continue;
      const examples = missing.slice(0, EXAMPLES).map((m) => quoteData(m.word));
      ctx.report({
        message:
          `Source '${source.id}' lacks ${percent(share)} of the human vocabulary it should hold (${missing.length} of ${compared} words of ${quoteList(human.sources)} ` +
          `expected at least ${options.minExpected} clumps of ${options.clumpSize} in it), above the maximum of ${percent(options.maxMissing)}; for example ${examples.join(', ')}. ` +
          'Generated data loses the rare words first; keep human data in the mix.',
        range: source.ranges.id,
        sourceId: source.id,
        data: { missingShare: share, missing: missing.length, compared, maxMissing: options.maxMissing, examples: missing.slice(0, EXAMPLES).map((m) => m.word) },
      });
    }
  },
};
