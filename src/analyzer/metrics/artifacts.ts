/**
 * `assistantArtifacts`: records that carry a chat assistant's refusals, disclaimers or self-identification,
 * which leak into synthetic data when generations are not filtered (e.g. the "As an AI language model"
 * cleaning step of the Vicuna / ShareGPT and WizardLM "unfiltered" datasets, and OpenHermes' filters).
 * The rate is records with at least one phrase / records; the first few matches are kept with their rows.
 * Matching is case-insensitive, with straight and curly apostrophes alike. Extend the list with the
 * `extraPhrases` option of the accumulator.
 */
import type { Estimate, RowRef } from '../../core/profile';
import { PhraseScan } from './phrase-scan';
import type { RecordView } from './record';
import { classUnit } from './unit';

export const ASSISTANT_PHRASES: readonly string[] = [
  'as an ai language model',
  'as a language model',
  'as an ai assistant',
  "i'm an ai",
  'i am an ai',
  "i'm just an ai",
  'i am just an ai',
  'i cannot fulfill',
  "i can't fulfill",
  'i cannot assist with',
  "i can't assist with",
  "i'm sorry, but i can't",
  "i'm sorry, but i cannot",
  'i apologize, but i cannot',
  "i'm unable to provide",
  'i am unable to provide',
  'trained by openai',
  'developed by openai',
  'openai language model',
  'large language model trained',
  'as of my last knowledge update',
  'as of my knowledge cutoff',
  'my knowledge cutoff',
  'as of my last update',
  "i don't have personal opinions",
  'i do not have personal opinions',
  "i don't have personal experiences",
  "i don't have feelings",
  "i don't have access to real-time",
  'i do not have access to real-time',
];

export const MAX_ARTIFACT_EXAMPLES = 5;

export interface ArtifactsState {
  records: number;
  matched: number;
  examples: { row: RowRef; phrase: string }[];
}

export interface ArtifactsFigures {
  rate: Estimate;
  examples: { row: RowRef; phrase: string }[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * One alternation for all phrases: a single scan of the record instead of one per phrase. A phrase that
 * starts or ends with a letter or digit must start or end a word there, so "i'm an ai" does not flag
 * "I'm an airline pilot". Consecutive phrases with the same word checks share one lookbehind and one lookahead,
 * `(?<!W)(?:a|b)(?!W)`, which matches what `(?<!W)a(?!W)|(?<!W)b(?!W)` matches, in the same order of preference:
 * V8 builds each `[\p{L}\p{N}]` class from Unicode's tables when it parses and again when it compiles a pattern,
 * and with a pair for every phrase (60 for the default list) building and first running it took ~11 ms of CPU in
 * every analyzer thread (the pool's and each worker's first task); grouped, 0.9 ms.
 */
export function phrasePattern(phrases: readonly string[]): RegExp {
  const groups: { before: string; after: string; bodies: string[] }[] = [];
  for (const phrase of phrases) {
    const p = phrase.toLowerCase();
    const body = escapeRegExp(p).replace(/'/g, "['\u2019]");
    const before = WORD_CHAR.test(p.charAt(0)) ? '(?<![\\p{L}\\p{N}])' : '';
    const after = WORD_CHAR.test(p.charAt(p.length - 1)) ? '(?![\\p{L}\\p{N}])' : '';
    const last = groups[groups.length - 1];
    if (last?.before === before && last.after === after) last.bodies.push(body);
    else groups.push({ before, after, bodies: [body] });
  }
  return new RegExp(groups.map((g) => `${g.before}(?:${g.bodies.join('|')})${g.after}`).join('|'), 'u');
}

/** A phrase list made ready to match: both are only read once made (the pattern has no `g` or `y` flag). */
interface CompiledPhrases {
  pattern: RegExp;
  /** Finds the texts that hold a phrase at all; the pattern then says where one starts and ends a word. */
  scan: PhraseScan;
}

/**
 * The last phrase list compiled in this thread. A profile makes the unit afresh for every task and every merge of
 * a task's state (27 times on the pool's thread at 20 MB), always with the run's one list, and building the
 * scan's transition table cost about a millisecond each time.
 */
let lastCompiled: { key: string; compiled: CompiledPhrases } | undefined;

function compiledPhrases(extraPhrases: readonly string[]): CompiledPhrases {
  const key = JSON.stringify(extraPhrases);
  if (lastCompiled?.key !== key) {
    const phrases = [...ASSISTANT_PHRASES, ...extraPhrases];
    lastCompiled = { key, compiled: { pattern: phrasePattern(phrases), scan: new PhraseScan(phrases.map((p) => p.toLowerCase())) } };
  }
  return lastCompiled.compiled;
}

export class AssistantArtifacts {
  private records = 0;
  private matched = 0;
  private examples: { row: RowRef; phrase: string }[] = [];
  private readonly pattern: RegExp;
  private readonly scan: PhraseScan;

  constructor(extraPhrases: readonly string[] = []) {
    ({ pattern: this.pattern, scan: this.scan } = compiledPhrases(extraPhrases));
  }

  add(record: RecordView): void {
    this.records++;
    const lower = record.lower();
    if (!this.scan.foundIn(lower)) return;
    const match = this.pattern.exec(lower);
    if (!match) return;
    this.matched++;
    if (this.examples.length < MAX_ARTIFACT_EXAMPLES) this.examples.push({ row: record.row, phrase: match[0].replace(/\u2019/g, "'") });
  }

  merge(other: AssistantArtifacts): void {
    this.records += other.records;
    this.matched += other.matched;
    for (const e of other.examples) if (this.examples.length < MAX_ARTIFACT_EXAMPLES) this.examples.push(e);
  }

  toState(): ArtifactsState {
    return { records: this.records, matched: this.matched, examples: this.examples };
  }

  static fromState(state: ArtifactsState, extraPhrases: readonly string[] = []): AssistantArtifacts {
    const a = new AssistantArtifacts(extraPhrases);
    a.records = state.records;
    a.matched = state.matched;
    a.examples = state.examples.slice();
    return a;
  }

  finish(): ArtifactsFigures {
    return { rate: { value: this.records === 0 ? 0 : this.matched / this.records }, examples: this.examples };
  }
}

export const artifactsUnit = classUnit<AssistantArtifacts, ArtifactsState, { extraPhrases: readonly string[] }>({
  name: 'artifacts',
  create: (o) => new AssistantArtifacts(o.extraPhrases),
  fromState: (state, o) => AssistantArtifacts.fromState(state, o.extraPhrases),
  finish: (m) => ({ metrics: { assistantArtifacts: m.finish() } }),
  off: { metrics: { assistantArtifacts: { rate: { value: 0 }, examples: [] } } },
});
