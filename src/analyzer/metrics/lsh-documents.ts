/**
 * Every document of a source for MinHash-LSH above the exact limit: its b-bit signature, exact-duplicate key and
 * row as one record (lsh-clusters.ts's layout), kept in memory up to a budget and in a temporary file past it
 * (spill-records.ts), so the near-duplicate rate covers every record at any size. Files are kept as ranges of
 * documents (documents come in file order), not per document.
 *
 * Merging appends the other chunk's records in order, so a merged store holds exactly the records of a single pass.
 */
import type { NearDuplicatePair, RowRef } from '../../core/profile';
import { DOC_RECORD_BYTES, EXACT_KEY_AT, INDEX_AT, LINE_AT, NO_SIGNATURE_BYTE, lshClustering } from './lsh-clusters';
import { MINHASH_BANDS, MINHASH_HASHES, bbitSignature } from './minhash-signature';
import type { Work } from './pacer';
import { SpilledRecords, type SpilledRecordsState } from './spill-records';

export interface LshDocumentsState {
  documents: SpilledRecordsState;
  files: string[];
  /** The first document of each range of documents from one file, and that file (an index into `files`). */
  rangeStarts: Uint32Array;
  rangeFiles: Uint32Array;
}

export interface LshFigures {
  duplicates: number;
  pairs: NearDuplicatePair[];
}

export class LshDocuments {
  private documents: SpilledRecords;
  private files: string[] = [];
  private rangeStarts: number[] = [];
  private rangeFiles: number[] = [];
  private readonly record = new Uint8Array(DOC_RECORD_BYTES);
  private readonly view = new DataView(this.record.buffer);
  private readonly minima = new Uint32Array(MINHASH_HASHES);

  constructor(private readonly memoryDocs: number) {
    this.documents = new SpilledRecords(DOC_RECORD_BYTES, memoryDocs);
  }

  get length(): number {
    return this.documents.length;
  }

  add(words: { a: Uint32Array; b: Uint32Array; length: number }, row: RowRef, exactKey: number): void {
    const record = this.record;
    if (!bbitSignature(words.a, words.b, words.length, this.minima, record, 0)) record.fill(NO_SIGNATURE_BYTE, 0, MINHASH_HASHES);
    this.view.setFloat64(EXACT_KEY_AT, exactKey, true);
    this.view.setInt32(LINE_AT, row.line ?? -1, true);
    this.view.setInt32(INDEX_AT, row.index ?? -1, true);
    this.startRange(this.documents.length, this.fileNumber(row.file));
    this.documents.append(record);
  }

  private fileNumber(file: string): number {
    const last = this.rangeFiles[this.rangeFiles.length - 1];
    if (last !== undefined && this.files[last] === file) return last;
    const known = this.files.indexOf(file);
    if (known >= 0) return known;
    this.files.push(file);
    return this.files.length - 1;
  }

  private startRange(doc: number, file: number): void {
    if (this.rangeFiles[this.rangeFiles.length - 1] === file) return;
    this.rangeStarts.push(doc);
    this.rangeFiles.push(file);
  }

  /** Appends `later`'s documents after these; `later` is spent. */
  merge(later: LshDocuments): void {
    const base = this.documents.length;
    later.rangeStarts.forEach((start, i) => this.startRange(base + start, this.fileNumber(later.files[later.rangeFiles[i] ?? 0] ?? '')));
    this.documents.appendAll(later.documents);
  }

  /** The clusters of every document at `threshold` and up to `examples` pairs that joined two of them, as Work (pacer.ts). */
  *clustering(threshold: number, examples: number): Work<LshFigures> {
    const { duplicates, pairs } = yield* lshClustering(this.documents, threshold, this.memoryDocs * MINHASH_BANDS, examples);
    return { duplicates, pairs: pairs.map((p) => ({ a: this.rowOf(p.x), b: this.rowOf(p.y), jaccard: p.jaccard })) };
  }

  private rowOf(doc: number): RowRef {
    this.documents.read(doc, this.record);
    this.documents.closeReads();
    let range = 0;
    while (range + 1 < this.rangeStarts.length && (this.rangeStarts[range + 1] ?? 0) <= doc) range++;
    const row: RowRef = { file: this.files[this.rangeFiles[range] ?? 0] ?? '' };
    const line = this.view.getInt32(LINE_AT, true);
    const index = this.view.getInt32(INDEX_AT, true);
    if (line >= 0) row.line = line;
    if (index >= 0) row.index = index;
    return row;
  }

  toState(): LshDocumentsState {
    return {
      documents: this.documents.toState(),
      files: this.files.slice(),
      rangeStarts: Uint32Array.from(this.rangeStarts),
      rangeFiles: Uint32Array.from(this.rangeFiles),
    };
  }

  static fromState(state: LshDocumentsState, memoryDocs: number): LshDocuments {
    const docs = new LshDocuments(memoryDocs);
    docs.documents = SpilledRecords.fromState(state.documents, memoryDocs);
    docs.files = state.files.slice();
    docs.rangeStarts = Array.from(state.rangeStarts);
    docs.rangeFiles = Array.from(state.rangeFiles);
    return docs;
  }

  /** Deletes the temporary file; the store is spent. */
  release(): void {
    this.documents.release();
  }
}
