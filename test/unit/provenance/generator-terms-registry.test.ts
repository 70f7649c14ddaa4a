import * as assert from 'node:assert/strict';
import { effectiveRules } from '../../../src/core/config';
import { lint } from '../../../src/core/lint';
import { parseManifest } from '../../../src/core/parse';

function termsFindings(text: string) {
  const file = '/w/train.yaml';
  const parse = parseManifest(file, text);
  return lint({ file, text, parse, rules: effectiveRules(undefined, file, '/w') }).filter((f) => f.ruleId === 'generator-terms');
}

describe('generator-terms from the provenance registry', () => {
  it('reports every restricted generator of a registry entry on the dataset name, in one finding', () => {
    const findings = termsFindings('dataset_mixer:\n  Open-Orca/OpenOrca: 0.5\n  HuggingFaceFW/fineweb-edu: 0.5\n');
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${String(f.data?.models)}`), ['Open-Orca/OpenOrca gpt-4,gpt-3.5-turbo']);
    assert.equal(findings[0]?.range.start.line, 1);
  });

  it('reports the terms a Data Provenance Collection entry lists when no generator names the vendor', () => {
    // HH-RLHF's responses come from Anthropic's own models, which no generator pattern names: the terms do.
    const findings = termsFindings('dataset_mixer:\n  Anthropic/hh-rlhf: 1.0\n');
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${String(f.data?.vendors)} ${String(f.data?.from)}`), ['Anthropic/hh-rlhf Anthropic terms']);
    assert.match(findings[0]?.message ?? '', /under the Anthropic terms according to its registry entry/);
  });

  it('reports the generators a working set takes from the set it copies (variantOf)', () => {
    // open-instruct's olmoe mix names Tulu 3 Persona Python by its working-set id; the Tulu 3 paper: problems by
    // GPT-4o, programs by Claude 3.5 Sonnet.
    const findings = termsFindings('dataset_mixer:\n  ai2-adapt-dev/personahub_code_v2_34999: 1.0\n');
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${String(f.data?.models)}`), ['ai2-adapt-dev/personahub_code_v2_34999 gpt-4o,claude-3.5-sonnet']);
  });
});
