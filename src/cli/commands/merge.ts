/**
 * `synthlint merge PART... [--format text|json] [-o FILE]`: the profile of a whole file from the partial
 * profiles of its shards (`synthlint profile --shard i/n`), printed as `profile` prints one. The parts may
 * come from many machines and in any order; parts of another source, revision or settings, and missing or
 * repeated shards, are reported with the part and the place in it, and nothing is merged.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { mergePartialProfiles, parsePartialProfile, type NamedPart, type PartProblem } from '../../analyzer/partial-profile';
import { errorReason } from '../../analyzer/open-file';
import { displayPath } from '../../core/paths';
import { formatOptionsHelp, parseArgs, type OptionSpecs } from '../args';
import { type CliIO, usageError, writeAll } from '../io';
import { terminalLine } from '../terminal-text';
import { PROFILE_FORMATS, renderProfile, writeProfileOutput } from './profile';

export const MERGE_OPTIONS: OptionSpecs = {
  format: { type: 'string', short: 'f', choices: PROFILE_FORMATS, valueName: PROFILE_FORMATS.join('|'), description: 'Output format (default: text).' },
  'output-file': { type: 'string', short: 'o', valueName: 'FILE', description: 'Write the profile to FILE instead of stdout, creating its folder.' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export const MERGE_HELP = `Usage: synthlint merge PART... [options]

Merges the partial profiles written by \`synthlint profile FILE --shard i/n -o PART\` (one per shard, from any
machines, in any order) into the profile of the whole file, the same one \`synthlint profile FILE --full\`
prints. Every shard 0..n-1 must be given once, all made by this analyzer revision from the same file with the
same settings (docs/scale-out.md).

Options:
${formatOptionsHelp(MERGE_OPTIONS)}

Exit codes: 0 merged, 1 the parts cannot be read or do not make one whole profile, 2 usage error.
`;

/** `part.json:3:14: message` for a syntax error, `part.json (at /shard/index): message` for a value. */
function formatProblem(p: PartProblem): string {
  const where = p.file === '' ? '' : terminalLine(p.file);
  const position = p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : p.pointer !== undefined ? ` (at ${terminalLine(p.pointer)})` : '';
  return `${where}${position}: ${terminalLine(p.message)}`;
}

/** Reads the part at `file`, naming it `name` (relative to the working folder) in problems. */
async function readPart(file: string, name: string): Promise<{ ok: true; part: NamedPart } | { ok: false; problem: PartProblem }> {
  let text: string;
  try {
    if (!(await stat(file)).isFile()) return { ok: false, problem: { file: name, message: 'not a regular file' } };
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = errorReason(error);
    return { ok: false, problem: { file: name, message: `cannot read: ${reason === 'ENOENT' ? 'no such file' : reason === 'EACCES' ? 'permission denied' : reason}` } };
  }
  const parsed = parsePartialProfile(text, name);
  return parsed.ok ? { ok: true, part: { file: name, part: parsed.part } } : parsed;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, MERGE_OPTIONS);
  if (!parsed.ok) return usageError(io, 'merge', parsed.message);
  const { options, positionals } = parsed;
  if (options.help) {
    await writeAll(io.stdout, MERGE_HELP);
    return 0;
  }
  if (positionals.length === 0) return usageError(io, 'merge', 'Name the partial profiles to merge (the outputs of `synthlint profile FILE --shard i/n`).');

  const parts: NamedPart[] = [];
  const problems: PartProblem[] = [];
  for (const given of positionals) {
    const file = resolve(io.cwd, given);
    const read = await readPart(file, displayPath(file, io.cwd));
    if (read.ok) parts.push(read.part);
    else problems.push(read.problem);
  }
  const merged = problems.length === 0 ? mergePartialProfiles(parts) : undefined;
  if (!merged?.ok) {
    const all = merged ? merged.problems : problems;
    await writeAll(io.stderr, `synthlint merge: nothing merged:\n${all.map((p) => `  ${formatProblem(p)}\n`).join('')}`);
    return 1;
  }
  const outputFile = typeof options['output-file'] === 'string' ? options['output-file'] : undefined;
  return writeProfileOutput(io, 'merge', outputFile, renderProfile(merged.profile, options.format === 'json' ? 'json' : 'text', io, outputFile !== undefined));
}

