import type { Manifest, Source } from '../manifest';
import type { Rule } from '../rule';

type Options = Record<string, never>;

function normalisedFile(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** A human source of the previous version survives if a non-synthetic source keeps its id or any of its files. */
function survives(old: Source, current: Manifest): boolean {
  const oldFiles = new Set(old.files.map(normalisedFile));
  return current.sources.some(
    (s) => s.origin !== 'synthetic' && (s.id === old.id || s.files.some((f) => oldFiles.has(normalisedFile(f)))),
  );
}

/**
 * Gerstgrasser et al. (2024) show that when each generation's data replaces the previous data the test
 * error grows without bound, while accumulating real and synthetic data keeps it bounded. Dropping a
 * human source between versions of a manifest is the replace pattern.
 */
export const rule: Rule<Options> = {
  id: 'real-data-replaced',
  description: 'A human source of the previous version of this manifest is missing from this version.',
  defaultSeverity: 'warning',
  needs: ['manifest'],
  docs: 'docs/rules/real-data-replaced.md',
  defaultOptions: {},
  check(ctx) {
    const { manifest, previous } = ctx;
    if (previous === undefined) return;
    for (const old of previous.sources) {
      if (old.origin !== 'human' || survives(old, manifest)) continue;
      ctx.report({
        message:
          `Human source '${old.id}' of the previous version (${manifest.previous ?? previous.file}) is gone. ` +
          'Replacing real data instead of accumulating it lets model-collapse error grow with each version; keep it alongside the new data.',
        range: manifest.ranges.previous ?? manifest.ranges.sources ?? manifest.ranges.self,
        sourceId: old.id,
        related: [{ file: previous.file, range: old.ranges.id, message: `'${old.id}' in the previous version` }],
        data: { dropped: old.id, previous: previous.file },
      });
    }
  },
};
