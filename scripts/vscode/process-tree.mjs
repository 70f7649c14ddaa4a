// Stops a process and every descendant by PID. VS Code's server forks extension hosts, file watchers, pty hosts
// and the language server, and some of those detach (own session), so killing the server alone or its process
// group leaves orphans that keep the port and the CPU busy. We collect the whole tree from /proc *before*
// signalling anything: once a parent dies its children are re-parented and can no longer be found.
import { readdirSync, readFileSync } from 'node:fs';

/** @returns {Map<number, number[]>} parent PID → child PIDs, from /proc (Linux; the runner is Linux-only). */
function childrenByParent() {
  const map = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we were reading
    }
    // Field 4 is the PPID; field 2 (the command) is parenthesised and may contain spaces, so parse after ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = map.get(ppid) ?? [];
    list.push(Number(entry));
    map.set(ppid, list);
  }
  return map;
}

/** The PID and all its descendants, parents first. */
export function processTree(pid) {
  const children = childrenByParent();
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM the tree, give it `graceMs` to exit, then SIGKILL what is left. Resolves with the PIDs signalled. */
export async function killTree(pid, graceMs = 2000) {
  const pids = processTree(pid);
  for (const p of pids) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const p of pids.filter(alive)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // exited between the check and the kill
    }
  }
  return pids;
}
