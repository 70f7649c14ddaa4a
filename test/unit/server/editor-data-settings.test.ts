/** The `synthlint.exact`, `synthlint.full` and `synthlint.sampleAbove` editor settings: read, checked, and layered over the config's `data:`. */
import { strict as assert } from 'node:assert';
import { resolveDataSettings } from '../../../src/core/data-settings';
import { analysisSettingsChanged, DEFAULT_SETTINGS, editorDataRequest, readSettings } from '../../../src/server/settings';

describe('server: editor data settings', () => {
  it('reads them, and falls back to the default for a wrong type or a size it cannot read', () => {
    const read = readSettings({ exact: true, full: false, sampleAbove: '64MB' });
    assert.deepEqual([read.exact, read.full, read.sampleAbove], [true, false, '64MB']);
    const bad = readSettings({ exact: 'yes', full: 1, sampleAbove: 'lots' });
    assert.deepEqual([bad.exact, bad.full, bad.sampleAbove], [DEFAULT_SETTINGS.exact, DEFAULT_SETTINGS.full, DEFAULT_SETTINGS.sampleAbove]);
  });

  it('left at their defaults they ask nothing, so the config decides; set, they win over it', () => {
    const config = { exact: true };
    assert.deepEqual(editorDataRequest(DEFAULT_SETTINGS), {});
    assert.deepEqual(resolveDataSettings(config, editorDataRequest(DEFAULT_SETTINGS)), { exact: true, sampleAboveBytes: Infinity });
    const sample = editorDataRequest({ ...DEFAULT_SETTINGS, sampleAbove: '1MB' });
    assert.deepEqual(resolveDataSettings(config, sample), { exact: false, sampleAboveBytes: 1024 * 1024 });
    assert.deepEqual(resolveDataSettings({ sampleAboveBytes: 5 }, editorDataRequest({ ...DEFAULT_SETTINGS, full: true })), { exact: false, sampleAboveBytes: Infinity });
    assert.deepEqual(editorDataRequest({ ...DEFAULT_SETTINGS, exact: true, sampleAbove: '1MB' }), { exact: true }, 'exact ignores a sample size');
  });

  it('a change to one of them, or to maxDataMB, remoteData or allowRead, makes kept profiles stale; run and enable do not', () => {
    assert.equal(analysisSettingsChanged(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, exact: true }), true);
    assert.equal(analysisSettingsChanged(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, allowRead: ['/data'] }), true);
    assert.equal(analysisSettingsChanged(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, maxDataMB: 64 }), true);
    assert.equal(analysisSettingsChanged(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, run: 'onSave', enable: false }), false);
  });
});
