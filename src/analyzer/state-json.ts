/**
 * Accumulator states (plain data with typed arrays, accumulator.ts) as JSON text, for the partial profiles
 * shards write (partial-profile.ts). Walked generically, so a metric's new state field needs nothing here.
 * A typed array becomes `{"$typed": "Float64Array", "base64": ...}` (its bytes, little-endian, as every
 * platform Node runs on lays them out); a non-finite number, which JSON cannot hold, `{"$number": "Infinity"}`.
 * Decoding checks what it rebuilds and returns an error value (with the JSON path) instead of throwing.
 */

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

const NON_FINITE: Readonly<Record<string, number>> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };

function isTypedArrayName(name: unknown): name is TypedArrayName {
  return typeof name === 'string' && Object.hasOwn(TYPED_ARRAYS, name);
}

/** The JSON form of a value: typed arrays as base64, non-finite numbers spelled out. */
export function encodeState(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!isTypedArrayName(name)) throw new TypeError(`cannot encode a ${name} in a state`);
    return { $typed: name, base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map(encodeState);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = encodeState(child);
    return out;
  }
  return value;
}

export type DecodedState = { ok: true; value: unknown } | { ok: false; path: string; message: string };

/** Reverses encodeState; `path` (a JSON pointer) says where a malformed value sits. */
export function decodeState(value: unknown, path = ''): DecodedState {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const child = decodeState(value[i], `${path}/${i}`);
      if (!child.ok) return child;
      out.push(child.value);
    }
    return { ok: true, value: out };
  }
  if (typeof value !== 'object' || value === null) return { ok: true, value };
  const record = value as Record<string, unknown>;
  if ('$number' in record) {
    const n = typeof record.$number === 'string' ? NON_FINITE[record.$number] : undefined;
    return n === undefined ? { ok: false, path, message: `not a number spelling: ${JSON.stringify(record.$number)}` } : { ok: true, value: n };
  }
  if ('$typed' in record) return decodeTypedArray(record, path);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    const decoded = decodeState(child, `${path}/${key}`);
    if (!decoded.ok) return decoded;
    out[key] = decoded.value;
  }
  return { ok: true, value: out };
}

function decodeTypedArray(record: Record<string, unknown>, path: string): DecodedState {
  const name = record.$typed;
  if (!isTypedArrayName(name)) return { ok: false, path, message: `unknown typed array ${JSON.stringify(name)}` };
  if (typeof record.base64 !== 'string') return { ok: false, path, message: `${name} without its base64 bytes` };
  const Type = TYPED_ARRAYS[name];
  const bytes = Buffer.from(record.base64, 'base64');
  if (bytes.length % Type.BYTES_PER_ELEMENT !== 0) {
    return { ok: false, path, message: `${bytes.length} bytes is not a whole number of ${name} elements` };
  }
  // A copy into a fresh buffer: Buffer.from may hand out a slice of a shared pool, unaligned for the type.
  const aligned = new ArrayBuffer(bytes.length);
  new Uint8Array(aligned).set(bytes);
  return { ok: true, value: new Type(aligned) };
}
