// Starts the project's JupyterLab server (lab/lessons_lab.py on Debian's jupyter_server) for the
// browser tests: a free loopback port, a fresh token, its own settings, workspaces, checkpoints and
// runtime folders in a temporary directory, autosave off, the project's kernelspec on JUPYTER_PATH. stop() ends the
// server by its PID and then any of its processes (kernels) still alive, by theirs.
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverCommand } from '../../../scripts/lab/lab.mjs';
import { freePort } from '../../support/freePort';

export { freePort };

export interface LabServer {
  /** e.g. http://127.0.0.1:41234/ */
  baseUrl: string;
  token: string;
  /** The folder it serves. */
  notebookDir: string;
  pid: number;
  /** Everything the server wrote so far. */
  log(): string;
  stop(): Promise<void>;
}

/** PIDs of every process below `pid` (Linux /proc; empty elsewhere). */
export function descendants(pid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses, so parse from the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** A process's start time (clock ticks since boot), to tell it from a later process given the same PID. */
function startTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return null;
  }
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the lab server exited (${child.exitCode ?? child.signalCode}) before answering:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the lab server did not answer at ${url} within ${timeoutMs} ms:\n${log()}`);
}

/** Starts a lab server on `notebookDir`. The lab must be built (scripts/lab/test.mjs sees to it). */
export async function startLabServer(notebookDir: string, options: { startTimeoutMs?: number } = {}): Promise<LabServer> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lessons-lab-'));
  const stateDir = path.join(scratch, 'state');
  // The tests only read the notebooks: no autosave (JupyterLab saves every 2 minutes by default,
  // which would write outputs into notebooks/), and checkpoints kept in the scratch folder.
  const docmanager = path.join(stateDir, 'user-settings', '@jupyterlab', 'docmanager-extension');
  fs.mkdirSync(docmanager, { recursive: true });
  fs.writeFileSync(path.join(docmanager, 'plugin.jupyterlab-settings'), JSON.stringify({ autosave: false }));
  const { command, args, env } = serverCommand({ notebookDir, port, token, stateDir, checkpointsDir: path.join(scratch, 'checkpoints'), portRetries: 0 });
  const child = spawn(command, args, {
    env: { ...env, JUPYTER_RUNTIME_DIR: path.join(scratch, 'runtime'), JUPYTER_CONFIG_DIR: path.join(scratch, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = `http://127.0.0.1:${port}/`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const below = (child.pid ? descendants(child.pid) : []).map((pid) => ({ pid, start: startTime(pid) }));
    const alive = ({ pid, start }: { pid: number; start: string | null }) => start !== null && startTime(pid) === start;
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM: jupyter_server shuts its kernels down, then exits.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // Anything it started and left behind (a kernel that ignored the shutdown request).
    const deadline = Date.now() + 5000;
    while (below.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const { pid } of below.filter(alive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${baseUrl}api/status?token=${token}`, child, () => output, options.startTimeoutMs ?? 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, token, notebookDir, pid: child.pid!, log: () => output, stop };
}
