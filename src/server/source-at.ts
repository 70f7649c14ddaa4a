import type { Position, Range } from '../core/range';
import type { ReportModel, SourceRow } from '../report/types';

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The source entry under a position: the innermost one, since a dialect may nest entries. */
export function sourceAt(model: ReportModel, position: Position): SourceRow | undefined {
  let best: SourceRow | undefined;
  for (const row of model.sources) {
    if (!contains(row.range, position)) continue;
    if (!best || row.range.start.line > best.range.start.line) best = row;
  }
  return best;
}
