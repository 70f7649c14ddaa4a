import type { RenderedReport } from '../report/messages';

/** What `activate()` returns: a small automation API the integration tests (and other extensions) use. */
export interface SynthlintApi {
  /** The status bar item's text, or '' when it is hidden (the active editor is not a manifest). */
  statusText(): string;
  serverState(): 'starting' | 'running' | 'stopped';
  /** How long `activate()` took, in milliseconds (the server starts after it, in the background). */
  activationMs: number;
  /** Resolves once the server has no lint or analysis pending and its messages have reached the client. */
  whenIdle(): Promise<void>;
  /** The open report panel's title and HTML, and what its script drew once it has run (if a panel is open). */
  reportPanel(): { title: string; html: string; rendered?: RenderedReport } | undefined;
}
