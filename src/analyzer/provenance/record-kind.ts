/**
 * Which records the provenance score reads: prose, not code, tables, lists of items or links, labels or
 * very short answers. In those the features measure the genre, not the writer: a list of one-word items
 * starts every "sentence" lower-case, a table or a code block is all punctuation and line breaks, and a
 * one-word answer has no sentences at all. A corpus made mostly of them (Self-Instruct's answers) sat below
 * every other corpus's human sources for that reason alone. One function decides it for the score at run
 * time and for the training script, so the model is fitted on the records it will be asked about.
 *
 * A cheap rule on the record's text (its first SAMPLED_TEXT_CHARS characters), checked in this order:
 * - `label`: one line of at most LABEL_WORDS words ("Confident", "Smart Home");
 * - `short`: fewer than MIN_PROSE_WORDS words (about one sentence);
 * - `code`: two or more, and at least CODE_LINE_SHARE, of its non-empty lines look like code (CODE_LINE_RE);
 * - `table`: at least two lines, and at least TABLE_LINE_SHARE of them split into cells by `|` or tabs;
 * - `list`: items rather than sentences: three or more lines of fewer than LIST_LINE_WORDS words on average,
 *   at least LIST_ITEMS comma-separated items of at most LIST_ITEM_WORDS words on average, or at least
 *   LINK_SHARE of its characters in links;
 * - `prose`: everything else.
 * The thresholds are set by what the kinds look like (a sentence has about a dozen words, an item a few),
 * not fitted to the score's accuracy.
 */
import type { RecordKind } from '../../core/profile';
import { splitWords } from './features';

const LABEL_WORDS = 4;
const MIN_PROSE_WORDS = 12;
const CODE_LINE_SHARE = 0.3;
const TABLE_LINE_SHARE = 0.5;
const LIST_LINE_WORDS = 6;
const LIST_ITEMS = 5;
const LIST_ITEM_WORDS = 2.5;
const LINK_SHARE = 0.3;

/** A line of code: a brace at either end, a statement's `;` (after a call, an assignment or a string), a keyword of a common language at its start, an assignment, a call at its end, or an operator prose does not use. */
const CODE_LINE_RE =
  /[{}]\s*$|^\s*[{}]|[)="'\w]\s*;\s*$|^\s*(?:def|class|import|from\s+\S+\s+import|return|function|var|let|const|public|private|static|#include|package|SELECT|INSERT|UPDATE|CREATE|print\(|console\.|System\.out|if\s*\(|for\s*\(|while\s*\()|[A-Za-z_]\w*(?:\.\w+)*\([^()]*\)\s*$|^\s*[A-Za-z_][\w.[\]]*\s*[+\-*/]?=\s*\S|==|!=|=>|->|::|&&|\|\|/;
/** Longer lines are paragraphs, whatever they contain (a scraped page's inline script, a sentence with "->"). */
const CODE_LINE_CHARS = 160;
const CELL_RE = /\t|\|.*\|/;
const LINK_RE = /\b(?:https?:\/\/|www\.)\S+/g;
const ITEM_SPLIT_RE = /[,;，、；]/;

function words(text: string): number {
  return splitWords(text.toLowerCase()).units;
}

export function recordKind(text: string): RecordKind {
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const total = words(text);
  if (lines.length <= 1 && total <= LABEL_WORDS) return 'label';
  if (total < MIN_PROSE_WORDS) return 'short';
  if (lines.filter((l) => l.length <= CODE_LINE_CHARS && CODE_LINE_RE.test(l)).length >= Math.max(2, CODE_LINE_SHARE * lines.length)) return 'code';
  if (lines.length >= 2 && lines.filter((l) => CELL_RE.test(l)).length >= TABLE_LINE_SHARE * lines.length) return 'table';
  if (lines.length >= 3 && total / lines.length < LIST_LINE_WORDS) return 'list';
  const items = text.split(ITEM_SPLIT_RE).filter((i) => i.trim().length > 0);
  if (items.length >= LIST_ITEMS && total / items.length <= LIST_ITEM_WORDS) return 'list';
  let linkChars = 0;
  for (const m of text.matchAll(LINK_RE)) linkChars += m[0].length;
  if (linkChars >= LINK_SHARE * text.length) return 'list';
  return 'prose';
}
