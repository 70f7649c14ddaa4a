/** Small wording helpers shared by rule messages, so figures read the same everywhere. */

/** 0.625 → "62.5%"; whole percentages without decimals. */
export function percent(fraction: number): string {
  const value = Math.round(fraction * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

export function quoteList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}
