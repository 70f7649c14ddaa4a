import type { RelatedReader } from '../core/dialects/context';
import { readTextFile } from '../analyzer/open-file';

/**
 * Reads the other files a manifest refers to, from disk (LLaMA-Factory's dataset_info.json, ~20 kB): through the
 * guarded open with a manifest's limits (a regular file, not too large, UTF-8), or nothing. Reads
 * are synchronous because parsing is (the files are small and few), and each path is read once per reader.
 */
export function diskRelatedReader(): RelatedReader {
  const seen = new Map<string, string | undefined>();
  return (file) => {
    if (seen.has(file)) return seen.get(file);
    const text = readTextFile(file, 'manifest').text;
    seen.set(file, text);
    return text;
  };
}
