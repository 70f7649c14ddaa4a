import type { SourceProfile } from '../profile';
import type { Rule } from '../rule';
import { quoteData } from '../quote';
import { GENERATED_ORIGINS, profiledSources, type ProfiledSource } from './data-figures';
import { percent, quoteList } from './format';

type Options = { maxMissing: number; minExpected: number };

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
 * The human words a source of this size should hold: expected at least `minExpected` times (at the human
 * rate, scaled to the source's word count) times the smallest count the source's own list keeps, so a word
 * cut from a bounded list is not taken for a lost one. Absent words are the lost ones, most expected first.
 */
function vocabularyLoss(human: HumanVocabulary, profile: SourceProfile, minExpected: number): Loss {
  const own = new Set(profile.vocabulary.map((v) => v.word));
  const rarestKept = profile.vocabulary.reduce((a, v) => Math.min(a, v.count), Infinity);
  const floor = minExpected * (Number.isFinite(rarestKept) ? rarestKept : 1);
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
 * a source of the synthetic source's size should contain them, and how many of those it lacks.
 */
export const rule: Rule<Options> = {
  id: 'vocabulary-tail-loss',
  description: "A synthetic source lacks too many of the words the manifest's human data uses often enough to expect them in it.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/vocabulary-tail-loss.md',
  defaultOptions: { maxMissing: 0.1, minExpected: 5 },
  optionSpecs: {
    maxMissing: { description: 'Largest allowed fraction (0-1) of the compared human words that the source lacks.', minimum: 0, maximum: 1 },
    minExpected: { description: 'A human word is compared when it is expected at least this many times in the source, at the human rate.', minimum: 1 },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    const humans = profiledSources(manifest, ctx.profiles, ['human']);
    if (humans.length === 0) return;
    const human = humanVocabulary(humans);
    if (human.words === 0) return;
    for (const { source, profile } of profiledSources(manifest, ctx.profiles, GENERATED_ORIGINS)) {
      const { compared, missing } = vocabularyLoss(human, profile, options.minExpected);
      if (compared === 0) continue;
      const share = missing.length / compared;
      if (share <= options.maxMissing) continue;
      const examples = missing.slice(0, EXAMPLES).map((m) => quoteData(m.word));
      ctx.report({
        message:
          `Source '${source.id}' lacks ${percent(share)} of the human vocabulary it should hold (${missing.length} of ${compared} words of ${quoteList(human.sources)} ` +
          `expected at least ${options.minExpected} times in it), above the maximum of ${percent(options.maxMissing)}; for example ${examples.join(', ')}. ` +
          'Generated data loses the rare words first; keep human data in the mix.',
        range: source.ranges.id,
        sourceId: source.id,
        data: { missingShare: share, missing: missing.length, compared, maxMissing: options.maxMissing, examples: missing.slice(0, EXAMPLES).map((m) => m.word) },
      });
    }
  },
};
