/**
 * Provenance at a glance: the evidence behind each origin reaches the hover, the CodeLens, the report's source
 * table and the CLI's JSON, in the same words.
 */
import * as assert from 'node:assert/strict';
import { formatJson, type JsonFileResult } from '../../../src/cli/formatters/json';
import type { FormatContext } from '../../../src/cli/formatters/types';
import { rules } from '../../../src/core/rules/index';
import { renderReportHtml } from '../../../src/report/html';
import { sourceHoverMarkdown, sourceLensTitle } from '../../../src/server/source-text';
import { reportOfText } from '../report/fixtures';

const FILE = '/w/train.yaml';
const TEXT = 'dataset_mixer:\n  open-r1/OpenR1-Math-220k: 0.5\n  someone/alpaca-gpt4-cleaned: 0.3\n  my-org/answers: 0.2 # human written by our team\n  my-org/other: 0.1\n';
const { manifest, model, row } = reportOfText(FILE, TEXT);

describe('origin evidence in every view', () => {
  it('hover says where the origin came from and links the registry entry card', () => {
    const hover = sourceHoverMarkdown(row('open-r1/OpenR1-Math-220k'), model);
    assert.match(hover, /_Origin: from the registry_: synthlint registry: DeepSeek\\-R1 solutions/);
    assert.match(hover, /\[source\]\(https:\/\/huggingface\.co\/datasets\/open-r1\/OpenR1-Math-220k\)/);
    assert.match(sourceHoverMarkdown(row('someone/alpaca-gpt4-cleaned'), model), /_Origin: name only \(weak\)_: Only the name says so/);
    assert.match(sourceHoverMarkdown(row('my-org/answers'), model), /_Origin: from a comment_: human written by our team/);
    assert.match(sourceHoverMarkdown(row('my-org/other'), model), /_Origin: no evidence_/);
  });

  it('CodeLens labels an origin the file did not state', () => {
    assert.match(sourceLensTitle(row('open-r1/OpenR1-Math-220k'), model), /^synthetic \(from the registry\)/);
    assert.match(sourceLensTitle(row('someone/alpaca-gpt4-cleaned'), model), /^synthetic \(name only \(weak\)\)/);
    assert.match(sourceLensTitle(row('my-org/other'), model), /^unknown/);
  });

  it("the report's source table shows the evidence, the detail as a title and the citation as a link", () => {
    const page = renderReportHtml(model, { webviewScript: '', nonce: 'n', mode: 'file', styles: '' } as Parameters<typeof renderReportHtml>[1]);
    assert.match(page, /<small class="evidence evidence-registry" title="synthlint registry: DeepSeek-R1 solutions[^"]*"><a href="https:\/\/huggingface.co\/datasets\/open-r1\/OpenR1-Math-220k" rel="noopener noreferrer">from the registry<\/a><\/small>/);
    assert.match(page, /<small class="evidence evidence-name" title="Only the name says so[^"]*">name only \(weak\)<\/small>/);
  });

  it('the CLI JSON lists each source with its origin and evidence', () => {
    const context: FormatContext = { cwd: '/w', color: false, version: '9.9.9', rules };
    const [result] = JSON.parse(formatJson([{ file: FILE, findings: [], text: TEXT, manifest }], context)) as JsonFileResult[];
    const byId = new Map(result?.sources?.map((s) => [s.id, s]));
    assert.equal(byId.get('open-r1/OpenR1-Math-220k')?.evidence.kind, 'registry');
    assert.equal(byId.get('open-r1/OpenR1-Math-220k')?.evidence.citation, 'https://huggingface.co/datasets/open-r1/OpenR1-Math-220k');
    assert.equal(byId.get('open-r1/OpenR1-Math-220k')?.generator, 'DeepSeek-R1');
    assert.equal(byId.get('someone/alpaca-gpt4-cleaned')?.evidence.kind, 'name');
    assert.equal(byId.get('my-org/answers')?.evidence.kind, 'comment');
    assert.deepEqual(byId.get('my-org/other')?.evidence, { kind: 'none' });
  });
});
