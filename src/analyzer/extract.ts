/**
 * Which text of a record the metrics see. A manifest may name field paths (`text: [instruction, output]`,
 * `messages[].content`); otherwise the schema is detected from the first records. The texts of a record
 * are joined by '\n' into one document, as the `diversity` package treats one response per document.
 */

export interface TextPlan {
  /** alpaca, dolly, sharegpt, openai-chat, prompt-completion, prompt-response, text, content, plain (string records), fields (told), unknown. */
  schema: string;
  /** Field paths; empty for plain string records. */
  fields: string[];
}

type Getter = (value: unknown, out: string[]) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Compiles `a.b`, `list[].field` and `list[2].field` into a function collecting the strings found there.
 * A path ending at an array of strings collects them all.
 */
export function compilePath(path: string): Getter {
  const steps = path
    .split('.')
    .filter((s) => s !== '')
    .map((segment) => {
      const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(segment);
      const name = m ? (m[1] ?? '') : segment;
      const indexes = m ? [...(m[2] ?? '').matchAll(/\[(\d*)\]/g)].map((x) => (x[1] === '' ? -1 : Number(x[1]))) : [];
      return { name, indexes };
    });
  const walk = (value: unknown, step: number, out: string[]): void => {
    if (step === steps.length) {
      if (typeof value === 'string') out.push(value);
      else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') out.push(v);
      return;
    }
    const { name, indexes } = steps[step] as { name: string; indexes: number[] };
    let current: unknown[] = [name === '' ? value : isRecord(value) ? value[name] : undefined];
    for (const ix of indexes) {
      current = current.flatMap((c) => (!Array.isArray(c) ? [] : ix === -1 ? c : ix < c.length ? [c[ix]] : []));
    }
    for (const c of current) if (c !== undefined) walk(c, step + 1, out);
  };
  return (value, out) => walk(value, 0, out);
}

/** The one text a record contributes, and where its last segment (the response, in every known schema) starts. */
export interface ExtractedText {
  text: string;
  responseStart: number;
}

/** Turns records into the one text each contributes; undefined when a record holds no text. */
export class TextExtractor {
  private readonly getters: Getter[];

  constructor(readonly plan: TextPlan) {
    this.getters = plan.fields.map(compilePath);
  }

  text(value: unknown): ExtractedText | undefined {
    if (this.plan.fields.length === 0) return typeof value === 'string' && value !== '' ? { text: value, responseStart: 0 } : undefined;
    const out: string[] = [];
    for (const get of this.getters) get(value, out);
    const texts = out.filter((t) => t !== '');
    if (texts.length === 0) return undefined;
    const text = texts.join('\n');
    return { text, responseStart: text.length - (texts[texts.length - 1]?.length ?? 0) };
  }
}

const has = (r: Record<string, unknown>, key: string): boolean => typeof r[key] === 'string';
const isListOf = (r: Record<string, unknown>, key: string, field: string): boolean => {
  const list = r[key];
  return Array.isArray(list) && list.length > 0 && list.every((m) => isRecord(m) && typeof m[field] === 'string');
};

/**
 * Known instruction-data schemas, most specific first. `human_text`/`machine_text` (M4) are deliberately
 * absent: a file holding both a person's and a model's answer must be split by the manifest, never merged.
 */
const SCHEMAS: { schema: string; fields: string[]; matches: (r: Record<string, unknown>) => boolean }[] = [
  { schema: 'sharegpt', fields: ['conversations[].value'], matches: (r) => isListOf(r, 'conversations', 'value') },
  { schema: 'openai-chat', fields: ['messages[].content'], matches: (r) => isListOf(r, 'messages', 'content') },
  { schema: 'dolly', fields: ['instruction', 'context', 'response'], matches: (r) => has(r, 'instruction') && has(r, 'response') },
  { schema: 'alpaca', fields: ['instruction', 'input', 'output'], matches: (r) => has(r, 'instruction') && has(r, 'output') },
  // OpenAI's legacy fine-tuning format and TRL's prompt-completion datasets.
  { schema: 'prompt-completion', fields: ['prompt', 'completion'], matches: (r) => has(r, 'prompt') && has(r, 'completion') },
  { schema: 'prompt-response', fields: ['prompt', 'response'], matches: (r) => has(r, 'prompt') && has(r, 'response') },
  { schema: 'text', fields: ['text'], matches: (r) => has(r, 'text') },
  { schema: 'content', fields: ['content'], matches: (r) => has(r, 'content') },
];

/** How many leading records the detector looks at; the schema most of them match wins. */
export const DETECT_RECORDS = 50;

/** Picks the text fields: the manifest's when given, else the schema most of the sample records match. */
export function planText(sample: readonly unknown[], told?: readonly string[]): TextPlan {
  if (told && told.length) return { schema: 'fields', fields: [...told] };
  if (sample.length && sample.every((v) => typeof v === 'string')) return { schema: 'plain', fields: [] };
  const votes = new Map<string, number>();
  for (const value of sample) {
    if (!isRecord(value)) continue;
    const hit = SCHEMAS.find((s) => s.matches(value));
    if (hit) votes.set(hit.schema, (votes.get(hit.schema) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [schema, n] of votes) if (best === undefined || n > (votes.get(best) ?? 0)) best = schema;
  const found = SCHEMAS.find((s) => s.schema === best);
  return found ? { schema: found.schema, fields: [...found.fields] } : { schema: 'unknown', fields: [] };
}

/**
 * The paths of the sample records' strings, to tell a user what `text:` could name when detection fails: a string
 * field, a list of strings, and one level down, the string fields of a list of records (`instances[].output`, the
 * seed tasks' answers) or of a record (`meta.title`), written as `text:` takes them (compilePath).
 */
export function candidateFields(sample: readonly unknown[]): string[] {
  const names = new Set<string>();
  const stringsOf = (value: Record<string, unknown>, prefix: string, nested: boolean): void => {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))) names.add(`${prefix}${k}`);
      else if (nested && Array.isArray(v)) for (const item of v.filter(isRecord)) stringsOf(item, `${prefix}${k}[].`, false);
      else if (nested && isRecord(v)) stringsOf(v, `${prefix}${k}.`, false);
    }
  };
  for (const value of sample) if (isRecord(value)) stringsOf(value, '', true);
  return [...names];
}
