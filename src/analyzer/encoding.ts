import { isAscii, isUtf8 } from 'node:buffer';
import type { Position } from '../core/range';

/**
 * Why bytes are not UTF-8 text synthlint can read, or undefined when they are. Names the encoding when a
 * byte-order mark gives it away, and otherwise the first bad byte with its line and column, so the user can find
 * the Latin-1 `é` pasted into an otherwise UTF-8 file.
 */
export function describeEncodingProblem(bytes: Uint8Array): { message: string; position?: Position } | undefined {
  const bom = byteOrderMark(bytes);
  if (bom) return { message: `is ${bom} (it starts with a byte-order mark); synthlint reads UTF-8: save it as UTF-8.`, position: { line: 0, character: 0 } };
  // The common case costs one native pass.
  if (isUtf8(bytes) && !bytes.includes(0)) return undefined;
  const nul = bytes.indexOf(0);
  const bad = firstInvalidUtf8(bytes);
  if (nul >= 0 && (bad < 0 || nul < bad)) {
    const position = positionOf(bytes, nul);
    return { message: `has a NUL byte at ${where(position)}: it is UTF-16 without a byte-order mark, or binary; synthlint reads UTF-8 text.`, position };
  }
  const position = positionOf(bytes, bad);
  const mixed = hasMultiByteBefore(bytes, bad) ? ' after valid multi-byte UTF-8 earlier: the file mixes encodings' : '';
  const hint = (bytes[bad] ?? 0) >= 0x80 ? ' (Latin-1 or Windows-1252 text?)' : '';
  return {
    message: `is not valid UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at ${where(position)}${mixed}${hint}; save it as UTF-8.`,
    position,
  };
}

/**
 * Valid UTF-8 bytes as a string. ASCII bytes (most manifests, the check bundle) are taken as they are, one byte a
 * character: the same string without the UTF-8 decoder, which builds it through a second buffer (on a 0.8 MB
 * bundle, ~190 more pages of memory touched, each a page fault).
 */
export function utf8Text(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

function byteOrderMark(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32 little-endian';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 big-endian';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 little-endian';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 big-endian';
  return undefined;
}

/** 1-based, as people and terminals count. */
function where(p: Position): string {
  return `line ${p.line + 1}, column ${p.character + 1}`;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function hasMultiByteBefore(b: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; i++) if ((b[i] ?? 0) >= 0x80) return true;
  return false;
}

/** Line and UTF-16 column (as editors count) of byte `offset`, decoding the valid prefix of its line. */
function positionOf(b: Uint8Array, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = Buffer.from(b.buffer, b.byteOffset + lineStart, offset - lineStart).toString('utf8');
  return { line, character: prefix.length };
}
