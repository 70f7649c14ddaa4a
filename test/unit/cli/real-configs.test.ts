import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import type { ReportModel } from '../../../src/report/types';
import { ROOT, buildCli, runCli } from './built-cli';

/** What the built CLI prints for real training configs (test/fixtures/real-configs, unchanged public files). */
const REAL = path.join(ROOT, 'test', 'fixtures', 'real-configs');

function checkJson(file: string): JsonFileResult {
  const run = runCli(['check', '--no-data', '--format', 'json', path.join(REAL, file)]);
  assert.equal(run.stderr, '');
  const [result] = JSON.parse(run.stdout) as JsonFileResult[];
  assert.ok(result, run.stdout);
  return result;
}

describe('cli (built dist/cli.js) on real training configs', function () {
  this.timeout(60_000);
  before(() => buildCli());

  it('check --format json gives each source its role: `eval` for the data a config evaluates on (llm-foundry mpt-7b_dolly_sft.yaml)', () => {
    const result = checkJson('llm-foundry/scripts/train/yamls/finetune/mpt-7b_dolly_sft.yaml');
    assert.deepEqual(
      result.sources?.map((s) => [s.id, s.role]),
      [
        ['mosaicml/dolly_hhrlhf[train]', undefined],
        ['mosaicml/dolly_hhrlhf[test]', 'eval'],
      ],
    );
    assert.ok(!('role' in (result.sources?.[0] ?? {})), 'training data has no `role` key');
  });

  describe('a mixture whose every dataset is of unknown origin (NeMo launcher gpt3/126m.yaml: a blend of 30 local paths)', () => {
    const file = 'nemo-launcher/launcher_scripts/conf/training/gpt3/126m.yaml';
    const unknown = "unknown: every weighted source's origin is unknown";

    it('check --format json says the share is unknown and why, with no figure', () => {
      const result = checkJson(file);
      assert.ok(result.sources?.every((s) => s.origin === 'unknown'));
      assert.deepEqual(result.syntheticShare, { text: unknown, short: 'synthetic —', why: "every weighted source's origin is unknown", reason: 'origins-unknown' });
    });

    it('report says the same, in its JSON model and its page', () => {
      const json = runCli(['report', '--no-data', '--format', 'json', path.join(REAL, file)]);
      assert.equal(json.code, 0, json.stderr);
      assert.equal((JSON.parse(json.stdout) as ReportModel).syntheticShare.text, unknown);
      const out = mkdtempSync(path.join(tmpdir(), 'synthlint-real-'));
      try {
        const page = path.join(out, 'report.html');
        const html = runCli(['report', '--no-data', '-o', page, path.join(REAL, file)]);
        assert.equal(html.code, 0, html.stderr);
        const text = readFileSync(page, 'utf8');
        assert.match(text, /<dd id="total-synthetic">unknown: every weighted source(?:'|&#39;|&#x27;)s origin is unknown<\/dd>/);
        assert.doesNotMatch(text, /at least 0%/);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
});
