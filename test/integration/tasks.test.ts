// `synthlint check` as a VS Code task: the extension's "synthlint: check" task (and a tasks.json-style shell
// task using the contributed `$synthlint` matcher) runs the CLI in the terminal, and the problem matcher turns
// its stylish output into Problems-panel entries. Each must be exactly what `synthlint check -f json` reports.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, synthlintApi, synthlintExtension, waitFor, workspaceRoot } from './helpers';

/** The `source` the contributed matcher gives its problems (package.json contributes.problemMatchers). */
const MATCHER_SOURCE = 'synthlint check';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** `file line:col severity rule` for each problem the task put in the Problems panel. */
function matched(): string[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) =>
      diagnostics
        .filter((d) => d.source === MATCHER_SOURCE)
        .map((d) => `${path.relative(workspaceRoot(), uri.fsPath)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${codeOf(d)}`),
    )
    .sort();
}

/** The same from the CLI's JSON output, run directly. */
function expected(args: readonly string[]): string[] {
  const cli = path.join(synthlintExtension().extensionPath, 'dist', 'cli.js');
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [cli, 'check', '-f', 'json', ...args], { cwd: workspaceRoot(), encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  } catch (error) {
    stdout = (error as { stdout: string }).stdout; // exit 1: there are errors among the findings
  }
  const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; column: number; level: string; ruleId: string }[] }[];
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(workspaceRoot(), r.filePath)} ${m.line}:${m.column} ${SEVERITY[m.level]} ${m.ruleId}`))
    .sort();
}

async function runTask(task: vscode.Task): Promise<number | undefined> {
  const ended = new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.name !== task.name) return;
      listener.dispose();
      resolve(e.exitCode);
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

/**
 * Runs `task` until the Problems panel holds exactly `want` from its matcher. A second run is allowed because
 * code-server's pty host, on a loaded machine, can drop a finished terminal's last output ("Could not find pty
 * N on pty host"), and then the matcher never sees it; the panel must still match exactly, so a wrong matcher
 * fails both runs.
 */
async function runUntilMatched(task: vscode.Task, want: readonly string[], what: string): Promise<number | undefined> {
  const seen = (): string => `\n${matched().join('\n')}\nwanted:\n${want.join('\n')}`;
  const done = (): boolean => JSON.stringify(matched()) === JSON.stringify(want);
  const exitCode = await runTask(task);
  try {
    await waitFor(what, done, 30_000, seen);
  } catch {
    const again = await runTask(task);
    assert.equal(again, exitCode, 'the second run ends as the first');
    await waitFor(`${what} (second run)`, done, 60_000, seen);
  }
  return exitCode;
}

describe('synthlint check as a task', function () {
  this.timeout(180_000);

  it('"synthlint: check" from Run Task fills the Problems panel with what the CLI reports', async () => {
    await synthlintApi();
    const tasks = await vscode.tasks.fetchTasks({ type: 'synthlint' });
    const check = tasks.find((t) => t.name === 'check');
    assert.ok(check, `no synthlint check task among ${tasks.map((t) => t.name).join(', ')}`);
    const want = expected([]);
    assert.ok(want.length > 5 && want.some((w) => w.includes('row-count-mismatch')), want.join('\n'));
    assert.equal(await runUntilMatched(check, want, 'the task problems to match the CLI'), 1, 'examples/ has errors, so the task fails');
  });

  it('a tasks.json shell task with "problemMatcher": "$synthlint" reads the coloured terminal output', async () => {
    const cli = path.join(synthlintExtension().extensionPath, 'dist', 'cli.js');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    // FORCE_COLOR: the colours a terminal gets, whatever the shell decides; the matcher must read through them.
    const command = `"${process.execPath}" "${cli}" check --no-data 'mixer/**' '!**/README.md'`;
    const execution = new vscode.ShellExecution(command, { env: { ELECTRON_RUN_AS_NODE: '1', FORCE_COLOR: '1' } });
    const task = new vscode.Task({ type: 'shell' }, folder, 'lint manifests', 'tasks.json', execution, '$synthlint');
    const want = expected(['--no-data', 'mixer/**', '!**/README.md']);
    assert.ok(want.length > 0 && want.every((w) => w.startsWith('mixer/')), want.join('\n'));
    await runUntilMatched(task, want, 'the shell task problems to match the CLI');
  });
});
