import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistryFileKeys } from '../../../src/cli/check-registry';
import type { RegistryFile } from '../../../src/core/provenance/entry';
import { DatasetRegistry, keyedEntries, registryKey } from '../../../src/core/provenance/registry';
import { asciiJson, findInIndex, indexRegistry, indexSize } from '../../../src/core/provenance/registry-index';

const REPO = path.resolve(__dirname, '../../..');
const file = JSON.parse(readFileSync(path.join(REPO, 'src/core/provenance/datasets.json'), 'utf8')) as RegistryFile;
const names = file.entries.flatMap((e) => [e.id, ...(e.aliases ?? [])]);

describe('registry index (the check bundle reads the registry entry by entry)', () => {
  const { text, index } = indexRegistry(file);

  it('writes the registry as ASCII JSON of the same value, and finds each key where its entry lies in that text', () => {
    assert.deepEqual(JSON.parse(text), file);
    assert.equal(text, asciiJson(file));
    assert.match(text, /^[\x00-\x7f]*$/);
    const keyed = keyedEntries(file.entries);
    assert.equal(indexSize(index), keyed.size);
    for (const [key, { entry, matched }] of keyed) {
      const found = findInIndex(index, key);
      assert.ok(found, key);
      assert.deepEqual(JSON.parse(text.slice(found.start, found.end)), entry, key);
      assert.equal(found.matched, matched, key);
    }
  });

  it('finds nothing for a name that is not a key, a part of one, or one spread over two lines', () => {
    for (const name of ['not/in-the-registry', 'openai', 'gsm8', 'ultrachat_200k', '', 'openai/gsm8k\t0', `c4\t${findInIndex(index, 'c4')?.start}`]) {
      assert.equal(findInIndex(index, name), undefined, JSON.stringify(name));
    }
  });

  it('gives the same lookups and depths as the registry read whole', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'synthlint-registry-index-'));
    try {
      const registryFile = path.join(dir, 'datasets.json');
      writeFileSync(registryFile, text, 'latin1');
      const lazy = DatasetRegistry.indexed(new RegistryFileKeys(registryFile, index));
      const whole = DatasetRegistry.of(file.entries);
      for (const name of [...names, ...names.map((n) => `https://huggingface.co/datasets/${n.toUpperCase()}/viewer/x`), 'not/in-the-registry']) {
        assert.deepEqual(lazy.lookup(name), whole.lookup(name), name);
        assert.equal(lazy.depth(name), whole.depth(name), name);
      }
      assert.equal(lazy.size, whole.size);
      // An alias and its entry's id reach the same parsed entry.
      const alias = file.entries.find((e) => (e.aliases ?? []).length > 0 && e.variantOf === undefined);
      assert.ok(alias);
      const byId = new RegistryFileKeys(registryFile, index);
      assert.equal(byId.get(registryKey(alias.aliases?.[0] ?? ''))?.entry, byId.get(registryKey(alias.id))?.entry);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
