import { strict as assert } from 'node:assert';
import { generationDepths } from '../../../src/core/lineage';
import { parseManifest } from '../../../src/core/parse';
import { buildManifest } from './helpers';

describe('generationDepths', () => {
  it('gives human data depth 0 and data generated from it depth 1 (Alpaca from its seed tasks)', () => {
    const { manifest } = buildManifest({
      sources: [
        { id: 'seed', origin: 'human' },
        { id: 'alpaca', origin: 'synthetic', generator: { model: 'text-davinci-003' }, derivedFrom: ['seed'] },
      ],
    });
    const { depths, deepestParent } = generationDepths(manifest);
    assert.equal(depths.get('seed'), 0);
    assert.equal(depths.get('alpaca'), 1);
    assert.equal(deepestParent.get('alpaca'), 'seed');
  });

  it('adds one per synthetic parent along the deepest chain', () => {
    const { manifest } = buildManifest({
      sources: [
        { id: 'h', origin: 'human' },
        { id: 'g1', origin: 'synthetic', derivedFrom: ['h'] },
        { id: 'g2', origin: 'synthetic', derivedFrom: ['h', 'g1'] },
        { id: 'g3', origin: 'mixed', derivedFrom: ['g2'] },
      ],
    });
    const { depths, deepestParent } = generationDepths(manifest);
    assert.deepEqual([...depths.entries()], [['h', 0], ['g1', 1], ['g2', 2], ['g3', 3]]);
    assert.equal(deepestParent.get('g2'), 'g1');
  });

  it('takes a declared generator.generation as stated', () => {
    const { manifest } = buildManifest({ sources: [{ id: 's', origin: 'synthetic', generator: { model: 'm', generation: 4 } }] });
    assert.equal(generationDepths(manifest).depths.get('s'), 4);
  });

  it('treats unknown external parents as human and asks externalDepth about named datasets', () => {
    const { manifest } = buildManifest({
      sources: [
        { id: 'a', origin: 'synthetic', derivedFrom: ['someone/unknown-set'] },
        { id: 'c', origin: 'synthetic', derivedFrom: ['tatsu-lab/alpaca'] },
        { id: 'b', origin: 'synthetic', derivedFrom: ['tatsu-lab/alpaca'] },
      ],
    });
    const { depths } = generationDepths(manifest, (name) => (name === 'tatsu-lab/alpaca' ? 7 : undefined));
    assert.equal(depths.get('a'), 1);
    assert.equal(depths.get('b'), 8);
    // By default the registry of well-known datasets answers: Alpaca is generation 1 (text-davinci-003 from human seeds).
    assert.equal(generationDepths(manifest).depths.get('c'), 2);
  });

  it('puts a registry variant that names no generator at its parent\'s depth, not one below it', () => {
    // Found on LLaMA-Factory's dataset_info.json: glaive_toolcall_en (a cut of Glaive function calling v2, whose
    // entry names no model) was a recursive-generation warning at generation 2; FineTome-100k, a filtered cut
    // of The Tome, likewise. A registry entry that generates from its parent still counts one more.
    const text = 'dataset_mixer:\n  llamafactory/glaive_toolcall_en: 1.0\n  mlabonne/FineTome-100k: 1.0\n  vicgalle/alpaca-gpt4: 1.0\n';
    const manifest = parseManifest('/w/train.yaml', text).manifest!;
    const { depths, deepestParent } = generationDepths(manifest);
    assert.equal(depths.get('llamafactory/glaive_toolcall_en'), 1);
    assert.equal(deepestParent.get('llamafactory/glaive_toolcall_en'), 'glaiveai/glaive-function-calling-v2');
    assert.equal(depths.get('mlabonne/FineTome-100k'), 1);
    assert.equal(depths.get('vicgalle/alpaca-gpt4'), 2);
  });

  it('gives unknown-origin sources without a generator depth 0', () => {
    const { manifest } = buildManifest({ sources: [{ id: 's', origin: 'synthetic' }, { id: 'u', derivedFrom: ['s'] }] });
    assert.equal(generationDepths(manifest).depths.get('u'), 0);
  });

  it('detects cycles, reports each once with its path, and still terminates with finite depths', () => {
    const { manifest } = buildManifest({
      sources: [
        { id: 'b', origin: 'synthetic', derivedFrom: ['a'] },
        { id: 'a', origin: 'synthetic', derivedFrom: ['c'] },
        { id: 'c', origin: 'synthetic', derivedFrom: ['b'] },
        { id: 'self', origin: 'synthetic', derivedFrom: ['self'] },
      ],
    });
    const { cycles, depths } = generationDepths(manifest);
    assert.deepEqual(cycles, [['a', 'c', 'b', 'a'], ['self', 'self']]);
    for (const d of depths.values()) assert.ok(Number.isFinite(d));
  });
});
