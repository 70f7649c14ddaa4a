import type { DialectId, Manifest } from '../manifest';
import type { DialectContext } from './context';
import { axolotlDialect } from './axolotl';
import { croissantDialect } from './croissant';
import { hfCardDialect } from './hf-card';
import { llamaFactoryDialect } from './llama-factory';
import { llamaFactoryInfoDialect } from './llama-factory-info';
import { mosaicmlDialect } from './mosaicml';
import { nativeDialect } from './native';
import { nemoDialect } from './nemo';
import { openInstructDialect } from './open-instruct';
import { trlMixtureDialect } from './trl-mixture';

/**
 * One manifest format. Adding a format is one new module exporting a Dialect plus one line in DIALECTS.
 */
export interface Dialect {
  id: DialectId;
  /** For messages and docs. */
  label: string;
  /**
   * How sure a cheap look at the file name and text makes us: 0 not this dialect, 1 a generic content hint,
   * 2 a key only this dialect uses, 3 the file name. The highest wins; ties go to the earlier in DIALECTS.
   */
  detect(file: string, text: string): 0 | 1 | 2 | 3;
  /** Reads the file into the model, reporting problems on the context; undefined when it cannot be understood. */
  parse(context: DialectContext): Manifest | undefined;
}

export const DIALECTS: readonly Dialect[] = [
  nativeDialect,
  hfCardDialect,
  openInstructDialect,
  trlMixtureDialect,
  axolotlDialect,
  llamaFactoryDialect,
  llamaFactoryInfoDialect,
  mosaicmlDialect,
  nemoDialect,
  croissantDialect,
];

export function dialectById(id: DialectId): Dialect | undefined {
  return DIALECTS.find((d) => d.id === id);
}
