// Benchmark inputs, generated from the real data in ../shared/data and cached under .synthlint-cache/bench/
// (gitignored): a JSONL corpus of alpaca-shaped records resampled to a target size, and a 1,000-source
// *.dataset.yaml for the editor's on-type latency.
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { mulberry32 } from '../../src/analyzer/metrics/hashing';

/** The fields of the shared data the generator reads. */
interface AlpacaRecord {
  instruction: string;
  input: string;
  output: string;
}
interface M4Record {
  prompt: string;
  human_text: string;
  machine_text: string;
}

/** Bump when the generator changes, so stale cached corpora are not reused. */
const CORPUS_VERSION = 1;

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

/** Instructions, inputs and answer sentences of the shared data: Alpaca (synthetic) and M4 (human and llama-2 answers). */
function loadPools(dataDir: string): { instructions: string[]; inputs: string[]; sentences: string[] } {
  const alpaca = JSON.parse(readFileSync(path.join(dataDir, 'instruct', 'alpaca_5000.json'), 'utf8')) as AlpacaRecord[];
  const m4 = ['reddit_llama2.jsonl', 'wikihow_llama2.jsonl'].flatMap((f) => readJsonl<M4Record>(path.join(dataDir, 'm4', f)));
  const instructions = [...alpaca.map((r) => r.instruction), ...m4.map((r) => r.prompt)];
  const inputs = alpaca.map((r) => r.input);
  const answers = [...alpaca.map((r) => r.output), ...m4.flatMap((r) => [r.human_text, r.machine_text])];
  const sentences = answers.flatMap((a) => String(a).split(/(?<=[.!?])\s+/)).filter((s) => s.length > 0);
  return { instructions, inputs, sentences };
}

/**
 * Resamples records: each takes a real instruction and input, and an answer of 1-6 real sentences drawn from
 * all answers. Whole records are not copied, so the corpus is not one file repeated (which would make
 * the duplicate and distinct-n sketches unrealistically cheap), yet its words and phrasing are real.
 */
export async function ensureCorpus({ dataDir, cacheDir, bytes, log }: { dataDir: string; cacheDir: string; bytes: number; log: (line: string) => void }): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `corpus-v${CORPUS_VERSION}-${bytes}.jsonl`);
  if (existsSync(file)) return file;
  log(`generating ${(bytes / 1e6).toFixed(0)} MB corpus ${path.relative(process.cwd(), file)} (cached for later runs)`);
  const { instructions, inputs, sentences } = loadPools(dataDir);
  const next = mulberry32(42);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)] ?? '';
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let written = 0;
  let buffer: string[] = [];
  let buffered = 0;
  while (written < bytes) {
    const count = 1 + Math.floor(next() * 6);
    const output = Array.from({ length: count }, () => pick(sentences)).join(' ');
    const line = `${JSON.stringify({ instruction: pick(instructions), input: next() < 0.4 ? pick(inputs) : '', output })}\n`;
    buffer.push(line);
    buffered += Buffer.byteLength(line);
    written += Buffer.byteLength(line);
    if (buffered >= 1 << 20 || written >= bytes) {
      if (!out.write(buffer.join(''))) await once(out, 'drain');
      buffer = [];
      buffered = 0;
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}

/** Bump when the manifest generator changes, so a stale cached manifest is not reused. */
const MANIFEST_VERSION = 2;

/**
 * Generators as large mixtures name them: hub ids and API model names, several of which the generator-terms
 * list matches (gpt-4*, gpt-3.5*, claude*, gemini*, llama-2*, meta-llama-3-*), several it does not.
 */
const MODELS = [
  'gpt-4o-2024-08-06',
  'gpt-4-turbo',
  'gpt-3.5-turbo-0125',
  'claude-3-5-sonnet-20241022',
  'gemini-1.5-pro-002',
  'meta-llama/Llama-2-70b-chat-hf',
  'meta-llama/Meta-Llama-3-70B-Instruct',
  'meta-llama/Llama-3.1-70B-Instruct',
  'mistralai/Mixtral-8x7B-Instruct-v0.1',
  'Qwen/Qwen2.5-72B-Instruct',
  'deepseek-ai/DeepSeek-V3',
  'allenai/OLMo-2-1124-13B-Instruct',
];
const PROVIDERS: Record<string, string> = { gpt: 'openai', claude: 'anthropic', gemini: 'google' };
/** Outside datasets that derivedFrom names by hub id, most of them in the provenance registry (src/core/provenance/datasets.json). */
const HUB_PARENTS = ['tatsu-lab/alpaca', 'databricks/databricks-dolly-15k', 'OpenAssistant/oasst1', 'HuggingFaceH4/ultrachat_200k', 'acme/support-tickets-2023'];
const LICENSES = ['CC-BY-4.0', 'Apache-2.0', 'MIT', 'CC-BY-SA-4.0', 'cc-by-nc-4.0'];
const DOMAINS = ['chat', 'code', 'math', 'science', 'legal', 'medical', 'finance', 'support', 'news', 'fiction'];
/** Each domain holds this many dataset folders, each with SHARDS files: some thirty sources share a folder. */
const FOLDERS_PER_DOMAIN = 3;
const SHARDS = 4;

/**
 * A native manifest with `count` sources, the shape of a large training mixture: sources grouped in shared
 * data folders and named by globs, single shards, whole folders, a few hub ids and URLs; human, synthetic,
 * mixed and a few undeclared origins; generators from a pool of real model names plus some one-off
 * fine-tunes; derivedFrom chains up to four generations deep and hub parents; rows, tokens (not on every
 * source), weights, licences, descriptions, comments and a suppression. A few entries name missing files.
 */
export function ensureManifest({ cacheDir, count }: { cacheDir: string; count: number }): string {
  const dir = path.join(cacheDir, `manifest-v${MANIFEST_VERSION}-${count}`);
  const file = path.join(dir, 'mixture.dataset.yaml');
  if (existsSync(file)) return file;
  const folders = DOMAINS.flatMap((domain) => Array.from({ length: FOLDERS_PER_DOMAIN }, (_, j) => `data/${domain}/set-${j}`));
  for (const folder of folders) {
    mkdirSync(path.join(dir, folder, 'extra'), { recursive: true });
    for (let k = 0; k < SHARDS; k++) writeFileSync(path.join(dir, folder, `part-${k}.jsonl`), '{"text": "a line"}\n');
    writeFileSync(path.join(dir, folder, 'extra', 'held-out.jsonl.gz'), '');
  }
  const next = mulberry32(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const lines = [
    '# Generated by scripts/bench.mjs for the on-type lint latency.',
    'name: bench-mixture',
    'description: "A synthetic-heavy SFT mixture: every domain has human seed data and generated data derived from it."',
    'sources:',
  ];
  /** Ids of the sources so far with their generation, so derivedFrom builds real chains. */
  const earlier: { id: string; depth: number }[] = [];
  for (let i = 0; i < count; i++) {
    const folder = folders[i % folders.length] ?? 'data';
    const id = `${folder.slice(5).replace(/\//g, '-')}-${i}`;
    const r = next();
    const origin = r < 0.38 ? 'human' : r < 0.9 ? 'synthetic' : r < 0.97 ? 'mixed' : undefined;
    if (i % 50 === 0) lines.push(`  # ${folder}: seed data, then what was generated from it`);
    lines.push(`  - id: ${id}`);
    if (i % 7 === 0) lines.push(`    description: Part ${i} of the ${folder.split('/')[1]} data.`);
    const f = next();
    const files =
      f < 0.45
        ? `[${folder}/part-*.jsonl]`
        : f < 0.7
          ? `[${folder}/part-${i % SHARDS}.jsonl]`
          : f < 0.82
            ? `\n${['      - ' + folder + '/part-0.jsonl', '      - ' + folder + '/extra'].join('\n')}`
            : f < 0.9
              ? `["${folder}/**/*.jsonl*"]`
              : f < 0.95
                ? `["${folder}/part-{0,1}.jsonl"]`
                : f < 0.985
                  ? `[${pick(HUB_PARENTS.slice(0, 4))}]`
                  : `[${folder}/part-${SHARDS + (i % 3)}.jsonl]`;
    lines.push(`    files:${files.startsWith('\n') ? files : ` ${files}`}`);
    if (origin !== undefined) lines.push(`    origin: ${origin}`);
    let depth = 0;
    if (origin === 'synthetic' || origin === 'mixed') {
      const model = next() < 0.06 ? `acme/sft-run-${i}` : pick(MODELS);
      const provider = PROVIDERS[model.split('-')[0] ?? ''];
      const parents: string[] = [];
      const parent = earlier.length > 0 && next() < 0.8 ? earlier[Math.max(0, earlier.length - 1 - Math.floor(next() * 30))] : undefined;
      if (parent !== undefined && parent.depth < 4) parents.push(parent.id);
      if (parents.length === 0 || next() < 0.15) parents.push(pick(HUB_PARENTS));
      depth = 1 + Math.max(0, ...parents.map((p) => earlier.find((e) => e.id === p)?.depth ?? 0));
      if (i % 97 === 0) lines.push('    # synthlint-disable-next-line generator-terms -- cleared by legal, ticket 4211');
      lines.push('    generator:', `      model: ${model}`);
      if (provider !== undefined) lines.push(`      provider: ${provider}`);
      if (next() < 0.3) lines.push(`      generation: ${depth}`);
      lines.push(parents.length === 1 && next() < 0.5 ? `    derivedFrom: [${parents[0]}]` : `    derivedFrom:\n${parents.map((p) => `      - ${p}`).join('\n')}`);
    }
    earlier.push({ id, depth });
    const rows = 500 + Math.floor(next() * 200_000);
    lines.push(`    rows: ${rows}`);
    if (next() < 0.95) lines.push(`    tokens: ${rows * (150 + Math.floor(next() * 400))}`);
    lines.push(`    weight: ${(0.0002 + next() * 0.002).toFixed(4)}`);
    if (next() < 0.9) lines.push(`    license: ${pick(LICENSES)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * An open-instruct `dataset_mixer` with `count` hub datasets, the shape of a large training config: most
 * entries are in the provenance registry (taken in order from src/core/provenance/datasets.json), the rest
 * are names it does not know, so the on-type lint pays for every registry lookup and every name check.
 */
export function ensureMixture({ root, cacheDir, count }: { root: string; cacheDir: string; count: number }): string {
  const registry = JSON.parse(readFileSync(path.join(root, 'src', 'core', 'provenance', 'datasets.json'), 'utf8')) as { entries: { id: string }[] };
  const known = registry.entries.map((e) => e.id);
  const file = path.join(cacheDir, `mixture-${known.length}-${count}`, 'train.yaml');
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const names = Array.from({ length: count }, (_, i) => (i % 4 === 3 || i >= known.length ? `someone/private-set-${i}` : (known[i] as string)));
  writeFileSync(file, `# Generated by scripts/bench.mjs: a training mixture for the on-type lint latency.\ndataset_mixer:\n${names.map((n, i) => `  ${JSON.stringify(n)}: ${((i % 9) + 1) / 10}`).join('\n')}\n`);
  return file;
}

export function fileBytes(file: string): number {
  return statSync(file).size;
}
