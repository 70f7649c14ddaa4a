/** Whether a process with this pid is running (EPERM: it is, under another user). */
export function processAlive(pid: number): boolean;
/** Names of the entries of `parent` called `prefix` + a pid whose process is gone (none when `parent` is missing). */
export function foldersOfDeadProcesses(parent: string, prefix: string): string[];
