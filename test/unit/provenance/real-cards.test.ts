import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { buildCli, runCli } from '../cli/built-cli';

/**
 * Real dataset cards (test/fixtures/cards/SOURCES.md) whose `language_creators: machine-generated` text came
 * from machine translation, OCR or speech recognition, not from an LLM. Two of them say so only in their prose
 * (their tasks are `summarization` and `fill-mask`). Checked through the built CLI as CI runs it: the origin is
 * human text passed through that machine, and no generator is asked of it.
 */
describe('real Hugging Face cards with machine-generated text that no LLM wrote (built dist/cli.js)', function () {
  this.timeout(120_000);
  const FOLDER = path.resolve(__dirname, '../../fixtures/cards');
  const EXPECTED: Record<string, { machine: string; per: string }> = {
    'xsum-nl': { machine: 'mt', per: "machine-generated text from machine translation, per the card's description" },
    'hmd-erwt-training': { machine: 'ocr', per: "machine-generated text from OCR, per the card's description" },
    'raddromur-asr': { machine: 'asr', per: "machine-generated text from speech recognition, per the card's tasks and tags" },
  };
  let results: Map<string, JsonFileResult>;

  before(() => {
    buildCli();
    const run = runCli(['check', '--no-data', '--format', 'json', '.'], { cwd: FOLDER });
    results = new Map((JSON.parse(run.stdout) as JsonFileResult[]).map((r) => [path.basename(path.dirname(r.filePath)), r]));
  });

  for (const [card, want] of Object.entries(EXPECTED)) {
    it(`${card}: human text through ${want.machine}, no generator asked`, () => {
      const result = results.get(card);
      assert.ok(result, `no result for ${card}: ${[...results.keys()].join(', ')}`);
      assert.equal(result.dialect, 'hf-card');
      assert.deepEqual(
        result.sources?.map((s) => ({ origin: s.origin, evidence: s.evidence })),
        [{ origin: 'human', evidence: { kind: 'declared', machine: want.machine, detail: want.per } }],
      );
      assert.deepEqual(result.messages.filter((m) => m.ruleId === 'generator-missing' || m.ruleId === 'manifest-invalid'), []);
    });
  }

  it('counts the translated card as synthetic when .synthlint.yaml counts machine translation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'synthlint-cards-'));
    try {
      const config = path.join(dir, '.synthlint.yaml');
      writeFileSync(config, 'syntheticMachines: [llm, mt]\n');
      const run = runCli(['check', '--no-data', '--format', 'json', '--config', config, 'xsum-nl/README.md'], { cwd: FOLDER });
      const [result] = JSON.parse(run.stdout) as JsonFileResult[];
      assert.equal(result?.sources?.[0]?.origin, 'synthetic', run.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
