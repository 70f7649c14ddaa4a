/**
 * The hub datasets named by the real training configs under test/fixtures/real-configs get the origin class
 * their own cards state. origins.json holds, per hub id, the expected class and the card or paper it rests on
 * (`evidence: none` where no card states one: unknown is the right answer there, never a guess), and, where a
 * config's comment beside the entry states an origin (which wins over the registry), the class that comment gives
 * (`comment`, with the card of the dataset it names, or the config where no card was read).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../../../src/core/parse';

const DIR = path.resolve(__dirname, '../../fixtures/real-configs');
interface ExpectedOrigin {
  origin: string;
  evidence: string;
  citation?: string;
  comment?: { origin: string; citation: string };
}
const expected = JSON.parse(readFileSync(path.join(DIR, 'origins.json'), 'utf8')) as Record<string, ExpectedOrigin>;
const hubIds = readFileSync(path.join(DIR, 'hub-ids.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');

function configFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return configFiles(full);
    return /\.(ya?ml|json)$/i.test(name) && !['expected.json', 'origins.json'].includes(name) ? [full] : [];
  });
}

describe('origins of the hub datasets in real training configs', () => {
  it('has an expected class, with the card it rests on, for every hub id the configs name', () => {
    assert.deepEqual(Object.keys(expected).sort(), [...hubIds].sort());
    for (const [id, e] of Object.entries(expected)) {
      if (e.origin !== 'unknown') assert.ok(e.citation?.startsWith('https://') || e.evidence === 'name', `${id} needs a citation`);
      if (e.comment) assert.ok(e.comment.citation.startsWith('https://'), `${id}: the comment's class needs a citation`);
    }
  });

  for (const id of hubIds) {
    it(`classifies ${id}`, () => {
      const parsed = parseManifest('/w/train.yaml', `dataset_mixer:\n  ${JSON.stringify(id)}: 1.0\n`);
      const source = parsed.manifest?.sources[0];
      assert.equal(source?.origin, expected[id]?.origin);
      assert.equal(source?.originEvidence?.kind, expected[id]?.evidence);
    });
  }

  it('gives the same classes where the configs themselves are read', () => {
    let checked = 0;
    for (const file of configFiles(DIR)) {
      const manifest = parseManifest(file, readFileSync(file, 'utf8')).manifest;
      for (const source of manifest?.sources ?? []) {
        const want = source.dataset === undefined ? undefined : expected[source.dataset];
        if (want === undefined) continue;
        const fromComment = source.originEvidence?.kind === 'comment';
        assert.equal(source.origin, fromComment ? want.comment?.origin : want.origin, `${path.relative(DIR, file)}: ${source.dataset}${fromComment ? ' (comment)' : ''}`);
        checked++;
      }
    }
    assert.ok(checked > 0, 'at least one real config names a hub dataset synthlint reads');
  });
});
