import * as vscode from 'vscode';

/** The task type contributed in package.json (`taskDefinitions`); its tasks use the `$synthlint` problem matcher. */
export const TASK_TYPE = 'synthlint';

interface CheckTaskDefinition extends vscode.TaskDefinition {
  /** Files, folders or globs to check (default: the workspace folder). */
  paths?: string[];
  /** More `synthlint check` options, e.g. `--no-data`. */
  args?: string[];
}

/**
 * "synthlint: check" in Run Task, one per workspace folder: the CLI this extension ships (dist/cli.js) run as
 * a task, its stylish output read by the `$synthlint` problem matcher into the Problems panel, exactly as a
 * `tasks.json` entry running `npx synthlint check` would be. It runs the extension host's own Node
 * (ELECTRON_RUN_AS_NODE for VS Code desktop's Electron), so no Node on PATH is needed.
 */
export function registerCheckTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  const task = (definition: CheckTaskDefinition, folder: vscode.WorkspaceFolder, name: string): vscode.Task => {
    const args = [cli, 'check', ...(definition.paths ?? []), ...(definition.args ?? [])];
    const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const result = new vscode.Task(definition, folder, name, 'synthlint', execution, '$synthlint');
    result.group = vscode.TaskGroup.Test;
    return result;
  };
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => task({ type: TASK_TYPE }, folder, 'check')),
    resolveTask: (given) => (typeof given.scope === 'object' ? task(given.definition as CheckTaskDefinition, given.scope, given.name) : undefined),
  });
}
