/**
 * Weak evidence from a dataset's name: many hub ids say which model wrote them (`alpaca-gpt4`,
 * `ShareGPT_Vicuna_unfiltered`, `…-R1-Distill-…`, `Magpie-…`). A name can be wrong or stale, so this is
 * shown as "the name says", never as a registry fact, and only when neither the file nor the registry says more.
 * Each pattern is a whole token of the name, not a substring guess.
 */
export interface NameEvidence {
  /** The model the name states, when it states one. */
  model?: string;
  provider?: string;
  /** The part of the name the evidence rests on, for the message. */
  token: string;
  what: string;
}

const PATTERNS: readonly { pattern: RegExp; model?: string; provider?: string; what: string }[] = [
  { pattern: /(?:^|[^a-z0-9])(gpt-?4o)(?=$|[^a-z0-9])/i, model: 'gpt-4o', provider: 'openai', what: 'GPT-4o output' },
  { pattern: /(?:^|[^a-z0-9])(gpt-?4)(?=$|[^a-z0-9])/i, model: 'gpt-4', provider: 'openai', what: 'GPT-4 output' },
  { pattern: /(?:^|[^a-z0-9])(gpt-?3\.?5(?:-turbo)?|chatgpt)(?=$|[^a-z0-9])/i, model: 'gpt-3.5-turbo', provider: 'openai', what: 'ChatGPT output' },
  { pattern: /(?:^|[^a-z0-9])(sharegpt)/i, model: 'ChatGPT', provider: 'openai', what: 'conversations shared from ChatGPT' },
  { pattern: /(?:^|[^a-z0-9])(claude)(?=$|[^a-z]|\d)/i, model: 'claude', provider: 'anthropic', what: 'Claude output' },
  { pattern: /(?:^|[^a-z0-9])(gemini)(?=$|[^a-z])/i, model: 'gemini', provider: 'google', what: 'Gemini output' },
  { pattern: /(?:^|[^a-z0-9])(deepseek-?r1|r1-distill(?:ed)?|distill(?:ed)?-r1)(?=$|[^a-z0-9])/i, model: 'DeepSeek-R1', provider: 'deepseek', what: 'DeepSeek-R1 reasoning traces' },
  { pattern: /(?:^|[^a-z0-9])(magpie)(?=$|[^a-z])/i, what: 'Magpie self-synthesis (instructions and answers written by an aligned LLM)' },
  { pattern: /(?:^|[^a-z0-9])(synthetic)(?=$|[^a-z])/i, what: 'synthetic data' },
];

/** What a dataset's name says about the model that wrote it, or undefined when it names none. */
export function nameEvidence(name: string): NameEvidence | undefined {
  for (const { pattern, model, provider, what } of PATTERNS) {
    const match = pattern.exec(name);
    const token = match?.[1];
    if (token === undefined) continue;
    return { token, what, ...(model === undefined ? {} : { model }), ...(provider === undefined ? {} : { provider }) };
  }
  return undefined;
}
