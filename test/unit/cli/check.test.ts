import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { version } from '../../../package.json';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { RULE_DOCS_BASE_URL } from '../../../src/core/rules/docs-url';
import { ROOT, buildCli, runCli, type CliRun } from './built-cli';
import { sarifProblems } from './sarif-shape';

/** A finding as a CI user reads it, whichever format printed it: path relative to the repository, 1-based position. */
interface Seen {
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
  ruleId: string;
}

const key = (f: Seen): string => `${f.file} ${f.line}:${f.column} ${f.ruleId}`;
const byKey = (a: Seen, b: Seen): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function fromJson(stdout: string): Seen[] {
  const results = JSON.parse(stdout) as JsonFileResult[];
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: path.relative(ROOT, r.filePath),
      line: m.line,
      column: m.column,
      level: m.level,
      message: m.message.replace(/\s*\n\s*/g, ' '),
      ruleId: m.ruleId,
    })),
  );
}

const ROW = /^ {2}(\d+):(\d+) +(error|warning|info) {2,}(.+?) {2,}([a-z][a-z-]*)$/;

/** The rows of stylish output under their file headers; a line that is neither fails the test. */
function fromStylish(stdout: string): Seen[] {
  const seen: Seen[] = [];
  let file: string | undefined;
  for (const line of stdout.slice(0, stdout.indexOf('\n✖')).split('\n')) {
    const row = ROW.exec(line);
    if (row) {
      assert.ok(file, `row before any file header: ${line}`);
      const [, l, c, level = '', message = '', ruleId = ''] = row;
      seen.push({ file, line: Number(l), column: Number(c), level, message, ruleId });
    } else if (line !== '') {
      assert.ok(!line.startsWith(' '), `not a finding row: ${JSON.stringify(line)}`);
      file = line;
    }
  }
  return seen;
}

const DATA_RULES = ['assistant-artifacts', 'low-diversity', 'template-collapse', 'vocabulary-tail-loss', 'row-count-mismatch', 'unreadable-data'];

describe('cli check (built dist/cli.js) on examples/', function () {
  this.timeout(60_000);
  let tmp: string;
  let stylish: CliRun;
  let json: CliRun;
  let stylishMs: number;

  before(() => {
    buildCli();
    tmp = mkdtempSync(path.join(tmpdir(), 'synthlint-check-'));
    const started = Date.now();
    stylish = runCli(['check', 'examples']);
    stylishMs = Date.now() - started;
    json = runCli(['check', 'examples', '--format', 'json']);
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe('stylish output', () => {
    it('lists every finding of the JSON output as `line:col  severity  message  rule-id` under its file', () => {
      assert.equal(stylish.stderr, '');
      const rows = fromStylish(stylish.stdout);
      assert.deepEqual([...rows].sort(byKey), fromJson(json.stdout).sort(byKey));
      assert.ok(
        rows.some((r) => key(r) === "examples/broken/typo.dataset.yaml 6:5 manifest-invalid" && r.level === 'error' && r.message === "Unknown key 'orign' in source 'notes'. Did you mean 'origin'?"),
        stylish.stdout,
      );
      assert.ok(rows.some((r) => key(r) === 'examples/hf-card/README.md 22:11 source-missing' && r.level === 'error'), stylish.stdout);
    });

    it('aligns the columns of each file and keeps the files in path order', () => {
      const blocks = stylish.stdout.slice(0, stylish.stdout.indexOf('\n✖')).split('\n\n').filter((b) => b.trim() !== '');
      const headers = blocks.map((b) => b.replace(/^\n+/, '').split('\n')[0]);
      assert.deepEqual(headers, [
        'examples/axolotl/axolotl.yaml',
        'examples/broken/typo.dataset.yaml',
        'examples/chat-v2/chat.dataset.yaml',
        'examples/croissant/croissant.json',
        'examples/hf-card/README.md',
        'examples/llama-factory/data/dataset_info.json',
        'examples/llama-factory/lora_sft.yaml',
        'examples/llm-foundry/pretrain.yaml',
        'examples/mixer/tulu_mixer.yaml',
        'examples/nemo-rl/sft.yaml',
        'examples/nemo/gpt_pretrain.yaml',
        'examples/torchtune/lora_single_device.yaml',
        'examples/trl/config_sft.yaml',
      ]);
      for (const block of blocks) {
        const rows = block.replace(/^\n+/, '').split('\n').slice(1).filter((r) => r !== '');
        const severityAt = new Set(rows.map((r) => r.search(/ (error|warning|info) /)));
        assert.equal(severityAt.size, 1, block);
      }
    });

    it('ends with the summary counted by severity and one docs link per rule that fired, each to a docs page that exists', () => {
      const rows = fromStylish(stylish.stdout);
      const count = (level: string) => rows.filter((r) => r.level === level).length;
      assert.ok(count('error') > 0 && count('warning') > 0 && count('info') > 0, stylish.stdout);
      const summary = `✖ ${rows.length} problems (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)`;
      const tail = stylish.stdout.slice(stylish.stdout.indexOf('\n✖') + 1).split('\n');
      assert.equal(tail[0], summary);
      assert.deepEqual(tail.slice(1, 3), ['', 'Rule docs:']);
      const fired = [...new Set(rows.map((r) => r.ruleId))].sort();
      const links = tail.slice(3).filter((l) => l !== '');
      assert.deepEqual(
        links.map((l) => l.trim().split(/ +/)),
        fired.map((id) => [id, `${RULE_DOCS_BASE_URL}${id}.md`]),
      );
      for (const id of fired) assert.ok(existsSync(path.join(ROOT, 'docs/rules', `${id}.md`)), `no docs/rules/${id}.md`);
    });

    it('writes no colour to a pipe; FORCE_COLOR adds colour and nothing else', () => {
      assert.doesNotMatch(stylish.stdout, /\x1b\[/);
      const forced = runCli(['check', 'examples'], { env: { FORCE_COLOR: '1' } });
      assert.match(forced.stdout, /\x1b\[31merror\x1b\[/);
      assert.equal(forced.stdout.replace(/\x1b\[[0-9;]*m/g, ''), stylish.stdout);
    });

    it('runs the data rules on examples/ within seconds, and --no-data leaves only the manifest rules', () => {
      // Measured at ~0.5 s on 2 cores; the bound leaves room for a loaded machine, not for a hung worker pool.
      assert.ok(stylishMs < 15_000, `check examples took ${stylishMs} ms`);
      const withData = fromStylish(stylish.stdout);
      // Its sources hold 32-36 records: under the 50 that low-diversity and vocabulary-tail-loss need to judge.
      for (const id of ['assistant-artifacts', 'template-collapse', 'row-count-mismatch']) {
        assert.ok(withData.some((r) => r.file === 'examples/chat-v2/chat.dataset.yaml' && r.ruleId === id), `no ${id} on chat-v2:\n${stylish.stdout}`);
      }
      const noData = runCli(['check', 'examples', '--no-data']);
      assert.equal(noData.code, 1);
      const manifestOnly = fromStylish(noData.stdout);
      assert.deepEqual(manifestOnly.filter((r) => DATA_RULES.includes(r.ruleId)), []);
      const manifestRulesWithData = withData.filter((r) => !DATA_RULES.includes(r.ruleId) && r.ruleId !== 'synthetic-share');
      assert.deepEqual(manifestOnly.filter((r) => r.ruleId !== 'synthetic-share').sort(byKey), manifestRulesWithData.sort(byKey));
    });
  });

  describe('exit codes', () => {
    it('exits 1 on examples/, which has errors', () => {
      assert.equal(stylish.code, 1);
      assert.equal(json.code, 1);
    });

    it('exits 0 and prints nothing on examples/clean, with and without the data rules', () => {
      for (const args of [['check', 'examples/clean'], ['check', 'examples/clean', '--no-data']]) {
        const run = runCli(args);
        assert.deepEqual(run, { code: 0, stdout: '', stderr: '' }, args.join(' '));
      }
      const [clean] = JSON.parse(runCli(['check', 'examples/clean', '-f', 'json']).stdout) as JsonFileResult[];
      assert.equal(clean?.filePath, path.join(ROOT, 'examples/clean/support.dataset.yaml'));
      assert.deepEqual(clean?.messages, []);
    });

    it('exits 2 with a pointer to --help on usage errors, printing no findings', () => {
      const cases = [
        ['check', 'examples', '--bogus'],
        ['check', 'examples', '--format', 'xml'],
        ['check', 'examples', '-f'],
        ['check', 'examples', '--max-warnings', '-1'],
        ['check', 'examples', '--max-warnings', 'many'],
        ['check', 'examples', '--config', 'no/such/.synthlint.yaml'],
        ['check', 'examples/no-such-folder'],
        ['check', 'examples/archive'],
      ];
      for (const args of cases) {
        const run = runCli(args);
        assert.equal(run.code, 2, args.join(' '));
        assert.equal(run.stdout, '', args.join(' '));
        assert.match(run.stderr, /^synthlint check: .+\nRun 'synthlint check --help' for usage\.\n$/, args.join(' '));
      }
      assert.match(runCli(['check', '--format', 'xml']).stderr, /must be one of stylish, json, sarif, github, junit; got 'xml'/);
      assert.equal(runCli(['chek']).code, 2);
    });

    it('--max-warnings N fails a folder with warnings only once there are more than N', () => {
      const warnings = fromJson(runCli(['check', 'examples/chat-v2', '-f', 'json']).stdout);
      assert.ok(warnings.length > 0 && warnings.every((f) => f.level === 'warning'), JSON.stringify(warnings));
      assert.equal(runCli(['check', 'examples/chat-v2']).code, 0);
      const over = runCli(['check', 'examples/chat-v2', '--max-warnings', String(warnings.length - 1)]);
      assert.equal(over.code, 1);
      assert.equal(over.stderr, `synthlint found too many warnings (maximum: ${warnings.length - 1}).\n`);
      assert.equal(runCli(['check', 'examples/chat-v2', '--max-warnings', String(warnings.length)]).code, 0);
      assert.equal(runCli(['check', 'examples/chat-v2', '--max-warnings', '0', '--no-data']).code, 1);
    });

    it('--quiet prints the errors only, and nothing for a folder without errors', () => {
      const quiet = runCli(['check', 'examples', '--quiet']);
      assert.equal(quiet.code, 1);
      const errors = fromStylish(stylish.stdout).filter((r) => r.level === 'error');
      assert.deepEqual(fromStylish(quiet.stdout), errors);
      assert.match(quiet.stdout, new RegExp(`^✖ ${errors.length} problems \\(${errors.length} errors, 0 warnings\\)$`, 'm'));
      assert.deepEqual(runCli(['check', 'examples/mixer', '-q']), { code: 0, stdout: '', stderr: '' });
    });
  });

  describe('configuration', () => {
    it('--config FILE outside the checked folder still finds its manifests (globs fall back to the folder)', () => {
      const config = path.join(tmp, 'outside.yaml');
      writeFileSync(config, 'extends: strict\n');
      const run = runCli(['check', 'examples/broken', '--no-data', '-f', 'json', '--config', config]);
      assert.equal(run.code, 1, run.stderr);
      const found = fromJson(run.stdout);
      assert.ok(found.some((f) => key(f) === 'examples/broken/typo.dataset.yaml 4:9 provenance-missing' && f.level === 'error'));
    });

    it('--config FILE replaces the workspace config: its severities, and none of its overrides', () => {
      const config = path.join(tmp, 'strict.yaml');
      writeFileSync(config, 'extends: recommended\nrules:\n  source-missing: warning\n  generator-terms: off\n  real-data-replaced: error\n');
      // Named files, so that the workspace run and the configured run lint exactly the same manifests.
      const files = ['examples/broken/typo.dataset.yaml', 'examples/chat-v2/chat.dataset.yaml', 'examples/axolotl/axolotl.yaml'];
      const levels = (run: CliRun) => new Map(fromJson(run.stdout).map((f) => [key(f), f.level]));
      const workspace = levels(runCli(['check', ...files, '--no-data', '-f', 'json']));
      const configured = levels(runCli(['check', ...files, '--no-data', '-f', 'json', '--config', config]));

      assert.equal(workspace.get('examples/broken/typo.dataset.yaml 9:13 source-missing'), 'error');
      assert.equal(configured.get('examples/broken/typo.dataset.yaml 9:13 source-missing'), 'warning');
      assert.equal(workspace.get('examples/chat-v2/chat.dataset.yaml 3:11 real-data-replaced'), 'warning');
      assert.equal(configured.get('examples/chat-v2/chat.dataset.yaml 3:11 real-data-replaced'), 'error');
      // The workspace config's override for training mixtures (provenance-missing: info) no longer applies.
      assert.equal(workspace.get('examples/axolotl/axolotl.yaml 4:11 provenance-missing'), 'info');
      assert.equal(configured.get('examples/axolotl/axolotl.yaml 4:11 provenance-missing'), 'warning');
      assert.ok([...workspace.keys()].some((k) => k.endsWith('generator-terms')));
      assert.deepEqual(
        [...configured.keys()].sort(),
        [...workspace.keys()].filter((k) => !k.endsWith('generator-terms')).sort(),
      );
    });

    it('leaves out archive/**, which examples/.synthlint.yaml ignores, unless the file is named', () => {
      assert.doesNotMatch(stylish.stdout, /^examples\/archive/m);
      assert.ok(!(JSON.parse(json.stdout) as JsonFileResult[]).some((r) => r.filePath.includes(`${path.sep}archive${path.sep}`)));
      const named = runCli(['check', 'examples/archive/chat-v1.dataset.yaml', '-f', 'json', '--no-data']);
      assert.equal(named.code, 0, named.stderr);
      assert.deepEqual((JSON.parse(named.stdout) as JsonFileResult[]).map((r) => path.relative(ROOT, r.filePath)), ['examples/archive/chat-v1.dataset.yaml']);
    });

    it('honours `# synthlint-disable-next-line provenance-missing` in chat-v2, and only on the next line', () => {
      const shown = fromJson(json.stdout).filter((f) => f.file === 'examples/chat-v2/chat.dataset.yaml');
      assert.deepEqual(shown.filter((f) => f.ruleId === 'provenance-missing'), []);
      // The source under the comment still gets the other rules' findings.
      assert.ok(shown.some((f) => f.ruleId === 'row-count-mismatch' && f.line === 32), JSON.stringify(shown));

      // The same workspace without the comment: the suppressed finding is there, on the source below it.
      const copy = path.join(tmp, 'examples');
      cpSync(path.join(ROOT, 'examples'), copy, { recursive: true });
      const manifest = path.join(copy, 'chat-v2/chat.dataset.yaml');
      const lines = readFileSync(manifest, 'utf8').split('\n');
      const comment = lines.indexOf('  # synthlint-disable-next-line provenance-missing');
      assert.equal(lines[comment + 1], '  - id: legacy');
      writeFileSync(manifest, [...lines.slice(0, comment), ...lines.slice(comment + 1)].join('\n'));
      const unsuppressed = fromJson(runCli(['check', 'chat-v2', '-f', 'json', '--no-data'], { cwd: copy }).stdout);
      const found = unsuppressed.filter((f) => f.ruleId === 'provenance-missing');
      assert.deepEqual(
        found.map((f) => [f.file, f.line, f.level]),
        [[path.relative(ROOT, manifest), comment + 1, 'warning']],
      );
      assert.match(found[0]?.message ?? '', /Source 'legacy' does not say whether its data is human-written or model-generated/);
    });
  });

  describe('machine-readable output', () => {
    it('--format json: one message per finding, with file, line, column, ruleId and severity', () => {
      const results = JSON.parse(json.stdout) as JsonFileResult[];
      const messages = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ...m })));
      assert.equal(messages.length, fromStylish(stylish.stdout).length);
      for (const m of messages) {
        assert.ok(path.isAbsolute(m.file) && existsSync(m.file), m.file);
        assert.ok(Number.isInteger(m.line) && m.line >= 1 && Number.isInteger(m.column) && m.column >= 1, JSON.stringify(m));
        assert.ok(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column), JSON.stringify(m));
        assert.equal(m.severity, m.level === 'error' ? 2 : 1);
        assert.match(m.ruleId, /^[a-z][a-z-]+$/);
      }
      for (const r of results) {
        assert.equal(r.errorCount, r.messages.filter((m) => m.level === 'error').length);
        assert.equal(r.warningCount, r.messages.filter((m) => m.level === 'warning').length);
      }
    });

    it('--format sarif: a valid SARIF 2.1.0 log with exactly one result, with a region, per JSON finding', () => {
      const run = runCli(['check', 'examples', '--format', 'sarif']);
      assert.equal(run.code, 1);
      const log = JSON.parse(run.stdout);
      assert.deepEqual(sarifProblems(log), []);
      const driver = log.runs[0].tool.driver as { rules: { id: string; helpUri: string }[] };
      for (const rule of driver.rules) assert.equal(rule.helpUri, `${RULE_DOCS_BASE_URL}${rule.id}.md`);
      const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', note: 'info' };
      type SarifResult = {
        ruleId: string;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
      };
      const results = (log.runs[0].results as SarifResult[]).map((r): Seen => {
        assert.equal(r.locations.length, 1);
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
        return { file: decodeURIComponent(artifactLocation.uri), line: region.startLine, column: region.startColumn, level: LEVEL[r.level] ?? r.level, message: r.message.text, ruleId: r.ruleId };
      });
      assert.deepEqual(results.sort(byKey), fromJson(json.stdout).sort(byKey));
    });

    it('-o FILE writes the report there instead of stdout, with the same exit code', () => {
      const out = path.join(tmp, 'report.json');
      const written = runCli(['check', 'examples', '--no-data', '-f', 'json', '-o', out]);
      assert.deepEqual({ code: written.code, stdout: written.stdout, stderr: written.stderr }, { code: 1, stdout: '', stderr: '' });
      assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), JSON.parse(runCli(['check', 'examples', '--no-data', '-f', 'json']).stdout));
      const unwritable = runCli(['check', 'examples', '--no-data', '-o', path.join(out, 'under-a-file.txt')]);
      assert.equal(unwritable.code, 2);
      assert.match(unwritable.stderr, /Cannot write '.*under-a-file\.txt'/);
    });
  });

  describe('help and version', () => {
    it('check --help documents every option and the exit codes', () => {
      const help = runCli(['check', '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: synthlint check \[options\] \[paths\|globs\.\.\.\]$/m);
      for (const flag of [/-f, --format stylish\|json\|sarif/, /--max-warnings N/, /-c, --config FILE/, /-q, --quiet/, /--\[no-\]data/, /-o, --output-file FILE/, /--cache-dir DIR/]) {
        assert.match(help.stdout, flag);
      }
      assert.match(help.stdout, /Exit codes: 0 no errors, 1 errors .*, 2 usage error\./);
      assert.match(runCli(['--help']).stdout, /^ {2}check +Lint dataset manifests/m);
    });

    it('--version and -v print the version of package.json', () => {
      for (const flag of ['--version', '-v']) assert.deepEqual(runCli([flag]), { code: 0, stdout: `${version}\n`, stderr: '' });
    });
  });

  describe('manifests that cannot be read', () => {
    let broken: string;
    before(() => {
      broken = path.join(tmp, 'broken');
      mkdirSync(path.join(broken, 'card'), { recursive: true });
      mkdirSync(path.join(broken, 'cr'), { recursive: true });
      writeFileSync(path.join(broken, 'indent.dataset.yaml'), 'name: x\nsources:\n  - id: a\n    files: [a.jsonl]\n   origin: human\n');
      writeFileSync(path.join(broken, 'card/README.md'), '---\nlanguage:\n- en\nlanguage_creators: [machine-generated\nconfigs:\n- config_name: default\n---\n# Card\n');
      writeFileSync(path.join(broken, 'cr/croissant.json'), '{\n  "@type": "sc:Dataset",\n  "distribution": [\n    { "contentUrl": "a.jsonl", }\n  ]\n}\n');
      // A manifest saved compressed, and bytes that are no text at all (NUL, invalid UTF-8), both under a manifest's name.
      writeFileSync(path.join(broken, 'packed.dataset.yaml'), gzipSync(readFileSync(path.join(ROOT, 'examples/chat-v2/chat.dataset.yaml'))));
      writeFileSync(path.join(broken, 'noise.dataset.yaml'), Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 167 + 13) % 256)));
    });

    it('reports each as a finding at file:line:col, never a stack trace', () => {
      const run = runCli(['check', broken]);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, '');
      assert.doesNotMatch(run.stdout, /internal error|\n\s+at /);
      const rows = fromStylish(run.stdout).map((r) => ({ ...r, file: path.relative(broken, r.file) }));
      const first = (file: string) => rows.find((r) => r.file === file);
      assert.deepEqual(
        ['indent.dataset.yaml', 'card/README.md', 'cr/croissant.json', 'packed.dataset.yaml', 'noise.dataset.yaml'].map((f) => first(f) && [first(f)?.ruleId, first(f)?.level]),
        Array(5).fill(['manifest-invalid', 'error']),
      );
      assert.deepEqual([first('indent.dataset.yaml')?.line, first('indent.dataset.yaml')?.column], [5, 1]);
      assert.match(first('indent.dataset.yaml')?.message ?? '', /^YAML syntax error: /);
      assert.match(first('card/README.md')?.message ?? '', /^YAML syntax error in the card metadata: /);
      assert.deepEqual([first('cr/croissant.json')?.line, first('cr/croissant.json')?.column], [4, 32]);
      assert.match(first('cr/croissant.json')?.message ?? '', /^JSON syntax error: Trailing comma/);
      for (const binary of ['packed.dataset.yaml', 'noise.dataset.yaml']) {
        const lines = readFileSync(path.join(broken, binary), 'utf8').split('\n').length;
        const at = first(binary);
        assert.ok(at && at.line <= lines && at.column >= 1, `${binary}: ${JSON.stringify(at)}`);
        // The message quotes the start of what it read, not the whole file.
        assert.ok((at?.message.length ?? 0) < 300, `${binary}: ${at?.message.length} characters`);
      }
    });
  });
});
