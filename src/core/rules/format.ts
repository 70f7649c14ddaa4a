/** Small wording helpers shared by rule messages, so figures read the same everywhere. */
import type { ProvenanceEstimate, RecordKind } from '../profile';

/** 0.625 → "62.5%"; whole percentages without decimals. */
export function percent(fraction: number): string {
  const value = Math.round(fraction * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

export function quoteList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

const SET_ASIDE_WORDS: Record<Exclude<RecordKind, 'prose'>, [string, string]> = {
  code: ['code block', 'code blocks'],
  table: ['table', 'tables'],
  list: ['list', 'lists'],
  label: ['label', 'labels'],
  short: ['short answer', 'short answers'],
};

/**
 * What the provenance score read, for findings, hover, report and CLI alike: "40 prose records" when every
 * sampled record was prose, else "12 prose records of 50 (set aside: 30 labels, 8 code blocks)".
 */
export function proseRecords(p: Pick<ProvenanceEstimate, 'records' | 'sampled' | 'setAside'>): string {
  const prose = `${p.records} prose record${p.records === 1 ? '' : 's'}`;
  const aside = Object.entries(p.setAside)
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, n]) => `${n} ${SET_ASIDE_WORDS[kind as Exclude<RecordKind, 'prose'>][n === 1 ? 0 : 1]}`);
  return aside.length === 0 ? prose : `${prose} of ${p.sampled} (set aside: ${aside.join(', ')})`;
}
