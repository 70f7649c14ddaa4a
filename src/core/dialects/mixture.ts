import { knownDataset } from '../known-datasets';
import type { Source } from '../manifest';
import type { Range } from '../range';
import { blankSource } from './context';

/**
 * A source for one dataset a training mixture names (a hub id like `allenai/tulu-v2-sft-mixture`, or a local
 * path). Mixture configs say nothing about provenance, so origin, generator, lineage and licence come from the
 * known-datasets registry when the name is in it, and stay `unknown` otherwise.
 */
export function mixtureSource(id: string, name: string, self: Range, nameRange: Range): Source {
  const source = blankSource(id, self, nameRange);
  source.files = [name];
  source.itemRanges.files = [nameRange];
  source.ranges.files = nameRange;
  const known = knownDataset(name);
  if (!known) return source;
  source.origin = known.origin;
  if (known.generator) source.generator = { ...known.generator };
  if (known.derivedFrom) {
    source.derivedFrom = [...known.derivedFrom];
    source.itemRanges.derivedFrom = known.derivedFrom.map(() => nameRange);
  }
  if (known.license) source.license = known.license;
  return source;
}
