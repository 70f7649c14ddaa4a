// The fast manifest reader (core/yaml-subset.ts) must give exactly the tree the `yaml` package gives, offsets
// included, on every text it accepts: on-type linting takes its word for it. Texts come from `yaml.stringify` of
// random values in several layouts (block, flow, compact sequences, quoting styles), with comment lines between,
// and from the real configs of test/fixtures and examples/ with random edits (what a hand typing in an editor makes).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { type ItemStream, type SyntaxNode, valueOf } from '../../../src/core/syntax-tree';
import { parseYamlSubset } from '../../../src/core/yaml-subset';
import { parseWithLibrary, parseYaml } from '../../../src/core/yaml-source';
import { MAX_NESTING, tooDeepAt } from '../../../src/core/nesting';

/** Values shaped like manifests: known keys, paths, ids, numbers, the YAML words that resolve to other types. */
const manifestKey = fc.constantFrom('id', 'origin', 'weight', 'files', 'generator', 'a b', 'x:y', 'true', '1', 'ü', 'data_files');
const manifestScalar = fc.oneof(
  fc.constantFrom('human', 'gpt-4o', 'data/*.jsonl', '0.5', 'null', '~', 'yes', '1e3', '0x1F', '', ' x', 'a # b', "it's", '"q"', '- x', ': y'),
  fc.stringMatching(/^[a-z0-9 ._/-]{0,12}$/),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
/** Anything `stringify` can write: every character in keys and strings. */
const anyKey = fc.oneof(manifestKey, fc.string({ maxLength: 6 }));
const anyScalar = fc.oneof(manifestScalar, fc.string({ maxLength: 8 }));

/** `nestedSequences`: a sequence item may itself be a sequence (`- - x`, which the subset leaves to `yaml`). */
function documents(key: fc.Arbitrary<string>, scalar: fc.Arbitrary<unknown>, nestedSequences: boolean): fc.Arbitrary<unknown> {
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('seq'), tie('map')),
    item: nestedSequences ? tie('node') : fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map')),
    seq: fc.array(tie('item'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  }));
  // Manifests are mappings at the top; a few documents are a bare sequence or scalar.
  return fc.oneof({ weight: 8, arbitrary: tree.map }, tree.seq, scalar);
}

/** The YAML configs and manifests of test/fixtures and examples/, as lines. */
const REAL_CONFIGS = ['test/fixtures', 'examples'].flatMap((folder) =>
  (readdirSync(path.join(__dirname, '../../..', folder), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => readFileSync(path.join(__dirname, '../../..', folder, file), 'utf8').split(/\r?\n/)),
);
/** What an edit puts in a line: YAML's indicators and words, escapes, white space and characters outside ASCII. */
const insertion = fc.oneof(
  fc.constantFrom(' ', '  ', '- ', ':', ': ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '?', '~', '&a', '*a', '!', '|', '>', '%', '@', '---', '...'),
  fc.constantFrom('null', '1', '-0', '.5', '0x1F', '0o7', '1e3', '.inf', '-.nan', '<<', '\\', '\\x41', '\\u00e9', '\\/', '\\0', '{a: 1}', '[a, b]', 'a: ', '"a": '),
  fc.constantFrom('\t', '\r', '\uFEFF', '\u00A0', '\u0085', '\u2028', '\x01', '\x7F', '\u00E9', '\u{1F600}', '\uD83D', 'k'.repeat(1030)),
);
/** A window of up to 30 lines of a real config with one to four edits: an insertion, a cut, a line dropped or repeated. */
const editedConfig = fc
  .tuple(
    fc.constantFrom(...REAL_CONFIGS),
    fc.nat(),
    fc.integer({ min: 3, max: 30 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('insert', 'insert', 'cut', 'drop', 'repeat'), insertion), { minLength: 1, maxLength: 4 }),
  )
  .map(([config, from, length, edits]) => {
    const start = from % Math.max(1, config.length - length);
    const lines = config.slice(start, start + length);
    for (const [lineAt, at, kind, text] of edits) {
      const i = lineAt % Math.max(1, lines.length);
      const line = lines[i] ?? '';
      const p = at % (line.length + 1);
      if (kind === 'insert') lines[i] = line.slice(0, p) + text + line.slice(p);
      else if (kind === 'cut') lines[i] = line.slice(0, p) + line.slice(p + 1 + (at % 3));
      else if (kind === 'drop') lines.splice(i, 1);
      else lines.splice(i, 0, line);
    }
    return lines;
  });

const layout = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
  indentSeq: fc.boolean(),
  indent: fc.constantFrom(2, 4),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>,
  lineWidth: fc.constant(0),
});
const commentEvery = fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined });

/** Full-line comments between lines, where the text has no block scalar (whose body a comment line would join). */
function withComments(text: string, every: number | undefined): string {
  if (every === undefined || /[|>][-+]?\d?\s*$/m.test(text)) return text;
  return text
    .split('\n')
    .map((line, i) => (i % every === 0 ? `# note ${i}\n${line}` : line))
    .join('\n');
}

/** Checks agreement on `runs` random documents; returns how many the subset accepted (the rest it leaves to `yaml`). */
function agreeing(docs: fc.Arbitrary<unknown>, runs: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(docs, layout, commentEvery, fc.constantFrom(0, 17), (v, options, every, base) => {
      const text = withComments(stringify(v, options), every);
      const fast = parseYamlSubset(text, base);
      if (fast === undefined) return;
      accepted++;
      const library = parseWithLibrary(text, base);
      assert.deepEqual(library.errors, [], `the library refused a text the subset read:\n${text}`);
      assert.deepEqual(fast ?? undefined, library.root, `trees differ on:\n${text}`);
    }),
    { numRuns: runs },
  );
  return accepted;
}

describe('core/yaml-subset: the fast reader agrees with the yaml package', () => {
  it('gives the identical tree, values and offsets, on manifest-shaped documents, and reads most of them itself', () => {
    const accepted = agreeing(documents(manifestKey, manifestScalar, false), 2000);
    // The property means little if the reader bails on everything. It reads ~40% of these itself (measured 767-809 of
    // 2,000): it leaves to `yaml` flow-style and empty (`{}`) roots, a fifth of the layouts, and bare scalar roots.
    assert.ok(accepted > 600, `the subset read only ${accepted} of 2000 documents`);
  });

  it('gives the identical tree on any document it accepts, whatever characters its keys and strings hold', () => {
    agreeing(documents(anyKey, anyScalar, true), 2000);
  });

  it('gives the identical tree on any edit of a real config it accepts (characters YAML treats specially, removals, repeated lines)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(editedConfig, fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const text = lines.join(newline);
        const fast = parseYamlSubset(text, 0);
        if (fast === undefined) return;
        accepted++;
        const library = parseWithLibrary(text, 0);
        assert.deepEqual({ errors: library.errors, warnings: library.warnings }, { errors: [], warnings: undefined }, `the library refused or warned on a text the subset read:\n${JSON.stringify(text)}`);
        assert.deepEqual(fast ?? undefined, library.root, `trees differ on:\n${JSON.stringify(text)}`);
      }),
      { numRuns: 4000 },
    );
    assert.ok(accepted > 1000, `the subset read only ${accepted} of 4000 edited configs`);
  });

  it('leaves a byte order mark anywhere to yaml, which drops one before the first content line', () => {
    for (const text of ['\uFEFFa: 1\n', '\n\uFEFFa: 1\n', '# note\n\uFEFFa: 1\n', 'a: 1\n\uFEFFb: 2\n', 'a: \uFEFFb\n']) {
      assert.equal(parseYamlSubset(text, 0), undefined, JSON.stringify(text));
    }
    const root = parseYaml('\n\uFEFFa: 1\n', 0).root;
    assert.deepEqual(root?.kind === 'map' ? [root.entries[0]?.key.value, root.entries[0]?.key.start] : undefined, ['a', 2]);
  });

  it('reads a block key of up to 1,024 characters and leaves a longer one to yaml, which refuses it', () => {
    for (const key of ['k'.repeat(1024), `"${'k'.repeat(1022)}"`]) {
      for (const text of [`${key}: 1\n`, `- ${key}: 1\n`, `a: 1\n${key}: 1\n`]) {
        const fast = parseYamlSubset(text, 0);
        assert.notEqual(fast, undefined, `${text.length} characters`);
        assert.deepEqual(fast, parseWithLibrary(text, 0).root);
      }
    }
    for (const key of ['k'.repeat(1025), `"${'k'.repeat(1023)}"`, '\u{1F600}'.repeat(513)]) {
      for (const text of [`${key}: 1\n`, `- ${key}: 1\n`, `a: 1\n${key}: 1\n`]) {
        assert.equal(parseYamlSubset(text, 0), undefined, `${text.length} characters`);
        assert.match(parseYaml(text, 0).errors[0]?.message ?? '', /at most 1024 chars/);
      }
    }
  });

  it('leaves a single-line scalar too long for the expression engine to yaml, which reads it (not "nested too deeply")', () => {
    // ~5 M characters on one line overflow the backtracking stack of the plain-scalar expression (a RangeError): more
    // than the default manifest limit allows, but SYNTHLINT_MAX_MANIFEST_MB may raise it.
    const text = `a: ${'x '.repeat(2_500_000)}z\nb: 1\n`;
    assert.equal(parseYamlSubset(text, 0), undefined);
    const tree = parseYaml(text, 0);
    assert.deepEqual(tree.errors, []);
    const value = tree.root?.kind === 'map' ? tree.root.entries[0]?.value : undefined;
    assert.equal(value?.kind === 'scalar' && typeof value.value === 'string' ? value.value.length : undefined, 5_000_001);
  });

  it('reads \\r\\n line ends as the yaml package does, and leaves a carriage return anywhere else to it', () => {
    for (const text of ['a: 1\r\nb: [x, y]\r\n', 'a:\r\n  - x\r\n  - y', '  \r\na: 1\n']) {
      const fast = parseYamlSubset(text, 0);
      assert.notEqual(fast, undefined, JSON.stringify(text));
      assert.deepEqual(fast, parseWithLibrary(text, 0).root, JSON.stringify(text));
    }
    for (const text of ['a: 1\rb: 2\n', 'a: x\r\r\n', 'a: "x\ry"\n', 'a: 1\n\r  b: 2\n', 'a: 1\r']) assert.equal(parseYamlSubset(text, 0), undefined, JSON.stringify(text));
  });

  it('leaves a tab anywhere to yaml, which reads one beside a scalar as white space', () => {
    const cases = { 'k: \tx\n': 'x', 'k: x\t\n': 'x', 'k: x \t# c\n': 'x', '- \tx\n': 'x', 'k: [\tx]\n': ['x'], 'k: [x\t]\n': ['x'], 'k: [x,\ty]\n': ['x', 'y'] };
    for (const [text, expected] of Object.entries(cases)) {
      assert.equal(parseYamlSubset(text, 0), undefined, JSON.stringify(text));
      const root = parseYaml(text, 0).root;
      const value = root?.kind === 'map' ? root.entries[0]?.value : root?.kind === 'seq' ? root.items[0] : undefined;
      const plain = value?.kind === 'seq' ? value.items.map((i) => (i.kind === 'scalar' ? i.value : undefined)) : value?.kind === 'scalar' ? value.value : undefined;
      assert.deepEqual(plain, expected, JSON.stringify(text));
    }
  });

  it('ends a plain key at its `: ` and a plain value before trailing spaces or a ` #` comment, and leaves a `: ` inside a value to yaml', () => {
    // Hand-written lines `stringify` never writes: where a plain scalar stops is decided by a ` #`, a `: ` or a `:`
    // ending the line, and by nothing else (`a#b`, `a:b`, `hf://x` are one scalar each).
    const read = {
      'k: a b  \n': 'a b',
      'k: a #c\n': 'a',
      'k: a  # c: d\n': 'a',
      'k: a#c\n': 'a#c',
      'k: a:b\n': 'a:b',
      'k: hf://x/y:z\n': 'hf://x/y:z',
      'k: -1:2 \r\n': '-1:2',
      '- a b # c\n': 'a b',
      'a b: x\n': 'a b',
      'a:b: x\n': 'a:b',
      'a#b: x\n': 'a#b',
      'a  :  x\n': 'a',
    };
    for (const [text, expected] of Object.entries(read)) {
      const fast = parseYamlSubset(text, 0);
      assert.notEqual(fast, undefined, JSON.stringify(text));
      assert.deepEqual(fast, parseWithLibrary(text, 0).root, JSON.stringify(text));
      const scalar = fast?.kind === 'seq' ? fast.items[0] : fast?.kind === 'map' ? (text.startsWith('k:') ? fast.entries[0]?.value : fast.entries[0]?.key) : undefined;
      assert.equal(scalar?.kind === 'scalar' ? scalar.value : undefined, expected, JSON.stringify(text));
    }
    for (const text of ['k: a: b\n', 'k: a :\n', 'k: a:\n', 'k: a :b c: d\n', '- a: b: c\n', 'a #b: x\n', 'a # b\n']) assert.equal(parseYamlSubset(text, 0), undefined, JSON.stringify(text));
  });

  it('ends a plain scalar of a flow collection at `,`, a bracket, a brace or a `: `, and leaves a ` #` inside one to yaml', () => {
    const read = {
      'k: [a b , c]\n': ['a b', 'c'],
      'k: [a:b, hf://x/y]\n': ['a:b', 'hf://x/y'],
      'k: [a#b,c]  # note\n': ['a#b', 'c'],
      'k: [ x ,  y z ]\n': ['x', 'y z'],
      'k: {a b: c d, e: f}\n': { 'a b': 'c d', e: 'f' },
      'k: {a:b: c}\n': { 'a:b': 'c' },
    };
    for (const [text, expected] of Object.entries(read)) {
      const fast = parseYamlSubset(text, 0);
      assert.notEqual(fast, undefined, JSON.stringify(text));
      assert.deepEqual(fast, parseWithLibrary(text, 0).root, JSON.stringify(text));
      const value = fast?.kind === 'map' ? fast.entries[0]?.value : undefined;
      const plain = value?.kind === 'seq' ? value.items.map((i) => (i.kind === 'scalar' ? i.value : undefined)) : value?.kind === 'map' ? Object.fromEntries(value.entries.map((e) => [e.key.value, e.value.kind === 'scalar' ? e.value.value : undefined])) : undefined;
      assert.deepEqual(plain, expected, JSON.stringify(text));
    }
    for (const text of ['k: [a #b]\n', 'k: [a , #b]\n', 'k: [a: b]\n', 'k: [a b\n', 'k: {a #: b}\n']) assert.equal(parseYamlSubset(text, 0), undefined, JSON.stringify(text));
  });

  it('reads a text nested to the limit and leaves a deeper one to yaml, whose nesting guard refuses it', () => {
    // Block mappings, a flow list under the document's mapping, and block lists of mappings (`- k:` is two levels).
    const block = (levels: number): string => `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;
    const flow = (levels: number): string => `a: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;
    const lists = (levels: number): string => `${Array.from({ length: levels / 2 }, (_, i) => `${'  '.repeat(i)}- k${i}:`).join('\n')} 1\n`;
    for (const text of [block(MAX_NESTING), flow(MAX_NESTING), lists(MAX_NESTING)]) {
      const fast = parseYamlSubset(text, 0);
      assert.notEqual(fast, undefined, text.slice(0, 40));
      assert.deepEqual(fast, parseWithLibrary(text, 0).root);
    }
    for (const text of [block(MAX_NESTING + 1), flow(MAX_NESTING + 1), lists(MAX_NESTING + 2)]) {
      assert.equal(parseYamlSubset(text, 0), undefined, text.slice(0, 40));
      assert.match(parseYaml(text, 0).errors[0]?.message ?? '', /^Nested deeper than 200 levels/);
    }
  });

  it('reads a text the nesting guard would over-count (brackets in a plain scalar), as the guard runs only before yaml', () => {
    const text = `a: x${'['.repeat(MAX_NESTING + 10)}\nb: 1\n`;
    assert.ok(tooDeepAt(text) >= 0);
    const tree = parseYaml(text, 0);
    assert.deepEqual(tree.errors, []);
    assert.deepEqual(tree.root, parseWithLibrary(text, 0).root);
  });
});

/** A stream that records what it is handed: the items since the last restart, with their indexes, and the restarts. */
function recording(key = 'sources'): ItemStream & { items: SyntaxNode[]; indexes: number[]; restarts: number } {
  return {
    key,
    items: [],
    indexes: [],
    restarts: 0,
    item(node, index) {
      this.items.push(node);
      this.indexes.push(index);
    },
    restart() {
      this.items = [];
      this.indexes = [];
      this.restarts++;
    },
  };
}

/** Manifest-shaped documents with a top-level `sources` list (and `sources` keys deeper down, which never stream). */
const withSources = fc
  .tuple(documents(fc.constantFrom('id', 'files', 'sources', 'origin'), manifestScalar, false), fc.array(documents(manifestKey, manifestScalar, false), { maxLength: 5 }))
  .map(([other, list]) => (other !== null && typeof other === 'object' && !Array.isArray(other) ? { name: 'm', ...other, sources: list } : { sources: list }));

describe('core/yaml-subset: the items of the top-level list stream to their reader as read', () => {
  it('lets an error its reader throws out as thrown: a RangeError there is the reader\'s, not a document nested too deeply', () => {
    for (const text of ['sources:\n  - id: a\n', 'sources:\n  - id: a\n    x: [1, {b: !!binary x}]\n']) {
      const failing = new RangeError('the reader failed');
      const stream: ItemStream = {
        key: 'sources',
        item() {
          throw failing;
        },
        restart() {},
      };
      assert.throws(() => parseYaml(text, 0, stream), (e) => e === failing, text);
    }
  });

  it('hands over every item of the top-level `sources` list once, in order, and keeps none of them in the tree it read', () => {
    let streamed = 0;
    fc.assert(
      fc.property(withSources, layout, commentEvery, fc.constantFrom(0, 17), (v, options, every, base) => {
        const text = withComments(stringify(v, options), every);
        const library = parseWithLibrary(text, base);
        const list = library.root && valueOf(library.root, 'sources');
        const stream = recording();
        const fast = parseYamlSubset(text, base, stream);
        if (fast === undefined) return;
        assert.equal(stream.restarts, 0);
        assert.deepEqual(stream.items, list?.kind === 'seq' ? list.items : [], text);
        assert.deepEqual(stream.indexes, stream.items.map((_, i) => i));
        const kept = fast === null ? undefined : valueOf(fast, 'sources');
        assert.ok(kept?.kind === list?.kind && kept?.start === list?.start && kept?.end === list?.end, text);
        // A block list keeps no items (that is the point); a flow list is read whole, then handed over.
        if (kept?.kind === 'seq' && list?.kind === 'seq' && list.items.length > 0 && text[list.start - (base as number)] === '-') {
          assert.deepEqual(kept.items, [], text);
          streamed++;
        }
      }),
      { numRuns: 1000 },
    );
    assert.ok(streamed > 100, `only ${streamed} documents had a block list to stream`);
  });

  it('starts again when the reader leaves a document to the yaml package after handing over some items', () => {
    const text = 'name: m\nsources:\n  - id: a\n  - id: b\n  - id: c\n    description: |\n      two\n      lines\n  - id: d\n';
    const stream = recording();
    const tree = parseYaml(text, 0, stream);
    assert.deepEqual(tree.errors, []);
    assert.equal(stream.restarts, 1);
    const list = tree.root && valueOf(tree.root, 'sources');
    assert.ok(list?.kind === 'seq' && list.items.length === 4);
    assert.deepEqual(stream.items, list.items);
    assert.deepEqual(stream.indexes, [0, 1, 2, 3]);
  });

  it('hands over nothing when the document does not read, and streams only the key asked for, only at the top', () => {
    const broken = recording();
    assert.equal(parseYaml('sources:\n  - id: a\n  - id: "b\n', 0, broken).root, undefined);
    assert.deepEqual(broken.items, []);
    const text = 'outer:\n  sources:\n    - id: a\nlist:\n  - id: b\n';
    const nested = recording();
    const tree = parseYaml(text, 0, nested);
    assert.deepEqual(nested.items, []);
    const inner = tree.root && valueOf(valueOf(tree.root, 'outer'), 'sources');
    assert.ok(inner?.kind === 'seq' && inner.items.length === 1);
    const other = recording('list');
    parseYaml(text, 0, other);
    assert.deepEqual(
      other.items.map((item) => valueOf(item, 'id')?.start),
      [text.indexOf('id: b') + 'id: '.length],
    );
  });
});
