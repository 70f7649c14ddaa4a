import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../../src/core/config';
import { at, lintSpec } from '../helpers';

const only = (findings: ReturnType<typeof lintSpec>) => findings.filter((f) => f.ruleId === 'generator-terms');

describe('generator-terms', () => {
  it('notes a generator whose provider restricts training on its output, at the model, quoting the clause', () => {
    const findings = only(
      lintSpec({
        sources: [
          { id: 'alpaca', origin: 'synthetic', generator: { model: 'text-davinci-003' } },
          { id: 'm4', origin: 'synthetic', generator: { model: 'meta-llama/Llama-2-70b-chat-hf' } },
        ],
      }),
    );
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${f.severity} ${at(f.range)} ${String(f.data?.vendors)}`), [
      'alpaca info 5:14 OpenAI',
      'm4 info 9:14 Meta',
    ]);
    assert.equal(
      findings[0]?.message,
      "Generator 'text-davinci-003' of source 'alpaca' is covered by the OpenAI Terms of Use (effective 31 January 2024): \"Use Output to develop models that compete with OpenAI.\". Check that training on this data is allowed for your model.",
    );
  });

  it('passes open-weight generators without such a clause', () => {
    const sources = ['Mixtral-8x7B-Instruct-v0.1', 'gpt-j-6b', 'Llama-3.1-70B-Instruct', 'olmo-2-13b'].map((model, i) => ({
      id: `s${i}`,
      origin: 'synthetic' as const,
      generator: { model },
    }));
    assert.deepEqual(only(lintSpec({ sources })), []);
  });

  it('takes its list from the restricted option', () => {
    const { config } = parseConfig('/work/ds/.synthlint.yaml', 'rules:\n  generator-terms: [warning, { restricted: ["mixtral-*"] }]\n');
    const findings = only(lintSpec({ sources: [{ id: 'a', origin: 'synthetic', generator: { model: 'Mixtral-8x7B' } }, { id: 'b', origin: 'synthetic', generator: { model: 'gpt-4o' } }] }, { config }));
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${f.severity}`), ['a warning']);
    assert.match(findings[0]?.message ?? '', /matches the restricted pattern 'mixtral-\*'/);
  });
});

describe('generator-terms on combined generators and registry terms', () => {
  it('checks every model of a combined generator string, in one finding per source', () => {
    const findings = only(
      lintSpec({
        sources: [
          { id: 'orca', origin: 'synthetic', generator: { model: 'gpt-4 / gpt-3.5-turbo' } },
          { id: 'mix', origin: 'synthetic', generator: { model: 'Mixtral-8x7B, claude-2 and gemini-1.5-pro' } },
          { id: 'hub', origin: 'synthetic', generator: { model: 'meta-llama/Llama-2-70b-chat-hf' } },
        ],
      }),
    );
    // One finding per source: VS Code merges a task's problems that share a range and differ only in message.
    assert.deepEqual(findings.map((f) => `${f.sourceId} ${String(f.data?.models)} ${String(f.data?.vendors)}`), [
      'orca gpt-4,gpt-3.5-turbo OpenAI',
      'mix claude-2,gemini-1.5-pro Anthropic,Google',
      'hub meta-llama/Llama-2-70b-chat-hf Meta',
    ]);
    assert.match(findings[0]?.message ?? '', /^Source 'orca' has restricted generators: 'gpt-4' and 'gpt-3\.5-turbo' are covered by the OpenAI Terms of Use/);
    assert.match(findings[1]?.message ?? '', /'claude-2' is covered by the Anthropic .*; 'gemini-1\.5-pro' is covered by the Gemini API/);
  });
});
