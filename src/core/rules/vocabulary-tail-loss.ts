import type { SourceProfile } from '../profile';
import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { GENERATED_ORIGINS, profiledSources, type ProfiledSource } from './data-figures';
import { percent, quoteList } from './format';
import { humansInLanguageOf } from './same-language';

type Options = { maxMissing: number; minExpected: number; minRecords: number };

const EXAMPLES = 5;

/** The share of a profile's records its counts cover: a sampled profile counts its sample's records and words, not the population's. */
function countedShare(profile: SourceProfile): number {
  return profile.sample === undefined || profile.sample.population === 0 ? 1 : profile.sample.size / profile.sample.population;
}

interface HumanVocabulary {
  /** Per word: records holding it, and occurrences, added up over the human sources. */
  words: Map<string, { records: number; count: number }>;
  records: number;
  wordCount: number;
  sources: string[];
}

/** The human sources' top-word lists added up. */
function humanVocabulary(humans: readonly ProfiledSource[]): HumanVocabulary {
  const words = new Map<string, { records: number; count: number }>();
  for (const { profile } of humans) {
    for (const v of profile.vocabulary) {
      const w = words.get(v.word) ?? { records: 0, count: 0 };
      words.set(v.word, { records: w.records + v.records, count: w.count + v.count });
    }
  }
  return {
    words,
    records: humans.reduce((a, h) => a + h.profile.records * countedShare(h.profile), 0),
    wordCount: humans.reduce((a, h) => a + h.profile.words * countedShare(h.profile), 0),
    sources: humans.map((h) => h.source.id),
  };
}

interface Loss {
  compared: number;
  missing: { word: string; expected: number }[];
}

/**
 * The human words a source of this size should hold. Words are not spread evenly: a topic word comes in
 * clumps, several times in the few records about its topic and nowhere else (Church & Gale 1995 on word
 * burstiness), so what decides whether n records hold a word is the share r of records that use it
 * (document frequency), not its count: n records drawn like the human ones lack it with probability
 * (1 - r)^n ≤ e^(-n·r). A word is compared when n·r ≥ `minExpected` (absent by chance with probability at
 * most e^-minExpected), and when it is also expected `minExpected` times the smallest count the source's own
 * list keeps, so a word cut from a bounded list is not taken for a lost one. Absent words are the lost
 * ones, most expected first.
 */
function vocabularyLoss(human: HumanVocabulary, profile: SourceProfile, options: Options): Loss {
  const own = new Set(profile.vocabulary.map((v) => v.word));
  const rarestKept = profile.vocabulary.reduce((a, v) => Math.min(a, v.count), Infinity);
  const countFloor = options.minExpected * (Number.isFinite(rarestKept) ? rarestKept : 1);
  const records = profile.records * countedShare(profile);
  const wordScale = (profile.words * countedShare(profile)) / human.wordCount;
  let compared = 0;
  const missing: { word: string; expected: number }[] = [];
  for (const [word, h] of human.words) {
    const expected = (records * h.records) / human.records;
    if (expected < options.minExpected || h.count * wordScale < countFloor) continue;
    compared++;
    if (!own.has(word)) missing.push({ word, expected });
  }
  missing.sort((a, b) => b.expected - a.expected || (a.word < b.word ? -1 : 1));
  return { compared, missing };
}

/**
 * Shumailov et al. (Nature 2024) and Dohmatob et al. (2024, "A Tale of Tails") show that generated data
 * loses the tail of the distribution first, and that the loss compounds across generations. The analyzer
 * keeps each source's most frequent words with the number of records holding each; this rule asks which
 * words enough of the human records use that a source of the synthetic source's size should contain
 * them, and how many of those it lacks. The human data is that of the source's language (same-language.ts):
 * English answers are not expected to hold the words of Indonesian news beside them. No verdict when the human
 * data has fewer records than the source (it cannot say what a source that size should hold) or when either side
 * has fewer than `minRecords`.
 */
export const rule: Rule<Options> = {
  id: 'vocabulary-tail-loss',
  description: "A synthetic source lacks too many of the words the manifest's human data uses often enough to expect them in it.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/vocabulary-tail-loss.md',
  defaultOptions: { maxMissing: 0.1, minExpected: 5, minRecords: 50 },
  optionSpecs: {
    maxMissing: { description: 'Largest allowed fraction (0-1) of the compared human words that the source lacks.', minimum: 0, maximum: 1 },
    minExpected: { description: 'A human word is compared when the source is expected to hold it in at least this many records, at the share of human records that use it.', minimum: 1 },
    minRecords: { description: 'Fewest records a source, and the human data, need for a verdict.', minimum: 1, integer: true },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    const allHumans = profiledSources(manifest, ctx.profiles, ['human']);
    for (const { source, profile } of profiledSources(manifest, ctx.profiles, GENERATED_ORIGINS)) {
      // Human data in another language says nothing of the words this source should hold (same-language.ts).
      const humans = humansInLanguageOf(allHumans, profile);
      if (humans.reduce((a, h) => a + h.profile.records, 0) < options.minRecords) continue;
      const human = humanVocabulary(humans);
      if (human.records === 0 || human.wordCount === 0) continue;
      if (profile.records < options.minRecords || profile.records * countedShare(profile) > human.records) continue;
      const { compared, missing } = vocabularyLoss(human, profile, options);
      if (compared === 0) continue;
      const share = missing.length / compared;
      if (share <= options.maxMissing) continue;
      const examples = missing.slice(0, EXAMPLES).map((m) => quoteData(m.word));
      ctx.report({
        message:
          `Source '${source.id}' lacks ${percent(share)} of the human vocabulary it should hold (${missing.length} of ${compared} words of ${quoteList(human.sources)} ` +
          `expected in at least ${options.minExpected} of its records), above the maximum of ${percent(options.maxMissing)}; for example ${examples.join(', ')}. ` +
          'Generated data loses the rare words first; keep human data in the mix.',
        range: source.ranges.id,
        sourceId: source.id,
        data: { missingShare: share, missing: missing.length, compared, maxMissing: options.maxMissing, examples: missing.slice(0, EXAMPLES).map((m) => m.word) },
      });
    }
  },
};
