/**
 * `synthlint profile FILE [--format text|json] [--text FIELD ...]`: what the analyzer learns from one data file,
 * without a manifest: the schema it detected, every diversity figure (with its 95% interval when the file was
 * sampled), the most common openings, assistant artefacts and the reading problems with their line numbers.
 * For a quick look at a file before writing its manifest entry, and for comparing two files by hand.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { analyzeFiles } from '../../analyzer/analyze';
import { partialProfile, serializePartialProfile } from '../../analyzer/partial-profile';
import { formatOf } from '../../analyzer/readers';
import { parseShardSpec, readShard } from '../../analyzer/shard';
import type { DataIssue, DiversityMetrics, Estimate, Opening, RemoteRead, RowRef, SourceProfile } from '../../core/profile';
import { formatCount, formatNumber, formatPercent, formatProvenance } from '../../report/format';
import { rowLabel } from '../../core/rules/data-figures';
import { proseRecords } from '../../core/rules/format';
import { METRICS, readMetrics } from '../../report/metrics';
import { resolveDataSettings } from '../../core/data-settings';
import { formatSize } from '../../core/size';
import { findConfig } from '../../project/config-lookup';
import { formatOptionsHelp, parseArgs, type OptionSpecs, type OptionValues } from '../args';
import { CACHE_OPTIONS, cacheSettings } from '../cache-options';
import { DATA_SETTING_OPTIONS, dataRequest } from '../data-limits';
import { styles } from '../formatters/ansi';
import { displayPath } from '../../core/paths';
import { alignRows } from '../formatters/stylish';
import { terminalJson, terminalLine } from '../terminal-text';
import { type CliIO, usageError, writeAll, writeOutputFile } from '../io';
import { SILENT_PROGRESS, terminalProgress } from '../progress';
import { REMOTE_OPTIONS, remoteRequest } from '../remote-options';
import { remoteSettings } from '../../analyzer/remote/settings';
import { isRemoteUrl } from '../../analyzer/remote/locate';
import { profileRemoteSource } from '../../analyzer/remote/profile-remote';

export const PROFILE_FORMATS = ['text', 'json'] as const;

export const PROFILE_OPTIONS: OptionSpecs = {
  format: { type: 'string', short: 'f', choices: PROFILE_FORMATS, valueName: PROFILE_FORMATS.join('|'), description: 'Output format (default: text).' },
  'output-file': { type: 'string', short: 'o', valueName: 'FILE', description: 'Write the profile to FILE instead of stdout, creating its folder.' },
  text: {
    type: 'string',
    repeatable: true,
    valueName: 'FIELD',
    description: 'A field to analyse, e.g. output or messages[].content; repeat for more. Default: detected from the schema.',
  },
  ...DATA_SETTING_OPTIONS,
  ...CACHE_OPTIONS,
  ...REMOTE_OPTIONS,
  shard: {
    type: 'string',
    valueName: 'i/n',
    description: 'Profile only shard i of n (0-based, record-aligned byte ranges) and write its partial profile for `synthlint merge`.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export const PROFILE_HELP = `Usage: synthlint profile FILE|URL [options]

Profiles one data file (.jsonl, .json, .csv, .tsv, .txt, .parquet, optionally .gz) the way the data rules see
it: records, detected schema and text fields, diversity figures (compression ratio, n-gram diversity,
self-repetition, distinct-n, duplicates, template openings, assistant artefacts, LLM style words, vocabulary
tail), with a 95% confidence interval when a large file is sampled, and the problems met while reading it.
With --remote, FILE may be an https://, s3:// or hf://datasets/ URL of a Parquet or JSONL file, sampled by
byte ranges within a budget (docs/remote-data.md).

Options:
${formatOptionsHelp(PROFILE_OPTIONS)}

With --shard i/n the output is a partial profile (JSON, every record of the shard read): run all n shards,
on any machines, and \`synthlint merge\` their outputs into the profile of the whole file (docs/scale-out.md).

Exit codes: 0 profiled, 1 the file could not be read, 2 usage error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, PROFILE_OPTIONS);
  if (!parsed.ok) return usageError(io, 'profile', parsed.message);
  const { options, positionals } = parsed;
  if (options.help) {
    await writeAll(io.stdout, PROFILE_HELP);
    return 0;
  }
  const flags = dataRequest(options);
  if (!flags.ok) return usageError(io, 'profile', flags.message);
  const shard = typeof options.shard === 'string' ? parseShardSpec(options.shard) : undefined;
  if (shard && 'error' in shard) return usageError(io, 'profile', `--shard: ${shard.error}`);
  if (shard && options['sample-above'] !== undefined) return usageError(io, 'profile', '--shard reads every record of its shard; leave out --sample-above.');
  if (shard && options.format !== undefined) return usageError(io, 'profile', '--shard writes a partial profile (JSON for `synthlint merge`); leave out --format.');
  if (positionals.length !== 1) return usageError(io, 'profile', positionals.length === 0 ? 'Name one data file.' : 'Name only one data file.');
  const given = positionals[0] ?? '';
  const fields = Array.isArray(options.text) ? options.text : undefined;
  if (isRemoteUrl(given)) return profileRemote(given, fields, options, io);
  const file = resolve(io.cwd, given);
  const unreadable = await whyUnreadable(file);
  if (unreadable) {
    await writeAll(io.stderr, `synthlint profile: cannot read '${terminalLine(given)}': ${unreadable}.\n`);
    return 1;
  }

  // The `data:` of the config governing the file's folder, as for a manifest there; the flags win.
  const data = resolveDataSettings(findConfig(file).config?.data, flags.request);
  const label = displayPath(file, io.cwd);
  const outputFile = typeof options['output-file'] === 'string' ? options['output-file'] : undefined;
  if (shard) {
    // A shard reads all of its range (the shards together are the whole file); `exact` still sets the budgets.
    const read = await readShard([file], shard, { exact: data.exact, ...(fields ? { text: fields } : {}) });
    return writeProfileOutput(io, 'profile', outputFile, serializePartialProfile(partialProfile(label, shard, read, fields)));
  }
  const progress = io.stderrIsTTY ? terminalProgress(io.stderr) : SILENT_PROGRESS;
  progress.start(label);
  const profile = await analyzeFiles(label, [file], { ...data, ...cacheSettings(options, io), onProgress: (event) => progress.update(event), ...(fields ? { text: fields } : {}) });
  progress.done();
  return writeProfile(profile, options, io);
}

/** A remote file, sampled by byte ranges; only with --remote. Exit 1 when not one object could be opened. */
async function profileRemote(url: string, fields: string[] | undefined, options: OptionValues, io: CliIO): Promise<number> {
  // Naming a URL is not enough: fetching from the network is asked for in so many words.
  const request = remoteRequest(options);
  if (request?.enabled !== true) return usageError(io, 'profile', `'${terminalLine(url)}' is remote; add --remote to sample it over the network.`);
  const profile = await profileRemoteSource({ sourceId: url, entries: [url], ...(fields ? { text: fields } : {}) }, remoteSettings(process.env, request), cacheSettings(options, io));
  if (profile.files.length === 0) {
    const why = profile.issues.map((i) => i.message).join('; ') || 'nothing to read';
    await writeAll(io.stderr, `synthlint profile: cannot read '${terminalLine(url)}': ${terminalLine(why)}.\n`);
    return 1;
  }
  return writeProfile(profile, options, io);
}

/** Prints the profile, or writes it to -o FILE, in the --format asked for. */
function writeProfile(profile: SourceProfile, options: OptionValues, io: CliIO): Promise<number> {
  const outputFile = typeof options['output-file'] === 'string' ? options['output-file'] : undefined;
  return writeProfileOutput(io, 'profile', outputFile, renderProfile(profile, options.format === 'json' ? 'json' : 'text', io, outputFile !== undefined));
}

/** A profile as `profile` and `merge` print it: JSON, or the terminal page (in colour only on a terminal). */
export function renderProfile(profile: SourceProfile, format: (typeof PROFILE_FORMATS)[number], io: CliIO, toFile: boolean): string {
  if (format === 'json') return `${terminalJson(JSON.stringify(profile, null, 2))}\n`;
  return formatProfile(profile, { cwd: io.cwd, color: !toFile && (io.color ?? io.isTTY) });
}

/** Writes a command's output to stdout, or to `-o FILE` (relative to the working folder); 2 when that fails. */
export async function writeProfileOutput(io: CliIO, command: string, outputFile: string | undefined, output: string): Promise<number> {
  if (outputFile === undefined) {
    await writeAll(io.stdout, output);
    return 0;
  }
  try {
    await writeOutputFile(resolve(io.cwd, outputFile), output);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return usageError(io, command, `Cannot write '${terminalLine(outputFile)}': ${reason}`);
  }
  return 0;
}

/** Why the analyzer could not read the file at all, or undefined when it can try. */
async function whyUnreadable(file: string): Promise<string | undefined> {
  try {
    if (!(await stat(file)).isFile()) return 'not a regular file';
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
  }
  if (!formatOf(file)) return 'unknown data format (expected .jsonl, .json, .csv, .tsv, .txt, .parquet, optionally .gz)';
  return undefined;
}

/** Figures the report does not show but a profile should: the second halves of the pairs it shows. */
const EXTRA_METRICS: readonly { label: string; digits: number; read: (m: DiversityMetrics) => Estimate | undefined; note: string; figure: string }[] = [
  { label: 'Bigram entropy', digits: 2, read: (m) => m.entropy2, note: 'bits; lower = less diverse', figure: 'entropy2' },
  { label: 'Template openings (5)', digits: 3, read: (m) => m.templateOpenings.share5, note: 'share of records opening with a common 5-word start', figure: 'templateOpenings' },
  { label: 'Zipf slope', digits: 2, read: (m) => m.vocabularyTail.zipfSlope, note: 'log-log slope of word frequency by rank', figure: 'vocabularyTail' },
];

export interface ProfileTextContext {
  cwd: string;
  color: boolean;
}

/** The profile as a terminal page: overview, metrics table, openings, artefacts, duplicates, issues. */
export function formatProfile(profile: SourceProfile, context: ProfileTextContext): string {
  const s = styles(context.color);
  const where = (row: RowRef | DataIssue): string => rowLabel(row, terminalLine(displayPath(row.file, context.cwd)));
  const out: string[] = [s.bold(terminalLine(profile.sourceId)), ''];

  const bytes = profile.files.reduce((a, f) => a + f.bytes, 0);
  const malformed = profile.files.reduce((a, f) => a + f.malformed, 0);
  const formats = [...new Set(profile.files.map((f) => f.format))].join(', ');
  const overview: [string, string][] = [
    ['File', `${formats}, ${formatSize(bytes)}`],
    ['Records', `${formatCount(profile.records)}${withoutText(profile)}${malformed > 0 ? s.red(` (${formatCount(malformed)} malformed, skipped)`) : ''}`],
    ['Schema', profile.textFields.length > 0 ? `${profile.schema} (${terminalLine(profile.textFields.join(', '))})` : profile.schema],
    ['Text', `${formatCount(profile.words)} words, ${formatCount(profile.chars)} characters, ~${formatCount(profile.tokensEstimate)} tokens`],
  ];
  if (profile.fromCache) {
    const unchanged = profile.remote ? 'every object states the same version (ETag or content id) as when it was sampled' : 'the file is unchanged';
    overview.push(['Cache', `profile reused from the cache: ${unchanged} (--no-cache profiles it afresh)`]);
  }
  if (profile.sample) {
    overview.push(['Sampled', `${formatCount(profile.sample.size)} of ~${formatCount(profile.sample.population)} records; figures carry a 95% interval`]);
  }
  if (profile.remote) overview.push([profile.fromCache ? 'Sampled from' : 'Fetched', remoteSummary(profile.remote)]);
  out.push(...alignRows(overview.map(([k, v]) => [s.dim(k), v])), '');

  // A profile of no records has no figures: every one shows as "—".
  const { metrics } = profile;
  const values = readMetrics(metrics);
  const estimated = new Set(metrics?.estimated ?? []);
  // `estimated` names the profile's figures; the hapax share is part of the vocabulary tail.
  const sketched = (figure: string): string => (estimated.has(figure) ? ', sketch estimate' : '');
  const rows: string[][] = METRICS.map((info) => [
    info.label,
    formatEstimate(values[info.key], info.digits),
    s.dim(`${info.worseWhen} = worse${sketched(info.key === 'hapaxShare' ? 'vocabularyTail' : info.key)}`),
  ]);
  for (const extra of EXTRA_METRICS) rows.push([extra.label, formatEstimate(metrics && extra.read(metrics), extra.digits), s.dim(`${extra.note}${sketched(extra.figure)}`)]);
  out.push(s.bold('Diversity'), ...alignRows(rows), '');

  const { top3, top5 } = metrics?.templateOpenings ?? { top3: [], top5: [] };
  if (top3.length > 0 || top5.length > 0) {
    out.push(s.bold('Top openings'));
    out.push(...alignRows([...openingRows(top3, profile.records, 3), ...openingRows(top5, profile.records, 5)]), '');
  }

  const artifacts = metrics?.assistantArtifacts;
  out.push(`${s.bold('Assistant artefacts')}  ${formatPercent(artifacts?.rate.value)} of records`);
  out.push(...alignRows((artifacts?.examples ?? []).map((e) => [s.dim(where(e.row)), terminalLine(JSON.stringify(e.phrase))])), '');

  const reads = profile.provenance;
  if (reads) {
    out.push(`${s.bold('Reads as')}  ${formatProvenance(reads)}${reads.verdict === 'insufficient' ? '' : ` (provenance score of ${proseRecords(reads)}, 95% interval)`}`);
    out.push(`  records that read machine-written one by one: ${formatEstimate(reads.recordRate, 2)}`);
    out.push(...alignRows(reads.machineLike.map((m) => [s.dim(where(m.row)), formatNumber(m.score, 2), JSON.stringify(m.text.slice(0, 80))])), '');
  }

  const style = metrics?.excessVocabulary;
  if (style && style.top.length > 0) {
    out.push(`${s.bold('LLM style words')}  ${formatNumber(style.per1000?.value, 2)} per 1,000 words: ${style.top.map((w) => `${terminalLine(w.text)} (${formatCount(w.count)})`).join(', ')}`, '');
  }

  if (profile.nearDuplicatePairs.length > 0) {
    out.push(s.bold('Near-duplicate pairs'));
    out.push(...alignRows(profile.nearDuplicatePairs.map((p) => [s.dim(`${where(p.a)} ~ ${where(p.b)}`), `Jaccard ${formatNumber(p.jaccard, 2)}`])), '');
  }

  if (profile.issues.length === 0) {
    out.push(s.green('No problems reading the data.'));
  } else {
    out.push(s.bold(`Issues (${profile.issues.length})`));
    out.push(...alignRows(profile.issues.map((i) => [s.dim(where(i)), s.yellow(terminalLine(i.message))])));
  }
  return `${out.join('\n')}\n`;
}

/** What a remote profile rests on: bytes, requests, and the units read of those there are. */
export function remoteSummary(remote: RemoteRead): string {
  const units = [
    remote.rowGroupsTotal > 0 ? `${formatCount(remote.rowGroupsRead)} of ${formatCount(remote.rowGroupsTotal)} row groups` : '',
    remote.rangesTotal > 0 ? `${formatCount(remote.rangesRead)} of ${formatCount(remote.rangesTotal)} byte ranges` : '',
    remote.objectsTotal > 1 ? `${formatCount(remote.objectsRead)} of ${formatCount(remote.objectsTotal)} files opened` : '',
  ].filter(Boolean);
  const share = remote.bytesTotal > 0 ? ` (${formatPercent(remote.bytesRead / remote.bytesTotal)})` : '';
  return `${formatSize(remote.bytesRead)} of ${formatSize(remote.bytesTotal)}${share} in ${formatCount(remote.requests)} requests${units.length ? `: ${units.join(', ')}` : ''}${remote.complete ? '; every record read' : ''}`;
}

/**
 * ", with text, of 100 read" when records were read that hold no text it measures (a schema nobody named, empty
 * fields): "Records 0" alone read as an empty file. A sampled profile's records are a population estimate, not
 * comparable with the records read.
 */
function withoutText(profile: SourceProfile): string {
  const read = profile.files.reduce((a, f) => a + f.records, 0);
  return profile.sample === undefined && read > profile.records ? ` with text, of ${formatCount(read)} read` : '';
}

function formatEstimate(estimate: Estimate | undefined, digits: number): string {
  if (!estimate) return '—';
  const value = formatNumber(estimate.value, digits);
  if (!estimate.ci95) return value;
  return `${value}  [${formatNumber(estimate.ci95[0], digits)}, ${formatNumber(estimate.ci95[1], digits)}]`;
}

function openingRows(openings: readonly Opening[], records: number, words: number): string[][] {
  return openings.slice(0, 5).map((o) => [`${words} words`, formatPercent(records > 0 ? o.count / records : undefined), `${terminalLine(JSON.stringify(o.text))} (${formatCount(o.count)})`]);
}

