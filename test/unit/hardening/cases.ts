import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One hostile or broken input: how to lay it out, how to run the CLI on it, and what the user must see. */
export interface BadCase {
  name: string;
  setup: (dir: string) => void;
  /** CLI arguments (default: `check --no-data .`). */
  args?: string[];
  env?: Record<string, string>;
  /** Allowed exit codes. */
  code: number[];
  /** Each must match the combined output: the file, the line, what is wrong. */
  expect: RegExp[];
  /** Must not appear (a stack trace, a raw escape). */
  never?: RegExp[];
  closeStdoutAfter?: number;
}

const DATA = 'data.jsonl';
const ROOT = path.resolve(__dirname, '../../..');
const write = (dir: string, name: string, content: string | Buffer): void => {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
};
const manifest = (extra = '', files = `[${DATA}]`, id = 'a'): string => `name: t\n${extra}sources:\n  - id: ${id}\n    files: ${files}\n    origin: human\n`;
const withData = (dir: string): void => write(dir, DATA, '{"text": "a human sentence"}\n');
const fifo = (file: string): void => void execFileSync('mkfifo', [file]);
const STACK = /\n\s+at .+\(.+:\d+:\d+\)/;
const check = ['check', '--no-data', '.'];
const checkData = ['check', '.'];

const cases: BadCase[] = [];
const add = (c: BadCase): void => void cases.push({ never: [STACK, /internal error/], ...c });

// Special files where a file is opened.
add({ name: 'FIFO as the manifest named on the command line', setup: (d) => fifo(path.join(d, 'a.dataset.yaml')), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/a\.dataset\.yaml/, /named pipe \(FIFO\), not a regular file/] });
add({ name: 'FIFO manifest found by a folder walk', setup: (d) => fifo(path.join(d, 'x.dataset.yaml')), code: [1], expect: [/x\.dataset\.yaml/, /named pipe/] });
add({ name: 'FIFO as the previous manifest', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('previous: old.dataset.yaml\n')), fifo(path.join(d, 'old.dataset.yaml'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/a\.dataset\.yaml/, /2:11/, /previous manifest "old\.dataset\.yaml" is a named pipe/] });
add({ name: '/dev/zero as the previous manifest', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('previous: zero.dataset.yaml\n')), symlinkSync('/dev/zero', path.join(d, 'zero.dataset.yaml'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/2:11/, /is a device, not a regular file|"zero\.dataset\.yaml" is outside the folders synthlint reads/] });
add({ name: '/dev/zero as the manifest', setup: (d) => symlinkSync('/dev/zero', path.join(d, 'z.dataset.yaml')), args: ['check', '--no-data', 'z.dataset.yaml'], code: [1], expect: [/z\.dataset\.yaml/, /device/] });
add({ name: 'FIFO as the config file', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), fifo(path.join(d, '.synthlint.yaml'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/\.synthlint\.yaml/, /config file is a named pipe/] });
add({ name: '/dev/zero as the config file', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), symlinkSync('/dev/zero', path.join(d, '.synthlint.yaml'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/config file is a device/] });
add({ name: 'a folder as the previous manifest', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('previous: old\n')), mkdirSync(path.join(d, 'old'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/2:11/, /is a folder/] });
add({ name: 'FIFO as a data file', setup: (d) => (write(d, 'a.dataset.yaml', manifest('', '[pipe.jsonl]')), fifo(path.join(d, 'pipe.jsonl'))), args: checkData, code: [0, 1], expect: [/a\.dataset\.yaml/, /not a regular file/] });
add({ name: '/dev/zero as a data file', setup: (d) => (write(d, 'a.dataset.yaml', manifest('', '[zero.jsonl]')), symlinkSync('/dev/zero', path.join(d, 'zero.jsonl'))), args: checkData, code: [0, 1], expect: [/zero\.jsonl: (outside the allowed folders|.*not a regular file)/] });
add({ name: 'FIFO among data files a glob matches', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('', '["*.jsonl"]')), fifo(path.join(d, 'p.jsonl'))), args: checkData, code: [0, 1], expect: [/p\.jsonl/, /not a regular file/] });
add({ name: 'FIFO as a registry file', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), write(d, '.synthlint.yaml', 'registry: team.yaml\n'), fifo(path.join(d, 'team.yaml'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/team\.yaml/, /registry file is a named pipe/] });

// Sizes.
add({ name: 'a 5 MB manifest', setup: (d) => write(d, 'big.dataset.yaml', `name: t\n# ${'x'.repeat(5 * 1024 * 1024)}\nsources: []\n`), code: [1], expect: [/big\.dataset\.yaml/, /5(\.0)? MB, larger than a manifest can be/, /SYNTHLINT_MAX_MANIFEST_MB/] });
add({ name: 'a 5 MB manifest read when the limit is raised', setup: (d) => (withData(d), write(d, 'big.dataset.yaml', `${manifest()}# ${'x'.repeat(5 * 1024 * 1024)}\n`)), env: { SYNTHLINT_MAX_MANIFEST_MB: '8' }, code: [0], expect: [/^$/] });
add({ name: 'a 2 MB config', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), write(d, '.synthlint.yaml', `# ${'x'.repeat(2 * 1024 * 1024)}\n`)), code: [1], expect: [/\.synthlint\.yaml/, /larger than a config file can be/] });
add({ name: 'a 5 MB previous manifest', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('previous: old.dataset.yaml\n')), write(d, 'old.dataset.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`)), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/2:11/, /previous manifest "old\.dataset\.yaml" is 5(\.0)? MB/] });

// Encodings, in YAML and JSON manifests, configs and previous manifests.
for (const ext of ['yaml', 'json']) {
  const body = ext === 'yaml' ? manifest() : `{"name": "t", "sources": [{"id": "a", "files": ["${DATA}"], "origin": "human"}]}\n`;
  const latin = (s: string): Buffer => Buffer.from(s, 'latin1');
  const m = `m.dataset.${ext}`;
  add({ name: `${ext}: Latin-1 manifest`, setup: (d) => (withData(d), write(d, m, latin(body.replace('name": "t', 'name": "café').replace('name: t', 'name: café')))), code: [1], expect: [new RegExp(`m\\.dataset\\.${ext}`), /not valid UTF-8: byte 0xE9 at line 1, column \d+/, /Latin-1/] });
  add({ name: `${ext}: UTF-16 LE with BOM`, setup: (d) => write(d, m, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])), code: [1], expect: [/1:1/, /UTF-16 little-endian/] });
  add({ name: `${ext}: UTF-16 BE with BOM`, setup: (d) => write(d, m, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()])), code: [1], expect: [/UTF-16 big-endian/] });
  add({ name: `${ext}: UTF-32 LE with BOM`, setup: (d) => write(d, m, Buffer.from([0xff, 0xfe, 0, 0, 0x6e, 0, 0, 0])), code: [1], expect: [/UTF-32 little-endian/] });
  add({ name: `${ext}: UTF-16 without BOM`, setup: (d) => write(d, m, Buffer.from(body, 'utf16le')), code: [1], expect: [/NUL byte at line 1, column 2/] });
  add({ name: `${ext}: mixed UTF-8 and Latin-1`, setup: (d) => (withData(d), write(d, m, Buffer.concat([Buffer.from(`${ext === 'yaml' ? '# naïve\n' : ''}`), latin(body.replace('human', 'humän'))]))), code: [1], expect: [/not valid UTF-8: byte 0xE4/, ext === 'yaml' ? /mixes encodings/ : /column/] });
  add({ name: `${ext}: truncated multi-byte sequence at the end`, setup: (d) => write(d, m, Buffer.concat([Buffer.from(body), Buffer.from([0xe2, 0x82])])), code: [1], expect: [/not valid UTF-8: byte 0xE2 at line \d+, column 1/] });
  add({ name: `${ext}: overlong encoding`, setup: (d) => write(d, m, Buffer.concat([Buffer.from(body), Buffer.from([0xc0, 0xaf])])), code: [1], expect: [/byte 0xC0/] });
  add({ name: `${ext}: encoded surrogate`, setup: (d) => write(d, m, Buffer.concat([Buffer.from(body), Buffer.from([0xed, 0xa0, 0x80])])), code: [1], expect: [/byte 0xED/] });
  add({ name: `${ext}: UTF-8 BOM is fine`, setup: (d) => (withData(d), write(d, m, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]))), code: [0], expect: [/^$/] });
}
add({ name: 'Latin-1 on line 5 of a config', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), write(d, '.synthlint.yaml', Buffer.from('rules:\n  synthetic-share: warn\n\n\n# crème\n', 'latin1'))), code: [1], expect: [/\.synthlint\.yaml/, /5:5/, /config file is not valid UTF-8: byte 0xE8 at line 5, column 5/] });
add({ name: 'Latin-1 previous manifest', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('previous: old.dataset.yaml\n')), write(d, 'old.dataset.yaml', Buffer.from('name: é\n', 'latin1'))), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/2:11/, /previous manifest "old\.dataset\.yaml" is not valid UTF-8: byte 0xE9 at line 1, column 7/] });
add({ name: 'binary garbage manifest', setup: (d) => write(d, 'g.dataset.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), code: [1], expect: [/g\.dataset\.yaml/, /NUL byte|not valid UTF-8/] });

// Nesting.
const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
add({ name: 'deep flow sequence in a YAML manifest', setup: (d) => write(d, 'd.dataset.yaml', `name: t\nsources: ${deep(50_000)}\n`), code: [1], expect: [/d\.dataset\.yaml/, /2:\d+/, /Nested deeper than 200 levels/] });
add({ name: 'deep flow mapping in a YAML manifest', setup: (d) => write(d, 'd.dataset.yaml', `name: t\nsources: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`), code: [1], expect: [/Nested deeper than 200 levels/] });
add({ name: 'deep block nesting in a YAML manifest', setup: (d) => write(d, 'd.dataset.yaml', `name: t\nx:\n${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`), code: [1], expect: [/Nested deeper than 200 levels/] });
add({ name: 'deep "- - -" sequences', setup: (d) => write(d, 'd.dataset.yaml', `name: t\nsources:\n  ${'- '.repeat(2000)}x\n`), code: [1], expect: [/Nested deeper than 200 levels/] });
add({ name: 'deep JSON manifest', setup: (d) => write(d, 'd.dataset.json', `{"name": "t", "sources": ${deep(50_000)}}`), code: [1], expect: [/d\.dataset\.json/, /nested deeper than 200 levels/] });
add({ name: 'deep flow YAML config', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), write(d, '.synthlint.yaml', `rules: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`)), code: [1], expect: [/\.synthlint\.yaml/, /1:\d+/, /Nested deeper than 200 levels/] });
add({ name: 'deep JSON config', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), write(d, '.synthlint.json', `{"rules": ${deep(20_000)}}`)), code: [1], expect: [/\.synthlint\.json/, /nested deeper than 200 levels/] });
add({ name: 'deep previous manifest', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest('previous: old.dataset.yaml\n')), write(d, 'old.dataset.yaml', `name: t\nsources: ${deep(20_000)}\n`)), args: ['check', '--no-data', 'a.dataset.yaml'], code: [1], expect: [/2:11/, /could not be parsed/] });
add({ name: 'deep nesting in a dataset card front matter', setup: (d) => write(d, 'README.md', `---\nlanguage_creators: ${deep(20_000)}\n---\n# card\n`), args: ['check', '--no-data', 'README.md'], code: [1], expect: [/README\.md/, /Nested deeper than 200 levels/] });
add({ name: 'brackets inside quoted strings do not count', setup: (d) => (withData(d), write(d, 'q.dataset.yaml', manifest(`description: "${'['.repeat(500)}"\n`))), code: [0], expect: [/^$/] });

// Globs and walks.
const globCase = (name: string, entry: string, expect: RegExp[], setup: (d: string) => void = withData, env: Record<string, string> = {}): void =>
  add({ name, setup: (d) => (setup(d), write(d, 'g.dataset.yaml', manifest('', JSON.stringify([entry])))), env, code: [1], expect: [/g\.dataset\.yaml/, /4:13/, ...expect] });
globCase('brace bomb in a files entry', `data/${'{a,b}'.repeat(20)}.jsonl`, [/braces expand to more than 256 patterns/, /SYNTHLINT_MAX_GLOB_EXPANSIONS/]);
globCase('deep brace nesting', `${'{'.repeat(40)}a${',b}'.repeat(40)}`, [/nests groups deeper than 8 levels/]);
globCase('deep extglob nesting', `${'+(a|'.repeat(30)}b${')'.repeat(30)}`, [/nests groups deeper than 8 levels/]);
globCase('a long ** chain', `${'**/'.repeat(60)}*.jsonl`, [/60 '\*\*' segments/]);
globCase('a 5,000-character pattern', `${'a*'.repeat(2500)}`, [/5000 characters long/]);
globCase('an absolute glob from /', '/**/*.jsonl', [/does not walk the whole filesystem from '\/'/]);
globCase('more matches than allowed', 'many/*.jsonl', [/matches 120 files; only the first 100 are used/], (d) => {
  for (let i = 0; i < 120; i++) write(d, `many/${i}.jsonl`, '{"text":"x"}\n');
}, { SYNTHLINT_MAX_GLOB_MATCHES: '100' });
globCase('a walk over its entry budget', 'tree/**/*.jsonl', [/stopped walking .* after 50 entries/, /SYNTHLINT_MAX_WALK_ENTRIES/], (d) => {
  for (let i = 0; i < 80; i++) write(d, `tree/${i % 8}/${i}.jsonl`, '{"text":"x"}\n');
}, { SYNTHLINT_MAX_WALK_ENTRIES: '50' });
globCase('a walk deeper than allowed', 'deep/**/*.jsonl', [/did not descend below 5 folders/], (d) => write(d, `deep/${Array.from({ length: 12 }, (_, i) => `d${i}`).join('/')}/x.jsonl`, '{"text":"x"}\n'), { SYNTHLINT_MAX_WALK_DEPTH: '5' });
add({ name: 'a symlink loop in a data folder', setup: (d) => (write(d, 'loop/x.jsonl', '{"text":"a"}\n'), symlinkSync('..', path.join(d, 'loop', 'up')), write(d, 'l.dataset.yaml', manifest('', '["loop/**/*.jsonl"]'))), code: [0], expect: [/^$/] });
// Walks stay inside the folders synthlint reads (the working folder, the manifest's, --allow-read).
const outsideDir = (d: string): string => {
  const out = `${d}-outside`;
  write(out, 'x.jsonl', '{"text":"outside"}\n');
  write(out, 'bad.dataset.yaml', 'name: outside\nsources: {}\n');
  return out;
};
const OUTSIDE = /outside the folders synthlint reads/;
globCase('a glob escaping with ..', '../../**/*.jsonl', [OUTSIDE, /--allow-read/]);
globCase('a plain .. folder entry', '..', [OUTSIDE]);
add({ name: 'an absolute glob into another folder', setup: (d) => (withData(d), outsideDir(d), write(d, 'g.dataset.yaml', manifest('', JSON.stringify([`${d}-outside/**/*.jsonl`])))), code: [1], expect: [/g\.dataset\.yaml/, /4:13/, OUTSIDE] });
add({ name: 'a symlinked folder leading outside, in a data glob', setup: (d) => (withData(d), symlinkSync(outsideDir(d), path.join(d, 'escape')), write(d, 'g.dataset.yaml', manifest('', '["**/*.jsonl"]'))), code: [1], expect: [/g\.dataset\.yaml/, /4:13/, /did not follow '.*escape': it leads outside the folders synthlint reads/], never: [/outside\/x\.jsonl/, STACK] });
add({ name: 'a symlinked file leading outside, in a data glob', setup: (d) => (withData(d), symlinkSync(path.join(outsideDir(d), 'x.jsonl'), path.join(d, 'link.jsonl')), write(d, 'g.dataset.yaml', manifest('', '["*.jsonl"]'))), args: checkData, code: [0, 1], expect: [/link\.jsonl: outside the allowed folders/], never: [/"outside"/, STACK] });
add({ name: 'a symlinked manifest leading outside, in manifest discovery', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), symlinkSync(path.join(outsideDir(d), 'bad.dataset.yaml'), path.join(d, 'l.dataset.yaml'))), code: [0], expect: [/warning: did not read '.*l\.dataset\.yaml': it leads outside/], never: [/sources: \{\}|must be a list/, STACK] });
add({ name: 'a symlinked folder leading outside, in manifest discovery', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), symlinkSync(outsideDir(d), path.join(d, 'linked'))), code: [0], expect: [/warning: did not follow '.*linked': it leads outside/], never: [/bad\.dataset\.yaml/, STACK] });
add({ name: 'a glob outside, widened with --allow-read', setup: (d) => (outsideDir(d), write(d, 'g.dataset.yaml', manifest('', JSON.stringify([`../${path.basename(d)}-outside/*.jsonl`])))), args: ['check', '--no-data', '--allow-read', '..', '.'], code: [0], expect: [/^$/] });
add({ name: 'a previous manifest outside the working folder', setup: (d) => (withData(d), outsideDir(d), write(d, 'a.dataset.yaml', manifest(`previous: ../${path.basename(d)}-outside/bad.dataset.yaml\n`))), code: [1], expect: [/a\.dataset\.yaml/, /2:11/, /previous manifest "\.\.\/.*-outside\/bad\.dataset\.yaml" is outside the folders synthlint reads/] });
add({ name: 'a previous manifest outside, widened with --allow-read', setup: (d) => (withData(d), outsideDir(d), write(`${d}-outside`, 'old.dataset.yaml', manifest()), write(d, 'a.dataset.yaml', manifest(`previous: ../${path.basename(d)}-outside/old.dataset.yaml\n`))), args: ['check', '--no-data', '--allow-read', '..', '.'], code: [0], expect: [/^$/] });
add({ name: 'brace bomb in the config manifests globs', setup: (d) => (withData(d), write(d, 'a.dataset.yaml', manifest()), write(d, '.synthlint.yaml', `manifests: ["${'{a,b}'.repeat(20)}"]\n`)), code: [0, 1, 2], expect: [/./] });
add({ name: 'brace bomb on the command line', setup: withData, args: ['check', '--no-data', `${'{a,b}'.repeat(20)}.yaml`], code: [2], expect: [/braces expand to more than 256 patterns/] });
add({ name: 'check from the filesystem root', setup: () => undefined, args: ['check', '--no-data', '/'], code: [2], expect: [/does not walk the whole filesystem/] });

// Decompression and containers.
const bomb = (line: string, mb: number): Buffer => gzipSync(Buffer.from(line.repeat(Math.ceil((mb * 1024 * 1024) / line.length))), { level: 9 });
for (const [ext, line] of [['jsonl', '{"text": "the same again"}\n'], ['txt', 'the same line again\n'], ['csv', '"the same row",1\n']] as const) {
  add({ name: `gzip bomb (${ext}.gz, 200 MB of lines)`, setup: (d) => (write(d, `b.${ext}.gz`, bomb(line, 200)), write(d, 'b.dataset.yaml', manifest('', `[b.${ext}.gz]`))), args: ['profile', `b.${ext}.gz`], code: [0, 1], expect: [new RegExp(`b\\.${ext}\\.gz`), /expands more than 200×/, /decompression bomb/] });
}
add({
  name: 'gzip bomb behind 25 malformed lines, in check',
  setup: (d) => (write(d, 'b.jsonl.gz', gzipSync(Buffer.concat([Buffer.from('not json\n'.repeat(25)), Buffer.from('{"text": "the same again"}\n'.repeat(800_000))]), { level: 9 })), write(d, 'b.dataset.yaml', manifest('', '[b.jsonl.gz]'))),
  args: checkData,
  code: [0, 1],
  expect: [/b\.dataset\.yaml/, /First: .*invalid JSON/, /Stopped at a limit: b\.jsonl\.gz: gzip data expands more than 200×/, /SYNTHLINT_MAX_GZIP_RATIO/],
});
add({
  name: 'Parquet over budget behind a broken JSONL file, in check',
  setup: (d) => (
    write(d, 'a.jsonl', 'not json\n'.repeat(60)),
    copyFileSync(path.join(ROOT, 'test/fixtures/data/alpaca20.parquet'), path.join(d, 'p.parquet')),
    write(d, 'p.dataset.yaml', manifest('', '[a.jsonl, p.parquet]'))
  ),
  env: { SYNTHLINT_MAX_PARQUET_ROW_GROUPS: '0.4' },
  args: checkData,
  code: [0, 1],
  expect: [/First: .*invalid JSON/, /Stopped at a limit: p\.parquet: not a readable Parquet file: it has \d+ row groups/, /SYNTHLINT_MAX_PARQUET_ROW_GROUPS/],
});
add({ name: 'truncated gzip', setup: (d) => (write(d, 't.jsonl.gz', gzipSync('{"text":"a"}\n'.repeat(1000)).subarray(0, 60)), write(d, 't.dataset.yaml', manifest('', '[t.jsonl.gz]'))), args: checkData, code: [0, 1], expect: [/truncated or corrupt/] });
add({ name: 'not gzip at all', setup: (d) => (write(d, 'n.jsonl.gz', 'plain text, not gzip\n'), write(d, 'n.dataset.yaml', manifest('', '[n.jsonl.gz]'))), args: checkData, code: [0, 1], expect: [/n\.jsonl\.gz/] });
add({ name: 'Parquet footer claiming 100 MB of metadata', setup: (d) => (write(d, 'p.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64), Buffer.from([0, 0, 0x40, 0x06]), Buffer.from('PAR1')])), write(d, 'p.dataset.yaml', manifest('', '[p.parquet]'))), args: checkData, code: [0, 1], expect: [/p\.parquet/, /metadata footer is \d+ bytes/, /SYNTHLINT_MAX_PARQUET_FOOTER_MB/] });
add({ name: 'Parquet with more row groups than allowed', setup: (d) => (copyFileSync(path.join(ROOT, 'test/fixtures/data/alpaca20.parquet'), path.join(d, 'p.parquet')), write(d, 'p.dataset.yaml', manifest('', '[p.parquet]'))), env: { SYNTHLINT_MAX_PARQUET_ROW_GROUPS: '0.4' }, args: checkData, code: [0, 1], expect: [/row groups/, /SYNTHLINT_MAX_PARQUET_ROW_GROUPS/] });
add({ name: 'Parquet footer too large for a lowered limit', setup: (d) => (copyFileSync(path.join(ROOT, 'test/fixtures/data/alpaca20.parquet'), path.join(d, 'p.parquet')), write(d, 'p.dataset.yaml', manifest('', '[p.parquet]'))), env: { SYNTHLINT_MAX_PARQUET_FOOTER_MB: '0.0001' }, args: checkData, code: [0, 1], expect: [/metadata footer is \d+ bytes/] });
add({ name: 'garbage named .parquet', setup: (d) => (write(d, 'p.parquet', 'not parquet at all'), write(d, 'p.dataset.yaml', manifest('', '[p.parquet]'))), args: checkData, code: [0, 1], expect: [/not a readable Parquet file/] });

// Terminal output.
const hostile = (id: string) => (d: string) => (withData(d), write(d, 'h.dataset.yaml', `name: t\nsources:\n  - id: ${JSON.stringify(id)}\n    files: [${DATA}]\n    origin: synthetic\n`));
const RAW = /[\u001b\u0007\u009b\u202e\u2066]/;
for (const format of ['stylish', 'json', 'sarif']) {
  add({ name: `${format}: ESC sequence in a source id`, setup: hostile('x\u001b[2J\u001b]0;pwned\u0007'), args: ['check', '--no-data', '-f', format, '.'], code: [0, 1], expect: [/h\.dataset\.yaml/], never: [RAW, STACK] });
  add({ name: `${format}: bidi override in a source id`, setup: hostile('abc\u202edcba\u2066'), args: ['check', '--no-data', '-f', format, '.'], code: [0, 1], expect: [/h\.dataset\.yaml/], never: [RAW, STACK] });
  add({ name: `${format}: C1 CSI in a source id`, setup: hostile('x\u009b31m'), args: ['check', '--no-data', '-f', format, '.'], code: [0, 1], expect: [/h\.dataset\.yaml/], never: [RAW, STACK] });
}
add({ name: 'ESC in a file name', setup: (d) => (withData(d), write(d, 'e\u001b[31m.dataset.yaml', 'name: t\n')), code: [1], expect: [/e\\x1B\[31m\.dataset\.yaml/], never: [RAW, STACK] });
add({ name: 'stdout closed early (| head -1), json', setup: hostile('a'), args: ['check', '--no-data', '-f', 'json', '.'], closeStdoutAfter: 1, code: [0, 1], expect: [/^\[/], never: [/EPIPE/, STACK] });
add({ name: 'stdout closed early (| head -1), stylish', setup: (d) => {
  withData(d);
  for (let i = 0; i < 400; i++) write(d, `m${i}.dataset.yaml`, 'name: t\n');
}, closeStdoutAfter: 1, code: [0, 1], expect: [/./], never: [/EPIPE/, STACK] });

// Other broken manifests.
add({ name: 'empty manifest', setup: (d) => write(d, 'e.dataset.yaml', ''), code: [0, 1], expect: [/e\.dataset\.yaml/] });
add({ name: 'only a BOM', setup: (d) => write(d, 'e.dataset.yaml', Buffer.from([0xef, 0xbb, 0xbf])), code: [0, 1], expect: [/e\.dataset\.yaml/] });
add({ name: 'alias bomb', setup: (d) => write(d, 'a.dataset.yaml', `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\nsources: []\n`), code: [1], expect: [/Too many aliases/] });
add({ name: '__proto__ keys', setup: (d) => (withData(d), write(d, 'p.dataset.yaml', `name: t\n__proto__: {polluted: true}\nsources:\n  - id: a\n    __proto__: x\n    files: [${DATA}]\n    origin: human\n`)), code: [0, 1], expect: [/p\.dataset\.yaml|^$/] });
add({ name: 'wrong types everywhere', setup: (d) => write(d, 'w.dataset.yaml', 'name: [1]\nsources: {a: 1}\n'), code: [1], expect: [/w\.dataset\.yaml/, /\d+:\d+/] });
add({ name: 'lineage cycle', setup: (d) => (withData(d), write(d, 'c.dataset.yaml', `name: t\nsources:\n  - id: a\n    files: [${DATA}]\n    origin: synthetic\n    derived_from: [b]\n  - id: b\n    files: [${DATA}]\n    origin: synthetic\n    derived_from: [a]\n`)), code: [0, 1], expect: [/c\.dataset\.yaml/] });
add({ name: 'one 3 MB line', setup: (d) => write(d, 'l.dataset.yaml', `name: "${'x'.repeat(3 * 1024 * 1024)}"\nsources: []\n`), code: [0, 1], expect: [/l\.dataset\.yaml|^$/] });
add({ name: 'unterminated quote', setup: (d) => write(d, 'u.dataset.yaml', 'name: "t\nsources: []\n'), code: [1], expect: [/u\.dataset\.yaml/, /YAML syntax error/] });
add({ name: 'previous names itself', setup: (d) => (withData(d), write(d, 's.dataset.yaml', manifest('previous: s.dataset.yaml\n'))), code: [1], expect: [/names this manifest itself/] });
add({ name: 'previous that does not exist', setup: (d) => (withData(d), write(d, 's.dataset.yaml', manifest('previous: gone.dataset.yaml\n'))), code: [1], expect: [/Cannot read the previous manifest "gone\.dataset\.yaml": ENOENT/] });
add({ name: 'unreadable manifest (no permission)', setup: (d) => (write(d, 'r.dataset.yaml', 'name: t\n'), execFileSync('chmod', ['000', path.join(d, 'r.dataset.yaml')])), code: [0, 1], expect: [/r\.dataset\.yaml|^$/] });

export const CASES: readonly BadCase[] = cases;
