/**
 * A lint result crosses from the lint thread to the server's thread unchanged (src/server/lint-wire.ts): JSON for
 * the manifest, findings and report when JSON gives them back, the value itself otherwise.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { runLintJob, type LintJobResult } from '../../../src/server/lint-job';
import { packResult, unpackResult } from '../../../src/server/lint-wire';

/** What postMessage does to the packed result on its way (structured clone). */
const acrossThreads = (answer: LintJobResult): LintJobResult => unpackResult(deserialize(serialize(packResult(answer))));

const EXAMPLES = join('examples');
const manifests = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ya?ml|json|md)$/.test(f))
  .map((f) => join(EXAMPLES, f));

describe('server: a lint result across the lint thread boundary', function () {
  this.timeout(60_000);

  it('gives back every example as it was, manifest, findings and report', async () => {
    let withManifest = 0;
    for (const file of manifests) {
      const answer = await runLintJob({ file, kept: new Map(), readRoots: [EXAMPLES], root: dirname(file) }, { report: true });
      assert.deepStrictEqual(acrossThreads(answer), answer, file);
      if (answer.result.manifest) withManifest++;
    }
    assert.ok(withManifest >= 10, `${withManifest} of ${manifests.length} examples are manifests`);
  });

  it('keeps the numbers JSON cannot write (a finding figure of Infinity or NaN)', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    const answer: LintJobResult = {
      result: {
        file: '/m.yaml',
        text: 'name',
        findings: [{ ruleId: 'r', severity: 'info', message: 'm', file: '/m.yaml', range, data: { depth: Infinity, share: NaN } }],
        profiles: new Map(),
      },
      resolvedFiles: new Map([['a', ['/a.jsonl']]]),
    };
    const back = acrossThreads(answer);
    assert.deepStrictEqual(back, answer);
    assert.equal(back.result.findings[0]?.data?.depth, Infinity);
    assert.ok(Number.isNaN(back.result.findings[0]?.data?.share));
  });
});
