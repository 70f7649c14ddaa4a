import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hubEntry } from '../../../src/core/dialects/mixture-ids';
import type { DialectId, Source, WeightKind } from '../../../src/core/manifest';
import { detectDialect, parseManifest } from '../../../src/core/parse';
import { diskRelatedReader, lintFile } from '../../../src/project';
import { ManifestState } from '../../../src/server/manifest-state';
// @ts-expect-error: a plain .mjs script without type declarations
import { hubIds } from '../../../scripts/real-config-hub-ids.mjs';

/**
 * Real training configs, copied unchanged from public repositories (test/fixtures/real-configs/SOURCES.md):
 * each must be recognised as its dialect and read into the sources expected.json lists, which were written by
 * reading the files, not by running synthlint on them.
 */
const FOLDER = path.resolve(__dirname, '../../fixtures/real-configs');

interface ExpectedSource {
  id: string;
  dataset: string;
  hub: boolean;
  weight?: number;
  /** What the file's number means by its format's own code and docs (docs/dialects.md), written by reading it. */
  weightKind?: WeightKind;
  rows?: number;
  role?: 'eval';
  line: number;
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(FOLDER, 'expected.json'), 'utf8')) as Record<string, { dialect: DialectId; sources: ExpectedSource[] }>;

function read(source: Source): Omit<ExpectedSource, 'dataset' | 'hub'> {
  return {
    id: source.id,
    ...(source.weight !== undefined ? { weight: source.weight.value, weightKind: source.weight.kind } : {}),
    ...(source.rows !== undefined ? { rows: source.rows } : {}),
    ...(source.role ? { role: source.role } : {}),
    line: source.ranges.id.start.line,
  };
}

describe('real training configs from public repositories', () => {
  const files = Object.keys(EXPECTED);
  const recognised = new Set<string>();

  it('cover at least 30 files from at least 6 projects', () => {
    assert.ok(files.length >= 30, `${files.length} files`);
    assert.ok(new Set(files.map((f) => f.split('/')[0])).size >= 6);
  });

  for (const relative of files) {
    const expected = EXPECTED[relative];
    if (!expected) continue;
    it(`${relative}: ${expected.dialect}, ${expected.sources.length} source(s)`, () => {
      const file = path.join(FOLDER, relative);
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(detectDialect(file, text), expected.dialect);
      const result = parseManifest(file, text, undefined, diskRelatedReader([FOLDER]));
      assert.deepEqual(result.findings.map((f) => f.message), []);
      const manifest = result.manifest;
      assert.ok(manifest);
      assert.equal(manifest.dialect, expected.dialect);
      assert.deepEqual(
        manifest.sources.map(read),
        expected.sources.map(({ dataset: _d, hub: _h, ...rest }) => rest),
      );
      manifest.sources.forEach((source, i) => {
        const { dataset, hub } = expected.sources[i] ?? { dataset: '', hub: false };
        if (hub) assert.deepEqual(source.files, [hubEntry(dataset)], source.id);
        else assert.ok(source.files.every((f) => f.startsWith(dataset)), `${source.id}: ${source.files.join(', ')}`);
      });
      recognised.add(relative);
    });
  }

  it('recognise every file', () => {
    assert.equal(recognised.size, files.length, `recognised ${recognised.size} of ${files.length}`);
  });

  it('hub-ids.txt lists every hub dataset they name (node scripts/real-config-hub-ids.mjs)', () => {
    const listed = fs.readFileSync(path.join(FOLDER, 'hub-ids.txt'), 'utf8').trim().split('\n');
    assert.deepEqual(listed, hubIds(EXPECTED));
  });
});

describe('a LLaMA-Factory YAML linted as the editor and CLI lint it', () => {
  const yaml = path.join(FOLDER, 'llama-factory/examples/train_lora/llama3_lora_sft.yaml');
  const info = path.join(FOLDER, 'llama-factory/data/dataset_info.json');

  it('names the dataset_info.json it was read with, and the server re-lints it when that file changes', async () => {
    const linted = await lintFile(yaml, { readRoots: [path.join(FOLDER, 'llama-factory')] });
    assert.deepEqual(linted.related, [info]);
    assert.deepEqual(linted.manifest?.sources.map((s) => s.files[0]), ['../../data/identity.json', '../../data/alpaca_en_demo.json']);
    const state = new ManifestState(yaml, `file://${yaml}`);
    state.setResult(linted);
    assert.equal(state.dependsOn(info), true);
    assert.equal(state.dependsOn(path.join(FOLDER, 'llama-factory/data/other.json')), false);
  });

  it('reads no dataset_info.json outside the folders it may read (the YAML\'s own folder by default)', async () => {
    const confined = await lintFile(yaml);
    assert.equal(confined.related, undefined);
    assert.ok(confined.findings.some((f) => f.message.startsWith('No data/dataset_info.json at or above this file')));
  });
});
