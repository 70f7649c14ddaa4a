/**
 * Renders report fixtures the way the CLI export does (file mode: inline script and styles), with the webview
 * script bundled fresh from media/report.ts so a browser test never runs a stale dist/webview.js.
 */
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderReportHtml } from '../../../src/report/html';
import type { ReportModel } from '../../../src/report/types';

const REPO = path.resolve(__dirname, '../../..');
let bundle: string | undefined;

export async function webviewBundle(): Promise<string> {
  if (bundle === undefined) {
    const result = await esbuild.build({
      entryPoints: [path.join(REPO, 'media/report.ts')],
      bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: true, write: false, logLevel: 'silent',
    });
    bundle = result.outputFiles[0]?.text ?? '';
  }
  return bundle;
}

export function reportCss(): string {
  return readFileSync(path.join(REPO, 'media/report.css'), 'utf8');
}

export async function renderFile(model: ReportModel, nonce = 'dGVzdC1ub25jZQ'): Promise<string> {
  return renderReportHtml(model, { mode: 'file', nonce, webviewScript: await webviewBundle(), styles: reportCss() });
}
