import { strict as assert } from 'node:assert';
import { effectiveSyntheticShare, syntheticShares } from '../../../src/core/ratios';
import type { SourceProfile } from '../../../src/core/profile';
import { buildManifest } from './helpers';

function profile(sourceId: string, records: number, tokensEstimate: number): SourceProfile {
  // Only the size figures matter to ratios; the rest of the profile is irrelevant here.
  return { sourceId, records, tokensEstimate } as SourceProfile;
}

describe('syntheticShares', () => {
  it('gives fractions by rows and tokens from declared figures', () => {
    const { manifest } = buildManifest({
      sources: [
        { id: 'seed', origin: 'human', rows: 175, tokens: 10_000 },
        { id: 'alpaca', origin: 'synthetic', rows: 5_000, tokens: 30_000 },
      ],
    });
    const shares = syntheticShares(manifest);
    assert.equal(shares.byRows.synthetic, 5000 / 5175);
    assert.equal(shares.byRows.human, 175 / 5175);
    assert.equal(shares.byTokens.synthetic, 0.75);
    assert.equal(shares.byRows.basisKnown, true);
    assert.equal(shares.byTokens.basisKnown, true);
  });

  it('marks a basis unknown when a source lacks its figure, and counts only the sources that have it', () => {
    const { manifest } = buildManifest({ sources: [{ id: 'a', origin: 'human', rows: 10 }, { id: 'b', origin: 'synthetic' }] });
    const shares = syntheticShares(manifest);
    assert.equal(shares.byRows.basisKnown, false);
    assert.equal(shares.byRows.counted, 1);
    assert.equal(shares.byRows.human, 1);
    assert.equal(shares.byTokens.counted, 0);
    assert.equal(shares.byTokens.synthetic, 0);
  });

  it('fills missing sizes from profiles, but a declared figure wins over the estimate', () => {
    const { manifest } = buildManifest({ sources: [{ id: 'a', origin: 'human', tokens: 100 }, { id: 'b', origin: 'synthetic' }] });
    const profiles = new Map([['a', profile('a', 1, 999_999)], ['b', profile('b', 3, 300)]]);
    const shares = syntheticShares(manifest, profiles);
    assert.equal(shares.byTokens.basisKnown, true);
    assert.equal(shares.byTokens.synthetic, 0.75);
    assert.equal(shares.byRows.synthetic, 0.75);
  });

  describe('by weight', () => {
    it('multiplies weights by tokens when every source has tokens', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 1, tokens: 100, rows: 1 },
          { id: 's', origin: 'synthetic', weight: 0.5, tokens: 200, rows: 1000 },
        ],
      });
      const w = syntheticShares(manifest).byWeight;
      assert.equal(w.sizeBasis, 'tokens');
      assert.equal(w.synthetic, 0.5);
    });

    it('falls back to rows, then to the weights alone', () => {
      const rows = buildManifest({ sources: [{ id: 'h', origin: 'human', weight: 1, rows: 300 }, { id: 's', origin: 'synthetic', weight: 1, rows: 100 }] });
      assert.equal(syntheticShares(rows.manifest).byWeight.sizeBasis, 'rows');
      assert.equal(syntheticShares(rows.manifest).byWeight.synthetic, 0.25);
      const alone = buildManifest({ sources: [{ id: 'h', origin: 'human', weight: 0.3, rows: 300 }, { id: 's', origin: 'synthetic', weight: 0.7 }] });
      const w = syntheticShares(alone.manifest).byWeight;
      assert.equal(w.sizeBasis, 'none');
      assert.ok(Math.abs(w.synthetic - 0.7) < 1e-12);
      assert.equal(w.basisKnown, true);
    });

    it('is unknown when a source has no weight', () => {
      const { manifest } = buildManifest({ sources: [{ id: 'h', origin: 'human', weight: 1 }, { id: 's', origin: 'synthetic' }] });
      assert.equal(syntheticShares(manifest).byWeight.basisKnown, false);
    });
  });

  it('reports mixed and unknown origins separately; mixed counts half in the effective share', () => {
    const { manifest } = buildManifest({
      sources: [
        { id: 'h', origin: 'human', rows: 40 },
        { id: 'm', origin: 'mixed', rows: 40 },
        { id: 'u', rows: 20 },
      ],
    });
    const rows = syntheticShares(manifest).byRows;
    assert.deepEqual([rows.human, rows.synthetic, rows.mixed, rows.unknown], [0.4, 0, 0.4, 0.2]);
    assert.equal(effectiveSyntheticShare(rows), 0.2);
    assert.equal(effectiveSyntheticShare(rows, 1), 0.4);
  });

  it('is all zeros and unknown for a manifest without sources', () => {
    const { manifest } = buildManifest({ sources: [] });
    const shares = syntheticShares(manifest);
    assert.equal(shares.byRows.basisKnown, false);
    assert.equal(shares.byRows.synthetic, 0);
  });
});
