import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { buildCli, runCli } from '../cli/built-cli';

/**
 * A real Croissant 1.1 file (test/fixtures/croissant/SOURCES.md), under its usual name metadata.json, checked
 * through the built CLI: recognised by content, its FileSet read inside the repository it is `containedIn`, its
 * `prov:` annotation field neither reported nor read as training text, and no finding but the honest one (the
 * file states no origin).
 */
describe('a real Croissant 1.1 metadata.json (built dist/cli.js)', function () {
  this.timeout(120_000);
  const FOLDER = path.resolve(__dirname, '../../fixtures/croissant/data_provenance_initiative');
  let result: JsonFileResult | undefined;

  before(() => {
    buildCli();
    const run = runCli(['check', '--no-data', '--format', 'json', '.'], { cwd: FOLDER });
    [result] = JSON.parse(run.stdout) as JsonFileResult[];
  });

  it('is found by content under the name metadata.json and read as Croissant', () => {
    assert.equal(path.basename(result?.filePath ?? ''), 'metadata.json');
    assert.equal(result?.dialect, 'croissant');
  });

  it('reads the FileSet contained in the repository as the one source, the repository being only its container', () => {
    assert.deepEqual(result?.sources?.map((s) => [s.id, s.origin]), [['parquet-files-for-config-default', 'unknown']]);
  });

  it('reports only that the origin is not stated: no errors for containedIn, prov: terms or the annotation field', () => {
    assert.deepEqual(
      result?.messages.map((m) => [m.ruleId, m.line]),
      [['provenance-missing', 60]],
    );
  });
});
