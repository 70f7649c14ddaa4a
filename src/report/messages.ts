/** Messages between the report's script and its host (the VS Code panel), and the state the webview keeps across reloads. */
import type { Range } from '../core/range';
import type { Basis, MetricKey } from './types';

export type WebviewMessage =
  | { type: 'reveal'; file: string; range: Range }
  | { type: 'export' };

export interface ReportState {
  basis: Basis;
  sort: { key: string; direction: 'ascending' | 'descending' } | undefined;
  metric: MetricKey | undefined;
  scrollY: number;
  /** The manifest shown, so VS Code's panel serializer can reopen the report after a reload. */
  manifest?: string;
}
