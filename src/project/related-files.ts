import type { RelatedReader } from '../core/dialects/context';
import { readTextFile } from '../analyzer/open-file';

/**
 * Reads the other files a manifest refers to, from disk (LLaMA-Factory's dataset_info.json, ~20 kB): through the
 * guarded open with a manifest's limits (a regular file, not too large, UTF-8), or nothing. Reads
 * are synchronous because parsing is (the files are small and few), and each path is read once per reader.
 * Every file it did read is added to `read`, so the editor can lint the manifest again when one changes.
 */
export function diskRelatedReader(read: Set<string> = new Set()): RelatedReader {
  const seen = new Map<string, string | undefined>();
  return (file) => {
    if (seen.has(file)) return seen.get(file);
    const text = readTextFile(file, 'manifest').text;
    seen.set(file, text);
    if (text !== undefined) read.add(file);
    return text;
  };
}
