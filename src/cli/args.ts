/**
 * A small, strict argument parser: unknown flags and bad values are usage errors (exit 2) rather than being
 * ignored, so a typo in a CI script fails loudly, with a did-you-mean when the flag or value is a near miss.
 * Node 20's util.parseArgs has no `--no-x` negation, no numeric values and no aliases, hence this.
 */
import { didYouMeanSuffix } from '../core/did-you-mean';
import { parseSize } from '../core/size';

/** `size`: a size with a unit (`64MB`, core/size.ts), given to the command in bytes. */
export type OptionType = 'boolean' | 'string' | 'number' | 'size';

export interface OptionSpec {
  type: OptionType;
  short?: string;
  /** For strings: the values allowed. */
  choices?: readonly string[];
  /** For strings: the flag may be given again, each value adding to a list (`--text a --text b`). */
  repeatable?: boolean;
  /** For booleans: also accept `--no-<name>` (sets false). */
  negatable?: boolean;
  /** For numbers: integers only, at least this. */
  min?: number;
  /** Shown by --help. */
  description: string;
  /** Shown by --help after the flag, e.g. `N`, `FILE`. */
  valueName?: string;
  /**
   * An older spelling kept working: the flag sets option `of` instead (to `value` for a boolean alias of a
   * string option, `--json` for `--format json`). Giving both with different values is a usage error.
   */
  alias?: { of: string; value?: string };
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;
export type OptionValues = Record<string, string | string[] | number | boolean | undefined>;

export type ParsedArgs = { ok: true; options: OptionValues; positionals: string[] } | { ok: false; message: string };

export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const options: OptionValues = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));
  // Which flag set each option, to tell `--json --format html` apart from `--format json --format json`.
  const setBy = new Map<string, { name: string; flag: string }>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    let name = flag.startsWith('--') ? flag.slice(2) : byShort.get(flag.slice(1));
    let negated = false;
    if (name !== undefined && !(name in specs) && name.startsWith('no-') && specs[name.slice(3)]?.negatable) {
      name = name.slice(3);
      negated = true;
    }
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) return { ok: false, message: `Unknown option '${flag}'.${didYouMeanSuffix(flag, flagNames(specs))}` };
    let value: string | number | boolean;
    if (spec.type === 'boolean') {
      if (inline !== undefined) return { ok: false, message: `Option '${flag}' takes no value.` };
      value = spec.alias?.value ?? !negated;
    } else {
      const given = inline ?? argv[++i];
      if (given === undefined) return { ok: false, message: `Option '${flag}' needs a value${spec.valueName ? ` (${spec.valueName})` : ''}.` };
      const checked = checkValue(flag, given, spec);
      if (typeof checked === 'object') return checked;
      value = checked;
    }
    const target = spec.alias?.of ?? name;
    const previous = options[target];
    if (spec.repeatable) {
      options[target] = [...(Array.isArray(previous) ? previous : []), String(value)];
      continue;
    }
    const earlier = setBy.get(target);
    if (earlier !== undefined && earlier.name !== name && previous !== value) {
      return { ok: false, message: `Options '${earlier.flag}' and '${flag}' contradict each other; give one.` };
    }
    setBy.set(target, { name, flag });
    options[target] = value;
  }
  return { ok: true, options, positionals };
}

/** Every spelling a user may type, for did-you-mean. */
function flagNames(specs: OptionSpecs): string[] {
  return Object.entries(specs).flatMap(([name, spec]) => [`--${name}`, ...(spec.negatable ? [`--no-${name}`] : []), ...(spec.short ? [`-${spec.short}`] : [])]);
}

function checkValue(flag: string, value: string, spec: OptionSpec): string | number | { ok: false; message: string } {
  if (spec.type === 'size') {
    const size = parseSize(value);
    return size.ok ? size.bytes : { ok: false, message: `Option '${flag}' needs a size: ${size.message}.` };
  }
  if (spec.type === 'number') {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || (spec.min !== undefined && n < spec.min)) {
      const floor = spec.min === undefined ? '' : ` ≥ ${spec.min}`;
      return { ok: false, message: `Option '${flag}' needs an integer${floor}, got '${value}'.` };
    }
    return n;
  }
  if (spec.choices && !spec.choices.includes(value)) {
    return { ok: false, message: `Option '${flag}' must be one of ${spec.choices.join(', ')}; got '${value}'.${didYouMeanSuffix(value, spec.choices)}` };
  }
  return value;
}

/** The options part of a --help text, one aligned line per flag. */
export function formatOptionsHelp(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const value = spec.type === 'boolean' ? '' : ` ${spec.valueName ?? (spec.choices ? spec.choices.join('|') : 'VALUE')}`;
    const flags = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.negatable ? `[no-]${name}` : name}${value}`;
    return [flags, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flags]) => flags.length));
  return rows.map(([flags, text]) => `  ${flags.padEnd(width)}  ${text}`).join('\n');
}
