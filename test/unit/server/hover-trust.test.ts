/**
 * In Restricted Mode the analyzer never runs: the hover says why a source has no figures rather than that its data
 * is "not analyzed yet", which reads as an analysis on its way.
 */
import * as assert from 'node:assert/strict';
import { sourceHoverMarkdown } from '../../../src/server/source-text';
import { reportOfText } from '../report/fixtures';

const { model, row } = reportOfText('/w/mix.dataset.yaml', 'sources:\n  - id: chat\n    files: [data/chat.jsonl]\n    origin: synthetic\n');

describe('the hover of a source without figures', () => {
  it('in a trusted workspace, says the data is not analyzed yet', () => {
    assert.ok(sourceHoverMarkdown(row('chat'), model).endsWith('_Data not analyzed yet._'));
  });

  it('in Restricted Mode, says data is read only in a trusted workspace', () => {
    const hover = sourceHoverMarkdown(row('chat'), model, false);
    assert.ok(hover.endsWith('_Data is read only in a trusted workspace: trust this folder to analyze it._'), hover);
    assert.ok(!hover.includes('not analyzed yet'));
  });
});
