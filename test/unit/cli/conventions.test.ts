// The command-line conventions and CI outputs of issue #11, through the built CLI (dist/cli.js) as a child
// process: one --format flag with the old spellings as aliases, did-you-mean, -o creating folders, globs that
// select manifests and !pattern, --fix / --fix-dry-run, --format github and junit, the GitHub Action's run
// step and the pre-commit hooks.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import pkg from '../../../package.json';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { ROOT, buildCli, runCli } from './built-cli';
import { sarifProblems } from './sarif-shape';

/** `file line:col level ruleId message`, the way each format is compared with the JSON output. */
function fromJson(stdout: string, cwd = ROOT): string[] {
  return (JSON.parse(stdout) as JsonFileResult[])
    .flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath)} ${m.line}:${m.column} ${m.level} ${m.ruleId} ${m.message}`))
    .sort();
}

/** Every file under `dir` with the hash of its content. */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

describe('cli conventions and CI outputs (built dist/cli.js)', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    buildCli();
    tmp = mkdtempSync(path.join(tmpdir(), 'synthlint-ci-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe('flags', () => {
    it('suggests the command or option meant for a typo, and exits 2', () => {
      const cases: [string[], RegExp][] = [
        [['chek'], /Unknown command 'chek'\. Did you mean 'check'\?/],
        [['reprot', 'x'], /Did you mean 'report'\?/],
        [['--verison'], /Unknown option '--verison'\. Did you mean '--version'\?/],
        [['check', '--formt', 'json'], /Unknown option '--formt'\. Did you mean '--format'\?/],
        [['check', '-f', 'jsn'], /must be one of stylish, json, sarif, github, junit; got 'jsn'\. Did you mean 'json'\?/],
        [['check', '--no-dat'], /Did you mean '--no-data'\?/],
        [['report', 'x', '--jsn'], /Did you mean '--json'\?/],
        [['profile', 'x', '--fromat', 'json'], /Did you mean '--format'\?/],
        [['server', '--stdoi'], /Did you mean '--stdio'\?/],
      ];
      for (const [args, message] of cases) {
        const run = runCli(args);
        assert.equal(run.code, 2, args.join(' '));
        assert.match(run.stderr, message, args.join(' '));
        assert.equal(run.stdout, '');
      }
    });

    it('report takes --format html|json; --json and --output stay as aliases, and contradicting spellings are an error', () => {
      const manifest = 'examples/clean/support.dataset.yaml';
      const viaFormat = runCli(['report', manifest, '--no-data', '--format', 'json']);
      const viaAlias = runCli(['report', manifest, '--no-data', '--json']);
      assert.equal(viaFormat.code, 0, viaFormat.stderr);
      assert.equal(viaAlias.stdout, viaFormat.stdout);
      assert.equal((JSON.parse(viaFormat.stdout) as { sources: unknown[] }).sources.length > 0, true);
      const out = path.join(tmp, 'reports', 'nested', 'report.html');
      const html = runCli(['report', manifest, '--no-data', '-f', 'html', '--output', out]);
      assert.deepEqual([html.code, html.stdout], [0, `${out}\n`]);
      assert.match(readFileSync(out, 'utf8'), /^<!DOCTYPE html>/i);
      const both = runCli(['report', manifest, '--json', '--format', 'html']);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /Options '--json' and '--format' contradict each other/);
    });

    it('-o creates the folders it names, for check, report and profile alike, and writes no colour', () => {
      const sarif = path.join(tmp, 'out', 'ci', 'synthlint.sarif');
      const run = runCli(['check', 'examples/clean', '--no-data', '-f', 'sarif', '-o', sarif]);
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, '', '']);
      assert.deepEqual(sarifProblems(JSON.parse(readFileSync(sarif, 'utf8'))), []);
      const json = path.join(tmp, 'out', 'report', 'model.json');
      assert.equal(runCli(['report', 'examples/clean/support.dataset.yaml', '--no-data', '--json', '-o', json]).code, 0);
      assert.ok(existsSync(json));
      const data = 'examples/chat-v2/data/tickets.jsonl';
      const profile = path.join(tmp, 'out', 'profile', 'tickets.json');
      // Without the cache: otherwise the second run says `fromCache` where the first did not.
      const written = runCli(['profile', data, '-f', 'json', '--no-cache', '-o', profile]);
      assert.deepEqual([written.code, written.stdout], [0, '']);
      assert.equal(readFileSync(profile, 'utf8'), runCli(['profile', data, '-f', 'json', '--no-cache']).stdout);
      // Colour is for terminals: FORCE_COLOR colours stdout but never a file.
      const stylish = path.join(tmp, 'out', 'stylish', 'report.txt');
      runCli(['check', 'examples/broken', '--no-data', '-o', stylish], { env: { FORCE_COLOR: '1' } });
      assert.ok(readFileSync(stylish, 'utf8').includes('manifest-invalid') && !readFileSync(stylish, 'utf8').includes('\u001b['));
    });

    it('check --help lists the formats, --fix, --fix-dry-run and --skip-non-manifests', () => {
      const help = runCli(['check', '--help']).stdout;
      for (const flag of [/-f, --format stylish\|json\|sarif\|github\|junit/, /--fix /, /--fix-dry-run/, /--skip-non-manifests/, /--output FILE +Same as --output-file/]) assert.match(help, flag);
      assert.match(runCli(['report', '--help']).stdout, /-f, --format html\|json/);
    });

    it('package.json installs the CLI as `synthlint` (a Node script) on Node 20 and later', () => {
      assert.equal(pkg.bin.synthlint, './dist/cli.js');
      assert.match(readFileSync(path.join(ROOT, 'dist', 'cli.js'), 'utf8').slice(0, 30), /^#!\/usr\/bin\/env node\n/);
      assert.equal(pkg.engines.node, '>=20');
    });
  });

  describe('globs', () => {
    it("'examples/**' lints the manifests the folder search finds, not the data files beside them", () => {
      const glob = runCli(['check', 'examples/**', '--no-data', '-f', 'json']);
      const folder = runCli(['check', 'examples', '--no-data', '-f', 'json']);
      assert.equal(glob.code, 1, glob.stderr);
      const files = (JSON.parse(glob.stdout) as JsonFileResult[]).map((r) => path.relative(ROOT, r.filePath));
      assert.ok(files.every((f) => !/\.(jsonl|json\.gz|csv|txt|parquet|gz)$/.test(f) || f.endsWith('croissant.json')), files.join('\n'));
      assert.ok(!fromJson(glob.stdout).some((l) => /not a dataset manifest/.test(l)), glob.stdout);
      // examples/README.md (no dataset card) and archive/ (ignored by the config) are left out as the folder search leaves them.
      assert.deepEqual(fromJson(glob.stdout), fromJson(folder.stdout));
    });

    it('!pattern excludes files and folders from the rest', () => {
      const run = runCli(['check', 'examples/**', '!examples/broken', '!**/README.md', '--no-data', '-f', 'json']);
      const files = (JSON.parse(run.stdout) as JsonFileResult[]).map((r) => path.relative(ROOT, r.filePath)).sort();
      assert.ok(files.length >= 4, files.join(', '));
      assert.ok(!files.some((f) => f.startsWith('examples/broken/') || f.endsWith('README.md')), files.join(', '));
      const onlyExcluded = runCli(['check', 'examples/broken', '!examples/broken/**', '--no-data']);
      assert.equal(onlyExcluded.code, 2);
      assert.match(onlyExcluded.stderr, /No manifests left after excluding '!examples\/broken\/\*\*'/);
    });

    it('a glob that matches only data files is a usage error that says so', () => {
      const run = runCli(['check', 'examples/chat-v2/data/*', '--no-data']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /None of the \d+ files matching 'examples\/chat-v2\/data\/\*' is a manifest/);
    });

    it('--skip-non-manifests skips named files that are not manifests (pre-commit passes every staged file)', () => {
      const named = ['examples/README.md', 'examples/chat-v2/data/tickets.jsonl', 'examples/broken/typo.dataset.yaml'];
      const strict = runCli(['check', ...named, '--no-data', '-f', 'json']);
      assert.ok(fromJson(strict.stdout).some((l) => l.startsWith('examples/README.md')), strict.stdout);
      const skipping = runCli(['check', ...named, '--no-data', '-f', 'json', '--skip-non-manifests']);
      assert.deepEqual((JSON.parse(skipping.stdout) as JsonFileResult[]).map((r) => path.relative(ROOT, r.filePath)), ['examples/broken/typo.dataset.yaml']);
      const none = runCli(['check', 'examples/README.md', '--skip-non-manifests']);
      assert.deepEqual([none.code, none.stdout, none.stderr], [0, '', '']);
    });
  });

  describe('--fix', () => {
    let work: string;
    beforeEach(() => {
      work = mkdtempSync(path.join(tmp, 'fix-'));
      cpSync(path.join(ROOT, 'examples', 'chat-v2'), path.join(work, 'chat-v2'), { recursive: true });
    });

    it('--fix-dry-run prints the safe fixes as a diff that patch applies, and writes nothing', () => {
      const before = hashes(work);
      const run = runCli(['check', 'chat-v2', '--fix-dry-run'], { cwd: work });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /would fix 1 problem in 1 file/);
      assert.match(run.stdout, /^--- a\/chat-v2\/chat\.dataset\.yaml\n\+\+\+ b\/chat-v2\/chat\.dataset\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
      assert.deepEqual(run.stdout.split('\n').filter((l) => /^[-+] /.test(l)), ['-    rows: 4', '+    rows: 32']);
      assert.deepEqual(hashes(work), before);
      const patched = spawnSync('patch', ['-p1', '--dry-run'], { cwd: work, input: run.stdout, encoding: 'utf8' });
      assert.equal(patched.status, 0, patched.stdout + patched.stderr);
    });

    it('--fix writes exactly those edits to the manifest, leaves every data file as it was, and reports what is left', () => {
      const manifest = path.join(work, 'chat-v2', 'chat.dataset.yaml');
      const text = readFileSync(manifest, 'utf8');
      const before = hashes(work);
      const fixed = runCli(['check', 'chat-v2', '--fix', '-f', 'json'], { cwd: work });
      assert.match(fixed.stderr, /fixed 1 problem in 1 file/);
      assert.equal(readFileSync(manifest, 'utf8'), text.replace('    rows: 4\n', '    rows: 32\n'));
      const after = hashes(work);
      for (const [file, hash] of before) if (!file.endsWith('chat.dataset.yaml')) assert.equal(after.get(file), hash, `${file} changed`);
      const left = fromJson(fixed.stdout, work);
      assert.ok(left.length > 0 && !left.some((l) => l.includes('row-count-mismatch')), left.join('\n'));
      assert.deepEqual(left, fromJson(runCli(['check', 'chat-v2', '-f', 'json'], { cwd: work }).stdout, work));
      const again = runCli(['check', 'chat-v2', '--fix-dry-run'], { cwd: work });
      assert.deepEqual([again.code, again.stdout], [0, '']);
    });

    it('offers no unsafe fix: placeholders and choices (generator-missing, provenance-missing) are left to the editor', () => {
      cpSync(path.join(ROOT, 'examples', 'broken'), path.join(work, 'broken'), { recursive: true });
      const before = hashes(work);
      const run = runCli(['check', 'broken', '--fix'], { cwd: work });
      assert.equal(run.code, 1);
      assert.deepEqual(hashes(work), before);
      assert.equal(runCli(['check', 'broken', '--fix', '--fix-dry-run'], { cwd: work }).code, 2);
    });
  });

  describe('--format github', () => {
    /** Undoes @actions/core's escaping (toolkit packages/core/src/command.ts). */
    const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
    const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', notice: 'info' };

    function annotations(stdout: string): { level: string; props: Record<string, string>; message: string }[] {
      return stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((line) => {
          const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
          assert.ok(m, `not a workflow command: ${line}`);
          const props = Object.fromEntries(m[2]!.split(',').map((p) => p.split('=', 2).map((v, i) => (i === 1 ? unescapeProperty(v) : v)) as [string, string]));
          return { level: LEVEL[m[1]!]!, props, message: unescapeData(m[3]!) };
        });
    }

    it('one annotation per finding, at the same file, line, column, level and message as the JSON output', () => {
      const github = runCli(['check', 'examples', '--no-data', '-f', 'github']);
      const json = runCli(['check', 'examples', '--no-data', '-f', 'json']);
      assert.equal(github.code, json.code);
      const seen = annotations(github.stdout).map((a) => {
        assert.match(a.props.title ?? '', /^synthlint [a-z-]+$/);
        const ruleId = (a.props.title ?? '').slice('synthlint '.length);
        const suffix = ` (https://github.com/synthlint/synthlint/blob/main/docs/rules/${ruleId}.md)`;
        assert.ok(a.message.endsWith(suffix), a.message);
        return `${a.props.file} ${a.props.line}:${a.props.col} ${a.level} ${ruleId} ${a.message.slice(0, -suffix.length)}`;
      });
      assert.deepEqual(seen.sort(), fromJson(json.stdout));
    });

    it('escapes %, CR/LF, : and , so manifest text cannot end the line or forge a command', () => {
      const dir = mkdtempSync(path.join(tmp, 'gh-'));
      const name = 'odd,name:1.dataset.yaml';
      // A source id carrying a line break, a percent sign and a would-be workflow command.
      writeFileSync(path.join(dir, name), 'name: odd\nsources:\n  - id: "50%\\n::error file=x::forged"\n    files: [none.jsonl]\n');
      const run = runCli(['check', name, '--no-data', '-f', 'github'], { cwd: dir });
      const lines = run.stdout.split('\n').filter((l) => l !== '');
      assert.ok(lines.length > 0 && lines.every((l) => /^::(error|warning|notice) file=odd%2Cname%3A1\.dataset\.yaml,/.test(l)), run.stdout);
      const json = fromJson(runCli(['check', name, '--no-data', '-f', 'json'], { cwd: dir }).stdout, dir);
      const messages = annotations(run.stdout).map((a) => a.message.replace(/ \(https:[^ ]+\)$/, ''));
      assert.deepEqual(messages.sort(), json.map((l) => l.split(' ').slice(4).join(' ')).sort());
      assert.ok(messages.some((m) => m.includes('50%')), messages.join('\n'));
    });
  });

  describe('--format junit', () => {
    const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&amp;/g, '&');

    it('one testsuite per file, one failing testcase per error or warning, infos and clean files passing', () => {
      const junit = runCli(['check', 'examples', 'examples/clean', '--no-data', '-f', 'junit']);
      const json = JSON.parse(runCli(['check', 'examples', 'examples/clean', '--no-data', '-f', 'json']).stdout) as JsonFileResult[];
      const xml = junit.stdout;
      assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="synthlint" /);
      const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [unxml(m[1]!), Number(m[2]), Number(m[3])]);
      const want = json.map((r) => [path.relative(ROOT, r.filePath), Math.max(1, r.messages.length), r.errorCount + r.warningCount]);
      assert.deepEqual(suites, want);
      assert.ok(want.some(([file, , failures]) => file === 'examples/clean/support.dataset.yaml' && failures === 0));
      const failures = [...xml.matchAll(/<failure type="(error|warning)" message="([^"]*)">/g)].map((m) => `${m[1]} ${unxml(m[2]!)}`).sort();
      const wanted = json.flatMap((r) => r.messages.filter((m) => m.level !== 'info').map((m) => `${m.level} ${m.message}`)).sort();
      assert.deepEqual(failures, wanted);
      assert.equal([...xml.matchAll(/<system-out>/g)].length, json.reduce((n, r) => n + r.infoCount, 0));
      assert.doesNotMatch(xml.replace(/&(lt|gt|quot|amp|#39|#96);/g, ''), /&/);
    });
  });

  describe('GitHub Action and pre-commit', () => {
    it('action.yml runs synthlint, annotates, and uploads the SARIF file with github/codeql-action/upload-sarif', () => {
      const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
        runs: { using: string; steps: { id?: string; uses?: string; run?: string; with?: Record<string, string> }[] };
      };
      assert.equal(action.runs.using, 'composite');
      const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.equal(upload?.with?.sarif_file, '${{ steps.run.outputs.sarif-file }}');
      assert.match(action.runs.steps.find((s) => s.id === 'run')?.run ?? '', /scripts\/ci\/github-action\.sh/);
    });

    it("the action's run step writes SARIF and annotations and reports the exit code in $GITHUB_OUTPUT", () => {
      const work = mkdtempSync(path.join(tmp, 'action-'));
      cpSync(path.join(ROOT, 'examples', 'broken'), path.join(work, 'broken'), { recursive: true });
      cpSync(path.join(ROOT, 'examples', 'clean'), path.join(work, 'clean'), { recursive: true });
      const output = path.join(work, 'github-output');
      writeFileSync(output, '');
      const env = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, RUNNER_TEMP: work, INPUT_PATHS: 'broken\nclean', INPUT_ARGS: '--no-data', INPUT_ANNOTATIONS: 'true', INPUT_SARIF_FILE: 'results/synthlint.sarif' };
      const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'ci', 'github-action.sh')], { cwd: work, env, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(readFileSync(output, 'utf8'), 'sarif-file=results/synthlint.sarif\nexit-code=1\n');
      const sarif = JSON.parse(readFileSync(path.join(work, 'results', 'synthlint.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
      assert.deepEqual(sarifProblems(sarif), []);
      const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.equal(annotations.length, sarif.runs[0]?.results.length);
      assert.ok(annotations.every((a) => a.includes('file=broken/typo.dataset.yaml')), run.stdout);
    });

    it('.pre-commit-hooks.yaml runs `synthlint check` on the files that can be manifests, skipping the rest', () => {
      const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
      assert.deepEqual(hooks.map((h) => h.id), ['synthlint', 'synthlint-manifests']);
      for (const hook of hooks) {
        assert.equal(hook.language, 'node');
        assert.match(hook.entry, /^synthlint check --skip-non-manifests/);
        const files = new RegExp(hook.files);
        for (const f of ['a/x.dataset.yaml', 'README.md', 'cfg/tulu_mixer.yaml', 'axolotl.yml', 'configs/train.yaml', 'd/croissant.json', 'data/dataset_info.json']) assert.ok(files.test(f), f);
        for (const f of ['data/a.jsonl', 'src/x.ts', 'package.json', 'docs/guide.md']) assert.ok(!files.test(f), f);
      }
    });
  });
});
