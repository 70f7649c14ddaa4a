import { basename } from 'node:path';
import type { TextOutput } from './io';
import { terminalLine } from './terminal-text';

export interface ProgressEvent {
  bytesDone: number;
  bytesTotal: number;
  file?: string;
}

export interface Progress {
  /** Starts a new bar for the next manifest. */
  start(label: string): void;
  update(event: ProgressEvent): void;
  /** Erases the bar so the report that follows starts on a clean line. */
  done(): void;
}

const BAR_WIDTH = 24;
/** Redraw at most this often: progress events arrive per chunk, far faster than a terminal needs. */
const MIN_REDRAW_MS = 80;

/** No output at all: for pipes, files and CI logs, where a carriage-return bar would only add noise. */
export const SILENT_PROGRESS: Progress = { start() {}, update() {}, done() {} };

/**
 * A one-line bar on a terminal stream: `analyzing foo.dataset.yaml ▕██████░░░░▏ 42% 12.3/30.0 MB data.jsonl`,
 * redrawn in place with a carriage return and cleared when done.
 */
export function terminalProgress(stream: TextOutput, columns = 80, now: () => number = Date.now): Progress {
  let label = '';
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    start(next) {
      label = next;
      lastDraw = -Infinity;
    },
    update(event) {
      const time = now();
      if (time - lastDraw < MIN_REDRAW_MS && event.bytesDone < event.bytesTotal) return;
      lastDraw = time;
      drawn = true;
      stream.write(`\r${progressLine(label, event, columns)}\u001b[K`);
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}

export function progressLine(label: string, event: ProgressEvent, columns: number): string {
  const fraction = event.bytesTotal > 0 ? Math.min(1, event.bytesDone / event.bytesTotal) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `▕${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}▏`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const mb = (n: number): string => (n / 1e6).toFixed(1);
  const figures = `${mb(event.bytesDone)}/${mb(event.bytesTotal)} MB`;
  const line = terminalLine(`analyzing ${label} ${bar} ${percent} ${figures}${event.file ? ` ${basename(event.file)}` : ''}`);
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 1)) : line;
}
