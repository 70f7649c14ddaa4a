import { strict as assert } from 'node:assert';
import { DEFAULT_DATA_SETTINGS, resolveDataSettings } from '../../../src/core/data-settings';
import { formatSize, parseSize } from '../../../src/core/size';

describe('sizes and data settings', () => {
  it('parses sizes with binary units in any case, a bare number as MB', () => {
    const bytes = (text: string | number): number | undefined => {
      const parsed = parseSize(text);
      return parsed.ok ? parsed.bytes : undefined;
    };
    assert.equal(bytes('64MB'), 64 * 2 ** 20);
    assert.equal(bytes('64 mib'), 64 * 2 ** 20);
    assert.equal(bytes('1.5GB'), 1.5 * 2 ** 30);
    assert.equal(bytes('512k'), 512 * 1024);
    assert.equal(bytes('2t'), 2 * 2 ** 40);
    assert.equal(bytes('100b'), 100);
    assert.equal(bytes('64'), 64 * 2 ** 20);
    assert.equal(bytes(8), 8 * 2 ** 20);
  });

  it('rejects what is not a size with a message that shows how to write one', () => {
    for (const text of ['', 'MB', '64 apples', '-1MB', '1e3', '0', '0.1b']) {
      const parsed = parseSize(text);
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) assert.match(parsed.message, /is not a size/);
    }
    const bad = parseSize('64 apples');
    assert.ok(!bad.ok && bad.message.includes('e.g. 64MB'));
  });

  it('formats sizes in the largest unit', () => {
    assert.equal(formatSize(256 * 2 ** 20), '256 MB');
    assert.equal(formatSize(1.5 * 2 ** 30), '1.5 GB');
    assert.equal(formatSize(1), '1 byte');
    assert.equal(formatSize(Infinity), 'unlimited');
  });

  it('layers requests: a later layer wins, exact and full lift sampling, a sample turns exact off', () => {
    assert.deepEqual(resolveDataSettings(), DEFAULT_DATA_SETTINGS);
    assert.deepEqual(resolveDataSettings({ exact: true }), { exact: true, sampleAboveBytes: Infinity });
    assert.deepEqual(resolveDataSettings({ full: true }), { exact: false, sampleAboveBytes: Infinity });
    assert.deepEqual(resolveDataSettings({ sampleAboveBytes: 100 }, {}), { exact: false, sampleAboveBytes: 100 });
    assert.deepEqual(resolveDataSettings({ exact: true }, { sampleAboveBytes: 100 }), { exact: false, sampleAboveBytes: 100 });
    assert.deepEqual(resolveDataSettings({ sampleAboveBytes: 100 }, { exact: true }), { exact: true, sampleAboveBytes: Infinity });
    assert.deepEqual(resolveDataSettings({ sampleAboveBytes: 100 }, { full: true }), { exact: false, sampleAboveBytes: Infinity });
  });
});
