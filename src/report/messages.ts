/** Messages between the report's script and its host (the VS Code panel), and the state the webview keeps across reloads. */
import type { Range } from '../core/range';
import type { Basis, MetricKey } from './types';

export type WebviewMessage =
  | { type: 'reveal'; file: string; range: Range }
  | { type: 'export' }
  | { type: 'rendered'; rendered: RenderedReport };

/**
 * What the script drew, counted from the page once it is done: the host learns the report is on screen (tests and
 * automation wait for it) and how much of the model made it into the DOM.
 */
export interface RenderedReport {
  title: string;
  sourceRows: number;
  findingLinks: number;
  /** Canvases Chart.js drew into (ratio, diversity, lengths). */
  charts: number;
  lineageNodes: number;
}

export interface ReportState {
  basis: Basis;
  sort: { key: string; direction: 'ascending' | 'descending' } | undefined;
  metric: MetricKey | undefined;
  scrollY: number;
  /** The manifest shown, so VS Code's panel serializer can reopen the report after a reload. */
  manifest?: string;
}
