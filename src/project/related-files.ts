import { readFileSync, statSync } from 'node:fs';
import type { RelatedReader } from '../core/dialects/context';

/** A related file is a small registry (LLaMA-Factory's dataset_info.json is ~20 kB); anything bigger is not read. */
const MAX_RELATED_BYTES = 4 << 20;

/**
 * Reads the other files a manifest refers to, from disk: a regular file of at most 4 MiB, or nothing. Reads
 * are synchronous because parsing is (the files are small and few), and each path is read once per reader.
 */
export function diskRelatedReader(): RelatedReader {
  const seen = new Map<string, string | undefined>();
  return (file) => {
    if (seen.has(file)) return seen.get(file);
    let text: string | undefined;
    try {
      const stat = statSync(file);
      text = stat.isFile() && stat.size <= MAX_RELATED_BYTES ? readFileSync(file, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    seen.set(file, text);
    return text;
  };
}
