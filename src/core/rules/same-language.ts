/**
 * Whether two sources write one language, told from their vocabularies alone (no language model): the words a good
 * share of a source's records use are its language's function words ("the", "of", "and"; "yang", "di", "dan"),
 * which any sizeable text in that language uses, so they are in the other source's vocabulary when it writes that
 * language too and mostly not when it does not. On the real data in shared/data (Alpaca, the seed tasks, M4's human
 * and llama-2 answers), every English source's head is all in every other English source's vocabulary, and 0-30% of
 * it in Indonesian news or Chinese answers; the English words an Indonesian article quotes go the other way, so
 * both directions must hold. Chinese, read as one word a run (docs/metrics.md), has no head: the other direction
 * decides.
 */
import type { SourceProfile } from '../profile';
import type { ProfiledSource } from './data-figures';

/** The most frequent words compared: function words, before topic words take over the list. */
const HEAD = 20;
/** Share of a source's records a head word is in: a topic word of a small vocabulary is not one. */
const HEAD_RECORDS = 0.1;
/** Share of one source's head words that the other's vocabulary must hold, both ways. */
const MIN_SHARED = 0.5;
/** Words with a letter: digits ("2", "10") are in every language's head and tell none apart. */
const LETTER = /\p{L}/u;

/*
 * Each profile's head and word set, made once: a vocabulary holds up to ~17,000 words (Alpaca's), and every source is
 * compared with every human source by two rules and by the report model (one pair took ~1.2 ms when each call built
 * them). Keyed by the profile object, which no one changes after the analyzer made it.
 */
const heads = new WeakMap<SourceProfile, readonly string[]>();
const wordSets = new WeakMap<SourceProfile, ReadonlySet<string>>();

/** The first HEAD words with a letter in at least HEAD_RECORDS of the records, most frequent first. */
function headOf(profile: SourceProfile): readonly string[] {
  let head = heads.get(profile);
  if (head === undefined) {
    // The vocabulary's record counts are the sample's when the profile was sampled.
    const records = profile.sample?.size ?? profile.records;
    const found: string[] = [];
    for (const v of profile.vocabulary) {
      if (found.length === HEAD) break;
      if (LETTER.test(v.word) && v.records >= HEAD_RECORDS * records) found.push(v.word);
    }
    head = found;
    heads.set(profile, head);
  }
  return head;
}

function wordsOf(profile: SourceProfile): ReadonlySet<string> {
  let words = wordSets.get(profile);
  if (words === undefined) {
    words = new Set(profile.vocabulary.map((v) => v.word));
    wordSets.set(profile, words);
  }
  return words;
}

function headIn(from: SourceProfile, to: SourceProfile): number | undefined {
  const head = headOf(from);
  if (head.length === 0 || to.vocabulary.length === 0) return undefined;
  const words = wordsOf(to);
  return head.filter((word) => words.has(word)).length / head.length;
}

/**
 * False when the vocabularies show two languages; true when they show one, or cannot tell (no head on either side,
 * or no vocabulary), so that a comparison is never dropped for want of evidence.
 */
export function sameLanguage(a: SourceProfile, b: SourceProfile): boolean {
  return [headIn(a, b), headIn(b, a)].every((share) => share === undefined || share >= MIN_SHARED);
}

/** The human sources whose data is a baseline for `profile`: those in its language (the rules' one choice of it). */
export function humansInLanguageOf(humans: readonly ProfiledSource[], profile: SourceProfile): ProfiledSource[] {
  return humans.filter((h) => sameLanguage(h.profile, profile));
}
