import type { DialectId } from '../manifest';
import { axolotlDialect } from './axolotl';
import { croissantDialect } from './croissant';
import type { Dialect } from './dialect';
import { hfCardDialect } from './hf-card';
import { llamaFactoryDialect } from './llama-factory';
import { llamaFactoryInfoDialect } from './llama-factory-info';
import { mosaicmlDialect } from './mosaicml';
import { nativeDialect } from './native';
import { nemoDialect } from './nemo';
import { nemoRlDialect } from './nemo-rl';
import { openInstructDialect } from './open-instruct';
import { torchtuneDialect } from './torchtune';
import { trlMixtureDialect } from './trl-mixture';

/** Every manifest format, most specific first. Adding a format is one module exporting a Dialect (dialect.ts) plus one line here. */
export const DIALECTS: readonly Dialect[] = [
  nativeDialect,
  hfCardDialect,
  openInstructDialect,
  trlMixtureDialect,
  // Before Axolotl, which it ties at 2: torchtune's multi-dataset recipe has a top-level `datasets:` and its
  // tokenizer a `path:`, Axolotl's two signs, but a `_component_: torchtune.` builder is never in an Axolotl config.
  torchtuneDialect,
  axolotlDialect,
  llamaFactoryDialect,
  llamaFactoryInfoDialect,
  mosaicmlDialect,
  nemoDialect,
  nemoRlDialect,
  croissantDialect,
];

export function dialectById(id: DialectId): Dialect | undefined {
  return DIALECTS.find((d) => d.id === id);
}
