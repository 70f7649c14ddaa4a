/**
 * Sizes as people write them (`64MB`, `1.5 GiB`, `512k`), parsed in one place for the command line, the
 * config file and the editor settings, so `--sample-above`, `data.sampleAbove` and `synthlint.sampleAbove`
 * accept the same text and reject it with the same message. Units are binary, as everywhere in synthlint
 * (1 MB = 1,048,576 bytes: what `maxDataMB` and the memory budgets mean); `MiB` is the same unit spelt exactly.
 * A bare number is megabytes, as `--sample-above 64` meant before units were accepted.
 */

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 2 ** 10,
  kb: 2 ** 10,
  kib: 2 ** 10,
  m: 2 ** 20,
  mb: 2 ** 20,
  mib: 2 ** 20,
  g: 2 ** 30,
  gb: 2 ** 30,
  gib: 2 ** 30,
  t: 2 ** 40,
  tb: 2 ** 40,
  tib: 2 ** 40,
};

const MiB = 2 ** 20;

/** A size as text: a number and an optional unit, any case. The JSON Schema and VS Code setting use it as it is. */
export const SIZE_PATTERN = '^\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([bB]|[kKmMgGtT](?:[iI]?[bB])?)?\\s*$';
const SIZE_RE = new RegExp(SIZE_PATTERN);

export type SizeParse = { ok: true; bytes: number } | { ok: false; message: string };

/** Bytes from `64MB`, `1.5 GiB`, `512k`, `100` (megabytes); at least one byte. */
export function parseSize(given: string | number): SizeParse {
  const text = String(given).trim();
  const match = SIZE_RE.exec(text);
  const unit = match ? (match[2] === undefined ? MiB : UNITS[match[2].toLowerCase()]) : undefined;
  if (!match || unit === undefined) {
    return { ok: false, message: `'${text}' is not a size: write a number with a unit, e.g. 64MB, 1.5GB or 512KB (a bare number is MB)` };
  }
  const bytes = Math.round(Number(match[1]) * unit);
  if (!Number.isFinite(bytes) || bytes < 1 || bytes > Number.MAX_SAFE_INTEGER) {
    return { ok: false, message: `'${text}' is not a size between 1 byte and ${formatSize(Number.MAX_SAFE_INTEGER)}` };
  }
  return { ok: true, bytes };
}

/** `256 MB`, `1.5 GB`, `900 KB`, `12 bytes`: the largest unit that keeps the number at least 1. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unlimited';
  for (const [unit, size] of [['TB', 2 ** 40], ['GB', 2 ** 30], ['MB', 2 ** 20], ['KB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))} ${unit}`;
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
