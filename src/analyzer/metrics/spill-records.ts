/**
 * Fixed-width records appended in order (one per document: minhash.ts keeps each document's b-bit signature and
 * row so), the first `memoryRecords` in memory and the rest in a temporary file of the process's spill folder
 * (spill-runs.ts owns the folder and its lifetime). They are read back in order, a block at a time, or one by
 * number (a candidate pair's signatures).
 *
 * Why a file: a signature takes 128 bytes with its row, 512 MB at 4 million records, beyond what an analysis
 * may hold (the RSS limit, docs/benchmarks.md); the file sits in the OS page cache, which is not the process's.
 * Merging appends the other store's records after these in one file, so a merged store is read from one file.
 */
import { closeSync, openSync } from 'node:fs';
import { deleteSoon, newSpillFile, readAll, watchSpillFolder, writeAll } from './spill-runs';

/** Records in a file: moved between threads as its path. */
export interface FileRecords {
  recordFile: string;
  bytes: number;
}

/** Records in memory: how a partial profile carries them to another machine (spill-runs.ts inlineRuns). */
export interface InlineRecords {
  recordData: Uint8Array;
}

export interface SpilledRecordsState {
  width: number;
  /** The records before those in `memory`: in a file, or inline in a partial profile. */
  stored?: FileRecords | InlineRecords;
  memory: Uint8Array;
}

/** Records copied per read or write when a whole store is scanned or appended. */
const BLOCK_RECORDS = 8192;

export class SpilledRecords {
  private memory: Uint8Array;
  private inMemory = 0;
  private file: string | undefined;
  private inFile = 0;
  private readFd = -1;

  constructor(
    readonly width: number,
    private readonly memoryRecords: number,
  ) {
    watchSpillFolder();
    this.memory = new Uint8Array(width * Math.min(64, Math.max(1, memoryRecords)));
  }

  get length(): number {
    return this.inFile + this.inMemory;
  }

  /** Appends the record of `width` bytes at `from` of `bytes`. */
  append(bytes: Uint8Array, from = 0): void {
    if (this.inMemory * this.width === this.memory.length) this.makeRoom();
    this.memory.set(bytes.subarray(from, from + this.width), this.inMemory * this.width);
    this.inMemory++;
  }

  /** Doubles the buffer up to `memoryRecords`, then writes it to the file. */
  private makeRoom(): void {
    const records = this.memory.length / this.width;
    if (records < this.memoryRecords) {
      const grown = new Uint8Array(this.width * Math.min(this.memoryRecords, records * 2));
      grown.set(this.memory);
      this.memory = grown;
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (this.inMemory === 0) return;
    this.writeToFile(this.memory.subarray(0, this.inMemory * this.width));
    this.inMemory = 0;
  }

  private writeToFile(bytes: Uint8Array): void {
    this.file ??= newSpillFile('records');
    const fd = openSync(this.file, 'a');
    try {
      writeAll(fd, bytes);
    } finally {
      closeSync(fd);
    }
    this.inFile += bytes.length / this.width;
  }

  /** Appends `other`'s records after these; `other` is spent (its file is deleted). */
  appendAll(other: SpilledRecords): void {
    if (other.inFile > 0) {
      this.flush();
      other.eachBlock((block) => this.writeToFile(block), other.inFile);
      other.release();
    }
    for (let r = 0; r < other.inMemory; r++) this.append(other.memory, r * other.width);
    other.inMemory = 0;
  }

  /**
   * Visits the records in order, `block` holding whole records from record `first` on; the first `limit`
   * only when given. A block read from the file is reused for the next one.
   */
  eachBlock(visit: (block: Uint8Array, first: number) => void, limit = this.length): void {
    const buffer = this.blockBuffer();
    try {
      for (let b = 0; b < this.blocks; b++) {
        const { block, first } = this.block(b, buffer);
        if (first >= limit) break;
        visit(block.subarray(0, this.width * Math.min(block.length / this.width, limit - first)), first);
      }
    } finally {
      this.closeReads();
    }
  }

  /** How many blocks `block` gives: the file's, BLOCK_RECORDS records each (the last one may hold fewer), then the records in memory. */
  get blocks(): number {
    return Math.ceil(this.inFile / BLOCK_RECORDS) + (this.inMemory > 0 ? 1 : 0);
  }

  /** Room for one block read from the file (`block`). */
  blockBuffer(): Uint8Array {
    return new Uint8Array(this.width * BLOCK_RECORDS);
  }

  /**
   * Block `b` (of `blocks`, in order) and the index of its first record: read into `buffer` when from the file
   * (`closeReads` when done), else the records in memory.
   */
  block(b: number, buffer: Uint8Array): { block: Uint8Array; first: number } {
    const first = b * BLOCK_RECORDS;
    if (first >= this.inFile) return { block: this.memory.subarray(0, this.inMemory * this.width), first: this.inFile };
    const block = buffer.subarray(0, this.width * Math.min(BLOCK_RECORDS, this.inFile - first));
    if (this.readFd < 0 && this.file !== undefined) this.readFd = openSync(this.file, 'r');
    readAll(this.readFd, block, first * this.width);
    return { block, first };
  }

  /** Copies record `index` into `into` (at least `width` bytes); `closeReads` when done reading so. */
  read(index: number, into: Uint8Array): void {
    if (index >= this.inFile) {
      const at = (index - this.inFile) * this.width;
      into.set(this.memory.subarray(at, at + this.width));
      return;
    }
    if (this.readFd < 0 && this.file !== undefined) this.readFd = openSync(this.file, 'r');
    readAll(this.readFd, into.subarray(0, this.width), index * this.width);
  }

  closeReads(): void {
    if (this.readFd >= 0) closeSync(this.readFd);
    this.readFd = -1;
  }

  toState(): SpilledRecordsState {
    const memory = this.memory.slice(0, this.inMemory * this.width);
    if (this.file === undefined || this.inFile === 0) return { width: this.width, memory };
    return { width: this.width, stored: { recordFile: this.file, bytes: this.inFile * this.width }, memory };
  }

  /** The records of `state`; inline ones (a partial profile's) go to a file of this process. */
  static fromState(state: SpilledRecordsState, memoryRecords: number): SpilledRecords {
    const records = new SpilledRecords(state.width, memoryRecords);
    const stored = state.stored;
    if (stored && 'recordFile' in stored) {
      records.file = stored.recordFile;
      records.inFile = stored.bytes / state.width;
    } else if (stored && stored.recordData.length > 0) records.writeToFile(stored.recordData);
    const count = state.memory.length / state.width;
    if (count > 0) {
      records.memory = state.memory.slice();
      records.inMemory = count;
      if (count > memoryRecords) records.flush();
    }
    return records;
  }

  /** Deletes the file; the store is spent. */
  release(): void {
    this.closeReads();
    if (this.file !== undefined) deleteSoon(this.file);
    this.file = undefined;
    this.inFile = 0;
  }
}
