import type { Source } from '../manifest';
import type { Range } from '../range';
import { blankSource } from './context';

/**
 * A source for one dataset a training mixture names (a hub id like `allenai/tulu-v2-sft-mixture`, or a local
 * path). Mixture configs say nothing about provenance: `dataset` names what to look up, and parseManifest
 * fills origin, generator, lineage and licence from the provenance registry (src/core/provenance/resolve.ts)
 * unless the file states them.
 */
export function mixtureSource(id: string, name: string, self: Range, nameRange: Range): Source {
  const source = blankSource(id, self, nameRange);
  source.files = [name];
  source.itemRanges.files = [nameRange];
  source.ranges.files = nameRange;
  source.dataset = name;
  return source;
}
