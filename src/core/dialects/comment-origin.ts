import type { Origin, Source } from '../manifest';

/**
 * Comments beside an entry of a training mixture as evidence of where its data came from: open-instruct and
 * alignment-handbook configs often say `# gpt4 generated` or `# human written` next to a dataset. Only explicit
 * wording counts; a comment that says nothing about origin (`# all`, `# orig Helpsteer2`) leaves the source as
 * it was, and a commented-out entry (`# org/name: 0.5`) is never read as a description.
 */

const SYNTHETIC =
  /\b(?:synthetic|machine[- ]generated|model[- ]generated|llm[- ]generated|ai[- ]generated|(?:generated|augmented|rewritten|regenerated|paraphrased) (?:by|with|from|using)|distilled (?:from|with)|self[- ]instruct|(?:gpt-?4o?|gpt-?3\.5|chatgpt|claude|llama|mixtral|mistral|gemini|qwen|deepseek)[\w.-]*[- ](?:generated|written|distilled|answers|responses|completions|outputs))\b/i;
const HUMAN =
  /\b(?:human[- ](?:written|annotated|authored|curated|labell?ed|generated|created|conversations|data)|(?:written|annotated|authored|labell?ed) by (?:humans|people|annotators|experts|crowd[\w-]*|volunteers)|crowd-?sourced|hand-?written|manually written|real conversations)\b/i;
/**
 * People's prompts only (`human prompts`, `real user queries`, `user shared queries`). The registry's classes
 * (docs/registry.md) go by who wrote the text a model is trained on, whoever wrote the prompts: ShareGPT and
 * WildChat, real users' questions with ChatGPT's answers, are synthetic. So prompts alone say nothing about a
 * dataset's class, and with model answers beside them the data is synthetic, not mixed.
 */
const PROMPTS = /\b(?:human|real[- ]users?|users?)(?:[- ]shared)?[- ](?:prompts|queries|questions|instructions|requests)\b/gi;

/**
 * A commented-out entry: a hub id or a path (`# org/name: 0.5`, `# data/x.jsonl: 1.0`). A key without a slash is
 * prose (`# Total: 9500`, `# Con: may be biased ...`), part of the description.
 */
const DISABLED_ENTRY = /^[\w.-]+\/[\w./-]*\s*:\s*\S/;

/** A model a comment names as the generator (`gpt-4o generated`): the name as written. */
const MODEL = /\b(?:gpt-?4o(?:-mini)?|gpt-?4(?:\.\d)?(?:-turbo)?|gpt-?3\.5(?:-turbo)?|o[134](?:-mini)?|claude[\w.-]*|llama[\w.-]*|mixtral[\w.-]*|mistral[\w.-]*|gemini[\w.-]*|qwen[\w.-]*|deepseek[\w.-]*)/i;

/** The origin a comment states: human-written and model-written text both named is `mixed`. */
export function originStated(comment: string): Origin | undefined {
  const synthetic = SYNTHETIC.test(comment);
  const human = HUMAN.test(comment.replace(PROMPTS, ''));
  if (synthetic && human) return 'mixed';
  if (synthetic) return 'synthetic';
  if (human) return 'human';
  return undefined;
}

/**
 * The comments that describe the entry spanning `start`..`end` in `text`: a trailing `# ...` on its last line,
 * and the comment lines directly above its first line (no blank line between), nearest last. YAML only.
 * The block above ends at a divider line (`# -----`) and at a commented-out entry that has description lines
 * below it: open-instruct's configs describe each dataset in a block of comments, a disabled entry ends its
 * block, and the next dataset's block follows without a blank line. A commented-out entry directly above the
 * entry (a disabled alternative of the same data) is skipped.
 */
export function commentsBeside(text: string, start: number, end: number): string[] {
  const comments: string[] = [];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  for (let above = lineStart - 1; above > 0; ) {
    const from = text.lastIndexOf('\n', above - 1) + 1;
    const line = text.slice(from, above).trim();
    if (!line.startsWith('#')) break;
    const body = line.replace(/^#+\s*/, '');
    if (/^[-=#*_~]{3,}$/.test(body)) break;
    if (DISABLED_ENTRY.test(body)) {
      if (comments.length > 0) break;
    } else if (body !== '') comments.unshift(body);
    above = from - 1;
  }
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const trailing = /\s#\s*(.*)$/.exec(text.slice(end, lineEnd));
  if (trailing?.[1]) comments.push(trailing[1].trim());
  return comments;
}

/**
 * Sets `source.origin` from a comment beside its entry, and the generator when the comment names the model. The file's own words win over the provenance registry
 * (a manifest's own statement always wins), so this runs after the registry lookup.
 */
export function applyCommentOrigin(source: Source, text: string, start: number, end: number): void {
  for (const comment of commentsBeside(text, start, end).reverse()) {
    const origin = originStated(comment);
    if (!origin) continue;
    source.origin = origin;
    source.originEvidence = { kind: 'comment', detail: comment };
    const model = origin === 'human' ? undefined : MODEL.exec(comment)?.[0];
    if (model) source.generator = { model };
    return;
  }
}
