/**
 * A substring that holds no reference to the string it was cut from. V8 makes `text.slice(start, end)` of 13 or
 * more characters a view into `text`, which keeps all of `text` alive as long as the slice: a table label (a
 * word, a record's opening) kept for the whole analysis then held its record's whole text, so a worker's heap
 * grew with nearly every record it read and each young-generation collection copied those texts on.
 */
export function ownCopy(text: string, start: number, end: number): string {
  // Concatenating makes a two-part string; slicing that flattens it into a new string of the label's own size.
  return end - start < 13 ? text.slice(start, end) : ` ${text.slice(start, end)}`.slice(1);
}
