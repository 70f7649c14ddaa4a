import { strict as assert } from 'node:assert';
import { effectiveSyntheticShare, formatShare, headlineShare, shareSummary, sourceShares, syntheticShares } from '../../../src/core/ratios';
import type { SourceProfile } from '../../../src/core/profile';
import { buildManifest } from './helpers';

function profile(sourceId: string, records: number, tokensEstimate: number): SourceProfile {
  // Only the size figures matter to ratios, and whether the profile has figures at all (none of no record).
  return { sourceId, records, tokensEstimate, ...(records > 0 ? { metrics: {} } : {}) } as SourceProfile;
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

  it('takes no size from a profile that read no record (an unnamed schema): the basis is then unknown, not 100% the rest', () => {
    const { manifest } = buildManifest({ sources: [{ id: 'wikihow', origin: 'human' }, { id: 'llama', origin: 'synthetic' }] });
    const profiles = new Map([['wikihow', profile('wikihow', 0, 0)], ['llama', profile('llama', 100, 30_000)]]);
    const shares = syntheticShares(manifest, profiles);
    for (const basis of [shares.byRows, shares.byTokens]) {
      assert.equal(basis.basisKnown, false);
      assert.equal(basis.counted, 1);
    }
    assert.equal(headlineShare(shares), undefined);
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

  describe('by weight, by what each format\'s weight holds', () => {
    it('takes proportions of the mix as they are, whatever the sizes (NeMo blends, llm-foundry proportion)', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 0.7, weightKind: 'proportion', rows: 10 },
          { id: 's', origin: 'synthetic', weight: 0.3, weightKind: 'proportion', rows: 1000 },
        ],
      });
      const w = syntheticShares(manifest).byWeight;
      assert.equal(w.sizeBasis, 'none');
      assert.ok(Math.abs(w.synthetic - 0.3) < 1e-12);
      assert.equal(w.unknownBecause, undefined);
    });

    it('turns fractions of each dataset into rows drawn when the sizes are known', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 1, weightKind: 'fraction-of-source', rows: 100 },
          { id: 's', origin: 'synthetic', weight: 0.5, weightKind: 'fraction-of-source', rows: 300 },
        ],
      });
      const shares = syntheticShares(manifest);
      assert.equal(shares.byWeight.sizeBasis, 'rows');
      assert.equal(shares.byWeight.synthetic, 150 / 250);
      const each = sourceShares(manifest, shares);
      assert.equal(each.get('h')?.share.weight, 100 / 250);
      assert.equal(each.get('s')?.share.weight, 150 / 250);
    });

    it('adds rows drawn by a count to rows drawn by a fraction (open-instruct 0.5 beside 1500)', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 0.5, weightKind: 'fraction-of-source', rows: 1000 },
          { id: 's', origin: 'synthetic', weight: 1500, weightKind: 'rows' },
        ],
      });
      const w = syntheticShares(manifest).byWeight;
      assert.equal(w.sizeBasis, 'rows');
      assert.equal(w.synthetic, 0.75);
    });

    it('uses tokens for fractions when every source has a token figure, and the analyzer\'s counts for missing sizes', () => {
      const tokens = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 1, weightKind: 'fraction-of-source', tokens: 300 },
          { id: 's', origin: 'synthetic', weight: 1, weightKind: 'fraction-of-source', tokens: 100 },
        ],
      });
      assert.equal(syntheticShares(tokens.manifest).byWeight.sizeBasis, 'tokens');
      assert.equal(syntheticShares(tokens.manifest).byWeight.synthetic, 0.25);
      const counted = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 1, weightKind: 'fraction-of-source' },
          { id: 's', origin: 'synthetic', weight: 2500, weightKind: 'rows' },
        ],
      });
      const w = syntheticShares(counted.manifest, new Map([['h', profile('h', 7500, 1)]])).byWeight;
      assert.equal(w.sizeBasis, 'rows', 'a count drawn has no tokens: rows are the one basis both have');
      assert.equal(w.synthetic, 0.25);
    });

    it('is unknown, and says why, when a fraction\'s dataset has no known size (open-instruct sft/default.yaml)', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'allenai/tulu-v2-sft-mixture', origin: 'mixed', weight: 0.5, weightKind: 'fraction-of-source' },
          { id: 'HuggingFaceH4/no_robots', origin: 'human', weight: 0.8, weightKind: 'fraction-of-source' },
        ],
      });
      const shares = syntheticShares(manifest);
      assert.equal(shares.byWeight.unknownBecause, 'sizes-unknown');
      assert.equal(shares.byWeight.counted, 0);
      assert.equal(shares.byWeight.basisKnown, false);
      assert.equal(headlineShare(shares, { partial: true }), undefined, 'no figure: 0.5 and 0.8 are no proportions of the mix');
      assert.deepEqual(shareSummary(shares), {
        text: 'unknown: weights are fractions of each dataset; sizes unknown',
        short: 'synthetic —',
        why: 'weights are fractions of each dataset; sizes unknown',
        reason: 'sizes-unknown',
      });
      assert.deepEqual(sourceShares(manifest, shares).get('HuggingFaceH4/no_robots')?.share, {});
    });

    it('is unknown when one fraction lacks a size even though the others have theirs', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 1, weightKind: 'fraction-of-source', rows: 100 },
          { id: 's', origin: 'synthetic', weight: 0.5, weightKind: 'fraction-of-source' },
        ],
      });
      const shares = syntheticShares(manifest);
      assert.equal(shares.byWeight.unknownBecause, 'sizes-unknown');
      assert.equal(shareSummary(shares).text, 'unknown: weights are fractions of each dataset; sizes unknown', 'no partial "100% by rows" that hides why');
    });

    it('is exact without sizes when every weighted source has one origin (all synthetic is 100% synthetic)', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'a', origin: 'synthetic', weight: 1, weightKind: 'fraction-of-source' },
          { id: 'b', origin: 'synthetic', weight: 0.001, weightKind: 'fraction-of-source' },
        ],
      });
      const shares = syntheticShares(manifest);
      assert.equal(shares.byWeight.synthetic, 1);
      assert.equal(shares.byWeight.basisKnown, true);
      assert.equal(shares.byWeight.oneOrigin, 'synthetic');
      assert.equal(formatShare(headlineShare(shares)), '100% by mixture weight (every weighted source synthetic)');
      assert.equal(sourceShares(manifest, shares).get('a')?.share.weight, undefined, 'each source\'s own part is still unknown');
    });

    it('is unknown when proportions of the mix sit beside fractions of datasets, unless one origin settles it', () => {
      const mixed = buildManifest({
        sources: [
          { id: 'h', origin: 'human', weight: 0.5, weightKind: 'proportion', rows: 10 },
          { id: 's', origin: 'synthetic', weight: 0.5, weightKind: 'fraction-of-source', rows: 10 },
        ],
      });
      const shares = syntheticShares(mixed.manifest);
      assert.equal(shares.byWeight.unknownBecause, 'kinds-mixed');
      assert.match(shareSummary(shares).text, /^\d+(\.\d)?% by rows$/, 'the rows every source has still give a share');
      const one = buildManifest({
        sources: [
          { id: 'a', origin: 'human', weight: 0.5, weightKind: 'proportion' },
          { id: 'b', origin: 'human', weight: 2, weightKind: 'fraction-of-source' },
        ],
      });
      assert.equal(syntheticShares(one.manifest).byWeight.human, 1);
    });
  });

  describe('when no counted source\'s origin is known', () => {
    const ORIGINS_UNKNOWN = {
      text: "unknown: every weighted source's origin is unknown",
      short: 'synthetic —',
      why: "every weighted source's origin is unknown",
      reason: 'origins-unknown',
    };

    it('says unknown, not "at least 0%", when every weighted source is unknown and the sizes are too (gemma-7b openhermes recipe)', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'a', weight: 1, weightKind: 'fraction-of-source' },
          { id: 'b', weight: 0.5, weightKind: 'fraction-of-source' },
        ],
      });
      const shares = syntheticShares(manifest);
      assert.equal(shares.byWeight.oneOrigin, 'unknown');
      const headline = headlineShare(shares);
      assert.equal(headline?.originsUnknown, true);
      assert.equal(formatShare(headline), "unknown: every weighted source's origin is unknown");
      assert.deepEqual(shareSummary(shares), ORIGINS_UNKNOWN, 'no `value`: a 0 would read as "no synthetic data"');
    });

    it('says unknown for proportions of the mix whose sources are all unknown (a NeMo blend)', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'a', weight: 0.3, weightKind: 'proportion' },
          { id: 'b', weight: 0.7, weightKind: 'proportion' },
        ],
      });
      assert.deepEqual(shareSummary(syntheticShares(manifest)), ORIGINS_UNKNOWN);
    });

    it('names the sized sources on rows, and says how many of them there are', () => {
      const { manifest } = buildManifest({ sources: [{ id: 'a', rows: 10 }, { id: 'b', rows: 30 }, { id: 'c' }] });
      assert.deepEqual(shareSummary(syntheticShares(manifest)), {
        text: "unknown: every sized source's origin is unknown (2 of 3 sources sized)",
        short: 'synthetic —',
        why: "every sized source's origin is unknown",
        reason: 'origins-unknown',
      });
    });

    it('keeps the figure when one counted source has a known origin: that is evidence', () => {
      const { manifest } = buildManifest({ sources: [{ id: 'h', origin: 'human', rows: 10 }, { id: 'u', rows: 30 }] });
      const summary = shareSummary(syntheticShares(manifest));
      assert.equal(summary.text, 'at least 0% by rows');
      assert.equal(summary.short, '≥ 0% synthetic');
      assert.equal(summary.value, 0);
      assert.equal(summary.reason, undefined);
    });

    it('says once that every weighted source is mixed, and what a mixed source counts for', () => {
      const { manifest } = buildManifest({
        sources: [
          { id: 'a', origin: 'mixed', weight: 1, weightKind: 'fraction-of-source' },
          { id: 'b', origin: 'mixed', weight: 0.5, weightKind: 'fraction-of-source' },
        ],
      });
      const summary = shareSummary(syntheticShares(manifest));
      assert.equal(summary.text, '50% by mixture weight (every weighted source mixed, counted at 50%)');
      assert.equal(summary.short, '50% synthetic');
      assert.equal(summary.value, 0.5);
      assert.equal(shareSummary(syntheticShares(manifest), 1).text, '100% by mixture weight (every weighted source mixed, counted at 100%)');
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
