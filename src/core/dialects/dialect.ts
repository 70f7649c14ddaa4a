import type { DialectId, Manifest } from '../manifest';
import type { DialectContext } from './context';

/**
 * One manifest format. Adding a format is one new module exporting a Dialect plus one line in DIALECTS (registry.ts).
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

