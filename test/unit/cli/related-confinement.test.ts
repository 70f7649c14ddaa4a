import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { buildCli, runCli } from './built-cli';

/**
 * LLaMA-Factory's training YAMLs name datasets defined in the nearest `data/dataset_info.json` above them. The
 * search goes up folder by folder; it must not read one outside the folders the user lets synthlint read (the
 * working folder, `--allow-read`), nor follow a symlink out of them.
 */
describe('cli check (built dist/cli.js): the dataset_info.json search stays inside the folders it may read', function () {
  this.timeout(120_000);
  let top: string;
  const INFO = JSON.stringify({ alpaca_en: { file_name: 'alpaca_en.json' } });
  const YAML = 'model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\nstage: sft\nfinetuning_type: lora\ndataset: alpaca_en\ntemplate: llama3\n';

  before(() => {
    buildCli();
    top = mkdtempSync(path.join(tmpdir(), 'synthlint-related-'));
    // top/data/dataset_info.json sits above the workspace top/ws; top/secret holds one a symlink in ws points to.
    mkdirSync(path.join(top, 'data'));
    writeFileSync(path.join(top, 'data', 'dataset_info.json'), INFO);
    mkdirSync(path.join(top, 'ws', 'examples'), { recursive: true });
    writeFileSync(path.join(top, 'ws', 'examples', 'train.yaml'), YAML);
    mkdirSync(path.join(top, 'secret'));
    writeFileSync(path.join(top, 'secret', 'dataset_info.json'), INFO);
    mkdirSync(path.join(top, 'linked', 'examples'), { recursive: true });
    writeFileSync(path.join(top, 'linked', 'examples', 'train.yaml'), YAML);
    symlinkSync(path.join(top, 'secret'), path.join(top, 'linked', 'data'));
  });
  after(() => rmSync(top, { recursive: true, force: true }));

  const check = (cwd: string, ...args: string[]): JsonFileResult => {
    const run = runCli(['check', '--no-data', '--format', 'json', 'examples/train.yaml', ...args], { cwd });
    const [result] = JSON.parse(run.stdout) as JsonFileResult[];
    assert.ok(result, run.stderr);
    return result;
  };
  const messages = (result: JsonFileResult): string[] => result.messages.map((m) => m.message);

  it('does not read the dataset_info.json above the working folder, and says where it looked', () => {
    const result = check(path.join(top, 'ws'));
    const missing = messages(result).find((m) => m.startsWith('No data/dataset_info.json at or above this file'));
    assert.ok(missing, messages(result).join('\n'));
    assert.match(missing, /only inside the workspace folders \(on the command line: the working folder and `--allow-read` folders\)/);
  });

  it('reads it when --allow-read widens the folders to hold it', () => {
    const result = check(path.join(top, 'ws'), '--allow-read', top);
    assert.deepEqual(messages(result).filter((m) => m.includes('dataset_info.json')), []);
    assert.deepEqual(result.sources?.map((s) => s.id), ['alpaca_en']);
  });

  it('does not follow a symlink inside the working folder to one outside it', () => {
    const result = check(path.join(top, 'linked'));
    assert.ok(messages(result).some((m) => m.startsWith('No data/dataset_info.json at or above this file')), messages(result).join('\n'));
    const widened = check(path.join(top, 'linked'), '--allow-read', path.join(top, 'secret'));
    assert.deepEqual(widened.sources?.map((s) => s.id), ['alpaca_en']);
  });
});
