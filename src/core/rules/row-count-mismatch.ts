import { isMeasured } from '../profile';
import type { Rule } from '../rule';
import { percent } from './format';

type Options = { tolerance: number; sampledTolerance: number };

/**
 * `rows` feeds the synthetic share by rows and the mixture's effective weights, so a stale figure (a source
 * regenerated or filtered after the manifest was written) skews every ratio. Compared with the records the
 * analyzer counted. A sampled profile's count is the population estimated from the sample's records per byte,
 * not a count, so it gets the wider `sampledTolerance` and no fix.
 */
export const rule: Rule<Options> = {
  id: 'row-count-mismatch',
  description: "A source's declared rows differ from the records the analyzer counted by more than the tolerance.",
  defaultSeverity: 'warning',
  needs: ['manifest', 'profiles'],
  docs: 'docs/rules/row-count-mismatch.md',
  defaultOptions: { tolerance: 0.01, sampledTolerance: 0.1 },
  optionSpecs: {
    tolerance: { description: 'Largest allowed difference, as a fraction of the counted records (0.01 = 1%).', minimum: 0 },
    sampledTolerance: { description: 'The same for a sampled profile, whose count is an estimate.', minimum: 0 },
  },
  check(ctx) {
    const { manifest, options } = ctx;
    for (const source of manifest.sources) {
      const profile = ctx.profiles.get(source.id);
      const declared = source.rows;
      // A profile of no record counted nothing (a schema nobody named: its 100 lines are no 0): unreadable-data says why.
      if (profile === undefined || !isMeasured(profile) || declared === undefined) continue;
      const counted = profile.records;
      const sampled = profile.sample !== undefined;
      const tolerance = sampled ? options.sampledTolerance : options.tolerance;
      const difference = Math.abs(declared - counted);
      if (difference <= tolerance * counted) continue;
      const what = sampled ? `an estimated ${counted} records (from a sample of ${profile.sample?.size ?? 0})` : `${counted} records`;
      const unread = profile.issues.length > 0 ? ' Some data could not be read (see unreadable-data), which may explain part of it.' : '';
      const range = source.ranges.rows ?? source.ranges.id;
      ctx.report({
        message: `Source '${source.id}' declares ${declared} rows but its files hold ${what}, a difference of ${percent(counted > 0 ? difference / counted : 1)} (tolerance ${percent(tolerance)}).${unread}`,
        range,
        sourceId: source.id,
        // An estimate, or a count short of unreadable records, is no figure to write into the manifest.
        ...(sampled || profile.issues.length > 0 || source.ranges.rows === undefined
          ? {}
          : { fixes: [{ title: `Set rows to ${counted}`, edits: [{ range, newText: String(counted) }], preferred: true, safe: true }] }),
        data: { declared, counted, sampled, tolerance },
      });
    }
  },
};
