/**
 * A lint result crosses from the lint thread to the server's thread unchanged (src/server/lint-wire.ts): JSON for
 * the manifest, findings and report when JSON gives them back, the value itself otherwise.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { runLintJob, type LintJobResult } from '../../../src/server/lint-job';
import { parseManifest } from '../../../src/core/parse';
import { packResult, unpackResult, withPlainRanges } from '../../../src/server/lint-wire';

/** What postMessage does to the packed result on its way (structured clone). */
const acrossThreads = (answer: LintJobResult): LintJobResult => unpackResult(deserialize(serialize(packResult(answer))));

const EXAMPLES = join('examples');
const manifests = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ya?ml|json|md)$/.test(f))
  .map((f) => join(EXAMPLES, f));

describe('server: a lint result across the lint thread boundary', function () {
  this.timeout(60_000);

  // The ranges a lint reads from a manifest are TextRanges (resolved when read); across the boundary they are plain.
  it('gives back every example as it was, manifest, findings and report', async () => {
    let withManifest = 0;
    for (const file of manifests) {
      const answer = await runLintJob({ file, kept: new Map(), readRoots: [EXAMPLES], root: dirname(file) }, { report: true });
      assert.deepStrictEqual(acrossThreads(answer), withPlainRanges(answer), file);
      if (answer.result.manifest) withManifest++;
    }
    assert.ok(withManifest >= 10, `${withManifest} of ${manifests.length} examples are manifests`);
  });

  it('writes out the ranges of a result that goes as the value (its JSON holds null), positions included', () => {
    const text = ['sources:', '  - id: nullable', '    description: a source', '    files: [a.jsonl]', '    origin: nullish', ''].join('\n');
    const parse = parseManifest('/w/m.dataset.yaml', text);
    const answer: LintJobResult = { result: { file: '/w/m.dataset.yaml', text, findings: parse.findings, profiles: new Map(), ...(parse.manifest ? { manifest: parse.manifest } : {}) } };
    const wire = packResult(answer);
    assert.ok('value' in wire.result.findings && wire.result.manifest !== undefined && 'value' in wire.result.manifest, 'the findings and the manifest go as the value');
    const back = acrossThreads(answer);
    assert.deepStrictEqual(back.result.manifest?.sources[0]?.ranges.origin, { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } });
    assert.deepStrictEqual(back.result.findings[0]?.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } });
    assert.deepStrictEqual(back.result.findings[0]?.fixes?.[0]?.edits[0]?.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } });
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
