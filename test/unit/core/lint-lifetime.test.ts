import { strict as assert } from 'node:assert';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { effectiveRules } from '../../../src/core/config';
import { lint } from '../../../src/core/lint';
import { parseManifest } from '../../../src/core/parse';
import { parseYaml } from '../../../src/core/yaml-source';

type Collect = (options: { type: 'major' | 'minor' }) => void;

/** The collector, callable from a test: `--expose-gc` set now is read by the new context's global `gc`. */
function collector(): Collect {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}

/** Bytes in use in the young generation: after a young collection, what survived it. */
/** Whether `value` is in V8's young generation (a runtime function, behind `--allow-natives-syntax`). */
function youngTest(): (value: object) => boolean {
  setFlagsFromString('--allow-natives-syntax');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the only way to reach a V8 runtime function
  return new Function('value', 'return %InYoungGeneration(value)') as (value: object) => boolean;
}

function youngBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
}

/** A native manifest of `count` sources with the fields every manifest rule reads (and findings for most of them). */
function manifestText(count: number): string {
  const lines = ['name: lifetime', 'sources:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  - id: source-${i}`, `    files: [data/part-${i}.jsonl]`, `    origin: ${i % 3 === 0 ? 'human' : 'synthetic'}`);
    if (i % 3 !== 0) lines.push('    generator:', `      model: gpt-4-${i % 5}`, `    derivedFrom: [source-${i - (i % 3)}]`);
    lines.push(`    rows: ${1000 + i}`, `    weight: 0.001`);
  }
  return `${lines.join('\n')}\n`;
}

describe('lint: what a lint leaves behind', () => {
  const file = '/work/ds/lifetime.dataset.yaml';
  const text = manifestText(400);
  const rules = effectiveRules(undefined, file, '/work/ds');

  // The editor lints on every keystroke. If anything long-lived keeps a reference into the last lint (the rules'
  // context once did, through a getter closure that V8 keeps in a hidden class), the young-generation collector
  // copies it and then promotes it on every collection: pauses of 10-30 ms, and the on-type p95 with them.
  it('keeps nothing of the parse alive once it returns (a young-generation collection frees it all)', () => {
    const gc = collector();
    const runs = (): void => {
      lint({ file, text, parse: parseManifest(file, text), rules });
    };
    // The first lints fill what is kept on purpose (the registry, the reader's interned strings).
    for (let i = 0; i < 20; i++) runs();
    gc({ type: 'major' });
    runs();
    gc({ type: 'minor' });
    const survived = youngBytes();
    // The parse holds about 0.6 MB here; a retained parse survives whole.
    assert.ok(survived < 100_000, `${survived} bytes of the lint survived a young-generation collection`);
  });

  // Objects from an object literal share an allocation site, and V8 allocates them in the old generation once it has
  // seen that site's objects outlive a young collection (which a tree being read does). Dead old nodes then kept
  // each lint's young children alive until a full collection; a constructor's objects are always allocated young.
  it('allocates the syntax tree and the sources young, even once the heap and its young generation have grown', () => {
    const young = youngTest();
    // Long-lived data (as the server holds) makes V8 grow the young generation, which is when it pretenured.
    const held = Array.from({ length: 300_000 }, (_, i) => ({ i, name: `held-${i}` }));
    for (let i = 0; i < 40; i++) lint({ file, text, parse: parseManifest(file, text), rules });
    const tree = parseYaml(text).root;
    const source = parseManifest(file, text).manifest?.sources[200];
    assert.ok(tree?.kind === 'map' && source !== undefined && held.length > 0);
    const entry = tree.entries[0];
    assert.ok(entry !== undefined);
    const fresh = { tree: young(tree), entry: young(entry), key: young(entry.key), source: young(source), ranges: young(source.ranges), itemRanges: young(source.itemRanges) };
    assert.deepEqual(fresh, { tree: true, entry: true, key: true, source: true, ranges: true, itemRanges: true });
  });
});
