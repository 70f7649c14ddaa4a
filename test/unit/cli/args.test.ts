import { strict as assert } from 'node:assert';
import { formatOptionsHelp, parseArgs, type OptionSpecs } from '../../../src/cli/args';

const SPECS: OptionSpecs = {
  format: { type: 'string', short: 'f', choices: ['stylish', 'json'], description: 'format' },
  'max-warnings': { type: 'number', min: 0, valueName: 'N', description: 'max' },
  quiet: { type: 'boolean', short: 'q', description: 'quiet' },
  data: { type: 'boolean', negatable: true, description: 'data' },
};

describe('cli/args parseArgs', () => {
  it('reads long, short, inline and separate values and keeps positionals in order', () => {
    const parsed = parseArgs(['a', '--format=json', '-q', '--max-warnings', '3', 'b'], SPECS);
    assert.deepEqual(parsed, { ok: true, options: { format: 'json', quiet: true, 'max-warnings': 3 }, positionals: ['a', 'b'] });
  });

  it('negates a negatable boolean with --no-', () => {
    const parsed = parseArgs(['--no-data'], SPECS);
    assert.ok(parsed.ok);
    assert.equal(parsed.options.data, false);
  });

  it('takes everything after -- as positionals', () => {
    const parsed = parseArgs(['--', '--quiet', '-x'], SPECS);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.positionals, ['--quiet', '-x']);
  });

  it('rejects unknown options, missing and bad values with a message naming the flag', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'/],
      [['-z'], /Unknown option '-z'/],
      [['--no-quiet'], /Unknown option '--no-quiet'/],
      [['--format'], /'--format' needs a value/],
      [['--format', 'xml'], /must be one of stylish, json; got 'xml'/],
      [['--max-warnings', '-1'], /needs an integer ≥ 0, got '-1'/],
      [['--max-warnings=2.5'], /needs an integer/],
      [['--max-warnings='], /needs an integer/],
      [['--quiet=yes'], /takes no value/],
    ];
    for (const [argv, message] of cases) {
      const parsed = parseArgs(argv, SPECS);
      assert.equal(parsed.ok, false, argv.join(' '));
      if (!parsed.ok) assert.match(parsed.message, message);
    }
  });
});

describe('cli/args aliases and did-you-mean', () => {
  const WITH_ALIASES: OptionSpecs = {
    ...SPECS,
    json: { type: 'boolean', alias: { of: 'format', value: 'json' }, description: 'Same as --format json.' },
    out: { type: 'string', short: 'o', description: 'out' },
    output: { type: 'string', alias: { of: 'out' }, description: 'Same as --out.' },
  };

  it('an alias sets the option it stands for', () => {
    assert.deepEqual(parseArgs(['--json'], WITH_ALIASES), { ok: true, options: { format: 'json' }, positionals: [] });
    assert.deepEqual(parseArgs(['--output', 'x'], WITH_ALIASES), { ok: true, options: { out: 'x' }, positionals: [] });
    assert.deepEqual(parseArgs(['--json', '-f', 'json'], WITH_ALIASES), { ok: true, options: { format: 'json' }, positionals: [] });
    assert.deepEqual(parseArgs(['-f', 'stylish', '--format', 'json'], WITH_ALIASES), { ok: true, options: { format: 'json' }, positionals: [] });
  });

  it('an alias and its option with different values contradict each other', () => {
    const parsed = parseArgs(['--json', '--format', 'stylish'], WITH_ALIASES);
    assert.deepEqual(parsed, { ok: false, message: "Options '--json' and '--format' contradict each other; give one." });
    assert.equal(parseArgs(['-o', 'a', '--output', 'b'], WITH_ALIASES).ok, false);
  });

  it('suggests the flag or value meant', () => {
    const message = (argv: string[]) => {
      const parsed = parseArgs(argv, WITH_ALIASES);
      return parsed.ok ? '' : parsed.message;
    };
    assert.equal(message(['--formt', 'json']), "Unknown option '--formt'. Did you mean '--format'?");
    assert.equal(message(['--no-dta']), "Unknown option '--no-dta'. Did you mean '--no-data'?");
    assert.equal(message(['--quite']), "Unknown option '--quite'. Did you mean '--quiet'?");
    assert.equal(message(['-f', 'stylsh']), "Option '-f' must be one of stylish, json; got 'stylsh'. Did you mean 'stylish'?");
    assert.equal(message(['--zzzzzz']), "Unknown option '--zzzzzz'.");
  });
});

describe('cli/args formatOptionsHelp', () => {
  it('lists every flag with its value name and description, aligned', () => {
    const lines = formatOptionsHelp(SPECS).split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? '', /^ {2}-f, --format stylish\|json\s+format$/);
    assert.match(lines[1] ?? '', /--max-warnings N\s+max$/);
    assert.match(lines[3] ?? '', /--\[no-\]data\s+data$/);
    const column = (line: string | undefined) => (line ?? '').search(/\S+$/);
    assert.equal(new Set(lines.map(column)).size, 1);
  });
});
