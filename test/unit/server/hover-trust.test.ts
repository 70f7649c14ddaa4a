/**
 * In Restricted Mode the analyzer never runs: the hover, the CodeLens and the status bar's tooltip say why a source
 * has no figures rather than that its data is "not analyzed yet" or "not measured", which read as an analysis on its
 * way.
 */
import * as assert from 'node:assert/strict';
import { statusTooltip } from '../../../src/extension/status-text';
import { ManifestState } from '../../../src/server/manifest-state';
import { manifestLensTitle, sourceHoverMarkdown, sourceLensTitle } from '../../../src/server/source-text';
import { reportOfText } from '../report/fixtures';

const { manifest, model, row } = reportOfText('/w/mix.dataset.yaml', 'sources:\n  - id: chat\n    files: [data/chat.jsonl]\n    origin: synthetic\n');

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

describe('the CodeLens and status bar of a manifest without figures', () => {
  it('in a trusted workspace, say "not measured", and the tooltip says what would measure it', () => {
    assert.equal(manifestLensTitle(model), 'synthetic not measured');
    assert.equal(sourceLensTitle(row('chat'), model), 'synthetic · depth 1');
    assert.match(statusTooltip(statusOf(true)), /^Synthetic share not measured: declare rows, tokens or weights, or let the analyzer measure the data\.\n/);
  });

  it('in Restricted Mode, say why: the data is read only in a trusted workspace', () => {
    assert.equal(manifestLensTitle(model, false), 'synthetic not measured (Restricted Mode)');
    assert.equal(sourceLensTitle(row('chat'), model, false), 'synthetic · depth 1 · not measured (Restricted Mode)');
    assert.equal(
      statusTooltip(statusOf(false)),
      'Synthetic share not measured. Data is read only in a trusted workspace: trust this folder to analyze it.\nClick to open the report.',
    );
  });

  it('in Restricted Mode, the tooltip of a share unknown for want of sizes asks for rows, not for the analyzer', () => {
    const mixer = reportOfText('/w/mixer.yaml', 'dataset_mixer:\n  allenai/tulu-v2-sft-mixture: 1.0\n  HuggingFaceH4/no_robots: 9500\n');
    assert.equal(mixer.model.syntheticShare.reason, 'sizes-unknown');
    assert.match(statusTooltip(statusOf(true, mixer.manifest)), /sizes unknown\. Declare the sources' rows, or let the analyzer count local data\.\n/);
    assert.equal(
      statusTooltip(statusOf(false, mixer.manifest)),
      "Synthetic share unknown: weights are fractions of each dataset; sizes unknown. Declare the sources' rows. Data is read only in a trusted workspace: trust this folder to analyze it.\nClick to open the report.",
    );
  });

  it('in Restricted Mode, keep a share the manifest states', () => {
    const sized = reportOfText('/w/mix.dataset.yaml', 'sources:\n  - id: chat\n    files: [data/chat.jsonl]\n    origin: synthetic\n    rows: 10\n');
    assert.equal(manifestLensTitle(sized.model, false), 'synthetic 100% by rows');
  });
});

/** The status the server pushes for the manifest, in a trusted workspace or not. */
function statusOf(trusted: boolean, of = manifest): ReturnType<ManifestState['status']> {
  const state = new ManifestState(of.file, `file://${of.file}`);
  state.setResult({ file: of.file, text: '', manifest: of, findings: [], profiles: new Map() });
  return state.status(trusted);
}
