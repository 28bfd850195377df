// Starts Debian's (or the user's) classic Jupyter Notebook server for the notebook tests, on a free
// loopback port with a fresh token, pointed at the project's kernelspec, and stops it by its PID.
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { freePort } from '../../support/freePort';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const jupyterDataDir = path.join(repoRoot, '.jupyter-lessons');

export interface JupyterServer {
  baseUrl: string;
  token: string;
  /** Everything the server wrote, for diagnosing a failed start. */
  log(): string;
  stop(): Promise<void>;
}

/** Finds a jupyter executable: $JUPYTER_BIN, then Debian's /usr/bin/jupyter, then PATH. */
export function findJupyter(): string {
  if (process.env.JUPYTER_BIN) return process.env.JUPYTER_BIN;
  if (fs.existsSync('/usr/bin/jupyter')) return '/usr/bin/jupyter';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'jupyter');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('no jupyter executable found: apt-get install jupyter-notebook (Debian) or pip install notebook; or set JUPYTER_BIN');
}


async function waitUntilUp(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jupyter exited with code ${child.exitCode} before answering:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`jupyter did not answer at ${url} within ${timeoutMs} ms:\n${log()}`);
}

/** Starts a notebook server serving `notebookDir`, with the project's kernelspec on its JUPYTER_PATH. */
export async function startJupyterServer(notebookDir: string): Promise<JupyterServer> {
  if (!fs.existsSync(path.join(jupyterDataDir, 'kernels'))) {
    throw new Error(`${jupyterDataDir}/kernels is missing: run "npm install" (or "node scripts/install-kernel.mjs")`);
  }
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const args = ['notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--NotebookApp.token=${token}`, `--notebook-dir=${notebookDir}`];
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  const existing = process.env.JUPYTER_PATH ? [process.env.JUPYTER_PATH] : [];
  const child = spawn(findJupyter(), args, {
    env: { ...process.env, JUPYTER_PATH: [jupyterDataDir, ...existing].join(path.delimiter) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(`${baseUrl}api/status?token=${token}`, child, () => output, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, token, log: () => output, stop };
}
