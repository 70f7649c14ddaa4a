import type { Rule } from '../rule';
import { entryMatcher, isRemoteEntry } from './file-patterns';

type Options = Record<string, never>;

/**
 * A files entry that matches nothing usually means a renamed or unfetched data file: every figure the
 * analyzer gives for the source would silently leave that data out.
 */
export const rule: Rule<Options> = {
  id: 'source-missing',
  description: "A source's files entry (path or glob) matches no file.",
  defaultSeverity: 'error',
  needs: ['manifest'],
  docs: 'docs/rules/source-missing.md',
  defaultOptions: {},
  check(ctx) {
    const { manifest, resolvedFiles } = ctx;
    if (resolvedFiles === undefined) return;
    const matches = entryMatcher(manifest.file);
    for (const source of manifest.sources) {
      const resolved = resolvedFiles.get(source.id) ?? [];
      source.files.forEach((entry, i) => {
        if (entry.trim() === '' || isRemoteEntry(entry) || matches(entry, resolved)) return;
        // An entry with no place in the file is a dialect's default (a card without `configs` reads any data file
        // beside it). Nobody wrote it, and a card-only repository holding no data is not a mistake.
        if (source.itemRanges.files[i] === undefined && source.ranges.files === undefined) return;
        ctx.report({
          // Training configs name a source by its path (open-instruct, TRL): then the path is all there is to say.
          message: entry === source.id ? `'${entry}' matches no file.` : `'${entry}' of source '${source.id}' matches no file.`,
          range: source.itemRanges.files[i] ?? source.ranges.files ?? source.ranges.id,
          sourceId: source.id,
          data: { entry },
        });
      });
    }
  },
};
