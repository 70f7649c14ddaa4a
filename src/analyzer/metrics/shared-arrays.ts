/**
 * Typed arrays in SharedArrayBuffers: posted to a worker they are shared, not copied, so the pool's workers can
 * read one copy of the exact near-duplicate join's sets and index (similarity-join.ts).
 */

/** A zeroed typed array of `length` elements in a SharedArrayBuffer. */
export function sharedArray<T extends Uint32Array | Float64Array>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/** `array` itself when it is in a SharedArrayBuffer, else a copy in one. */
export function sharedCopy(array: Uint32Array): Uint32Array {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = sharedArray(Uint32Array, array.length);
  copy.set(array);
  return copy;
}
