/**
 * Evaluation data in every view: a source a training config evaluates on (Axolotl `test_datasets`) is marked as
 * such in the hover, the CodeLens, the report's source table and model, and the CLI's JSON, in the same words, and
 * has no share of the training mix.
 */
import * as assert from 'node:assert/strict';
import { formatJson, type JsonFileResult } from '../../../src/cli/formatters/json';
import type { FormatContext } from '../../../src/cli/formatters/types';
import { rules } from '../../../src/core/rules/index';
import { renderReportHtml } from '../../../src/report/html';
import { sourceHoverMarkdown, sourceLensTitle } from '../../../src/server/source-text';
import { reportOfText } from './fixtures';

const FILE = '/w/lora.yml';
const TEXT = 'base_model: m\ndatasets:\n  - path: data/train.jsonl\n    type: alpaca\ntest_datasets:\n  - path: data/eval.jsonl\n    type: alpaca\n';
const MEANING = 'Evaluation data: linted and analysed, left out of the training shares.';
const { manifest, model, row } = reportOfText(FILE, TEXT);

describe('evaluation data in every view', () => {
  it('the report model gives the evaluation source its role, and the training source none', () => {
    assert.equal(row('data/eval.jsonl').role, 'eval');
    assert.ok(!('role' in row('data/train.jsonl')));
  });

  it('the hover says what the role means, right under the origin', () => {
    assert.equal(sourceHoverMarkdown(row('data/eval.jsonl'), model).split('\n\n')[1], MEANING);
    assert.ok(!sourceHoverMarkdown(row('data/train.jsonl'), model).includes('Evaluation data'));
  });

  it('the CodeLens names the role after the origin', () => {
    assert.match(sourceLensTitle(row('data/eval.jsonl'), model), /^unknown · eval\b/);
    assert.doesNotMatch(sourceLensTitle(row('data/train.jsonl'), model), /\beval\b/);
  });

  it("the report's source table marks the row, with the meaning as its title", () => {
    const page = renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file', styles: '' } as Parameters<typeof renderReportHtml>[1]);
    const badge = `<span class="badge role" title="${MEANING}">eval</span>`;
    assert.equal(page.split(badge).length - 1, 1, 'one marked row');
    assert.match(page, new RegExp(`data-source="data/eval.jsonl" title="Show in manifest">data/eval.jsonl</button> ${badge.replace(/[.()]/g, '\\$&')}</th>`));
  });

  it('the CLI JSON gives the role', () => {
    const context: FormatContext = { cwd: '/w', color: false, version: '9.9.9', rules };
    const [result] = JSON.parse(formatJson([{ file: FILE, findings: [], text: TEXT, manifest }], context)) as JsonFileResult[];
    assert.deepEqual(
      result?.sources?.map((s) => [s.id, s.role]),
      [
        ['data/train.jsonl', undefined],
        ['data/eval.jsonl', 'eval'],
      ],
    );
    assert.equal(result?.shares?.sourceCount, 1, 'the shares count the training source only');
  });
});
