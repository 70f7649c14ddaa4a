import { byteBlocks } from './bytes';
import { lineBatches } from './lines';
import type { IssueLog, RawRecord, ReadOptions } from './types';

/**
 * Plain text: a record per non-blank line, or per paragraph (lines up to a blank line, joined by '\n').
 * A paragraph's row is its first line.
 */
export async function* readText(file: string, opts: ReadOptions, log: IssueLog): AsyncGenerator<RawRecord[]> {
  const paragraphs = opts.textMode === 'paragraph';
  let para: string[] = [];
  let paraLine = 0;
  let paraBytes = 0;
  for await (const lines of lineBatches(byteBlocks(file, opts, log, 'text'), opts.range?.startLine ?? 1, opts.maxRecordBytes, log)) {
    const batch: RawRecord[] = [];
    for (const { text, line } of lines) {
      const blank = text.trim() === '';
      if (!paragraphs) {
        if (!blank) batch.push({ value: text, row: { file, line } });
        continue;
      }
      if (blank) {
        if (para.length) batch.push({ value: para.join('\n'), row: { file, line: paraLine } });
        para = [];
        paraBytes = 0;
        continue;
      }
      if (!para.length) paraLine = line;
      paraBytes += text.length;
      if (paraBytes > opts.maxRecordBytes) {
        log.note(paraLine, `paragraph longer than the ${opts.maxRecordBytes}-byte record limit; cut into several records`);
        batch.push({ value: para.join('\n'), row: { file, line: paraLine } });
        para = [];
        paraBytes = 0;
        paraLine = line;
      }
      para.push(text);
    }
    yield batch;
  }
  if (para.length) yield [{ value: para.join('\n'), row: { file, line: paraLine } }];
}
