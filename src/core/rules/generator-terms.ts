import { globCache } from '../glob-cache';
import type { Rule } from '../rule';

type Options = { restricted: string[] };

/**
 * Providers whose terms restrict using model output to build other models, with the clause as published.
 * Read from stored copies of the providers' pages on 2026-11-25; docs/rules/generator-terms.md quotes them in
 * full with their effective dates. Terms change: the list is a reminder to check, not legal advice.
 */
export const RESTRICTIVE_TERMS: readonly { vendor: string; terms: string; clause: string; patterns: readonly string[] }[] = [
  {
    vendor: 'OpenAI',
    terms: 'OpenAI Terms of Use (effective 31 January 2024)',
    clause: 'Use Output to develop models that compete with OpenAI.',
    patterns: ['gpt-3', 'gpt-3.5*', 'gpt-4*', 'gpt-5*', 'chatgpt*', 'text-davinci-*', 'code-davinci-*', 'codex', 'o1*', 'o3*', 'o4*'],
  },
  {
    vendor: 'Anthropic',
    terms: 'Anthropic Commercial Terms of Service (effective 17 June 2025)',
    clause: 'access the Services to build a competing product or service, including to train competing AI models',
    patterns: ['claude*'],
  },
  {
    vendor: 'Google',
    terms: 'Gemini API Additional Terms of Service (effective 31 October 2024)',
    clause: 'You may not use the Services to develop models that compete with the Services (e.g., Gemini API or Google AI Studio).',
    patterns: ['gemini*'],
  },
  {
    vendor: 'Meta',
    terms: 'Llama 2 Community License (18 July 2023) and Meta Llama 3 Community License (18 April 2024)',
    clause: 'You will not use the Llama Materials or any output or results of the Llama Materials to improve any other large language model',
    patterns: ['llama-2*', 'llama2*', 'meta-llama-3-*', 'llama-3-*'],
  },
];

const compiled = globCache({ nocase: true, dot: true });

/** Model names are matched whole and by their last path segment, so `meta-llama/Llama-2-70b-chat-hf` matches `llama-2*`. */
function matchingPattern(model: string, patterns: readonly string[]): string | undefined {
  const names = [model, model.slice(model.lastIndexOf('/') + 1)];
  return patterns.find((p) => {
    const matcher = compiled(p);
    return names.some((name) => matcher.match(name));
  });
}

/**
 * The models a generator string names: `gpt-4 / gpt-3.5-turbo`, `gpt-4, claude-2`, `gpt-4 and gpt-3.5-turbo`
 * each name two, and each must be checked. A slash without spaces is part of a hub id (`meta-llama/Llama-2-7b`).
 */
export function generatorModels(model: string): string[] {
  return model
    .split(/\s+\/\s*|\s*\/\s+|\s*[,;&+|]\s*|\s+and\s+/i)
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

function termsOf(pattern: string): (typeof RESTRICTIVE_TERMS)[number] | undefined {
  return RESTRICTIVE_TERMS.find((t) => t.patterns.includes(pattern));
}

/**
 * What one generator string says, grouped by why each restricted model is restricted: the models, their vendors,
 * and the clause each group is under, as the finding words it.
 */
interface Restricted {
  models: readonly string[];
  vendors: readonly string[];
  /** Per reason, `'gpt-4' and 'gpt-4o' are covered by …`. */
  said: readonly string[];
  /** The reason of the first group: the whole message when one model is restricted. */
  firstWhy?: string;
}

function restrictedModels(generator: string, patterns: readonly string[]): Restricted {
  const reasons = new Map<string, string[]>();
  const vendors = new Set<string>();
  for (const model of generatorModels(generator)) {
    const pattern = matchingPattern(model, patterns);
    if (pattern === undefined) continue;
    const terms = termsOf(pattern);
    if (terms !== undefined) vendors.add(terms.vendor);
    const why = terms === undefined ? `matches the restricted pattern '${pattern}'` : `is covered by the ${terms.terms}: "${terms.clause}"`;
    reasons.set(why, [...(reasons.get(why) ?? []), model]);
  }
  const said = [...reasons].map(([why, named]) => `${named.map((m) => `'${m}'`).join(' and ')} ${named.length > 1 ? why.replace(/^is /, 'are ') : why}`);
  const firstWhy = reasons.keys().next().value;
  return { models: [...reasons.values()].flat(), vendors: [...vendors], said, ...(firstWhy === undefined ? {} : { firstWhy }) };
}

/** Beyond this many generator strings a pattern list's cache starts over, as the glob cache does. */
const MAX_GENERATORS = 10_000;
/**
 * Each generator string read once per list of restricted patterns, across lints: the editor lints the same
 * manifest on every keystroke, and matching each model against every pattern was most of this rule's time.
 */
const restrictedByPatterns = new WeakMap<readonly string[], Map<string, Restricted>>();

function restrictedFor(generator: string, patterns: readonly string[]): Restricted {
  let known = restrictedByPatterns.get(patterns);
  if (known === undefined || known.size >= MAX_GENERATORS) {
    known = new Map();
    restrictedByPatterns.set(patterns, known);
  }
  let restricted = known.get(generator);
  if (restricted === undefined) {
    restricted = restrictedModels(generator, patterns);
    known.set(generator, restricted);
  }
  return restricted;
}

type Terms = (typeof RESTRICTIVE_TERMS)[number];
const NO_TERMS: readonly Terms[] = [];

/** The restrictive terms a registry entry puts a source under, besides those its generator's vendors already bring. */
function registryTermsOf(vendors: readonly string[] | undefined, generatorVendors: readonly string[]): readonly Terms[] {
  if (vendors === undefined || vendors.length === 0) return NO_TERMS;
  return vendors
    .map((vendor) => RESTRICTIVE_TERMS.find((t) => t.vendor.toLowerCase() === vendor.toLowerCase()))
    .filter((t): t is Terms => t !== undefined && !generatorVendors.includes(t.vendor));
}

/** The finding's text: one model or one registry entry in a sentence of its own, several as a list. */
function messageOf(sourceId: string, restricted: Restricted, registryTerms: readonly Terms[]): string | undefined {
  const { models, said, firstWhy } = restricted;
  if (models.length === 1 && registryTerms.length === 0) return `Generator '${models[0]}' of source '${sourceId}' ${firstWhy}`;
  const only = registryTerms[0];
  if (models.length === 0 && registryTerms.length === 1 && only !== undefined) {
    return `Source '${sourceId}' is under the ${only.vendor} terms according to its registry entry; the ${only.terms} say: "${only.clause}"`;
  }
  const all = [...said, ...registryTerms.map((t) => `its registry entry puts it under the ${t.vendor} terms; the ${t.terms} say: "${t.clause}"`)];
  return all.length === 0 ? undefined : `Source '${sourceId}' has restricted generators: ${all.join('; ')}`;
}

/**
 * Info by default: whether the clause binds depends on what the trained model is for, which a manifest
 * does not say; the finding makes the dependency visible in review. The strict preset raises it to warning.
 * Besides the generator, the terms a registry entry records (the Data Provenance Collection lists `OpenAI`
 * among the licences of text taken from ChatGPT) are reported when no generator already named that vendor.
 */
export const rule: Rule<Options> = {
  id: 'generator-terms',
  description: "A source was generated by a model whose provider's terms restrict using its output to train other models.",
  defaultSeverity: 'info',
  needs: ['manifest'],
  docs: 'docs/rules/generator-terms.md',
  defaultOptions: { restricted: RESTRICTIVE_TERMS.flatMap((t) => t.patterns) },
  optionSpecs: {
    restricted: { description: 'Glob patterns of model names (case-insensitive) whose terms restrict training on their output.' },
  },
  check(ctx) {
    for (const source of ctx.manifest.sources) {
      const generator = source.generator?.model ?? '';
      if (generator === '' && (source.terms === undefined || source.terms.length === 0)) continue;
      const restricted = restrictedFor(generator, ctx.options.restricted);
      const registryTerms = registryTermsOf(source.terms, restricted.vendors);
      // One finding per source, naming every restricted model: two findings on one range would look like one
      // in the Problems panel (VS Code merges a task's problems that differ only in their message).
      const message = messageOf(source.id, restricted, registryTerms);
      if (message === undefined) continue;
      const vendors = registryTerms.length === 0 ? [...restricted.vendors] : [...new Set([...restricted.vendors, ...registryTerms.map((t) => t.vendor)])];
      ctx.report({
        message: `${message}. Check that training on this data is allowed for your model.`,
        range: source.ranges['generator.model'] ?? source.ranges.generator ?? source.ranges.id,
        sourceId: source.id,
        data: { models: [...restricted.models], vendors, ...(restricted.models.length === 0 ? { from: 'terms' } : {}) },
      });
    }
  },
};
