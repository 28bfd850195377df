// `npm start`: opens notebooks/ in JupyterLab when it is installed, else in the project's own
// JupyterLab (lab/, served by Debian's jupyter_server; installed and built on the first run), else in
// Jupyter Notebook, with the project's "TypeScript (lessons)" kernel, on 127.0.0.1 with token
// authentication on.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, jupyterEnv, kernelDir } from './kernelspec.mjs';
import { projectLab } from './lab/start-lab.mjs';

const INSTALL_HELP = `No Jupyter found. Install one, then run "npm start" again:
  Debian/Ubuntu:  sudo apt-get install jupyter-notebook
  or, for the project's JupyterLab:  sudo apt-get install python3-jupyter-server python3-jupyterlab-server
  anywhere:       pip install jupyterlab`;

/** jupyter executables to try: the user's first (a pip/conda JupyterLab), then Debian's. */
function candidates() {
  // An explicit choice is the only candidate: the user (or a test) asked for that one.
  if (process.env.JUPYTER_BIN) return [process.env.JUPYTER_BIN];
  const found = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'jupyter');
    if (dir && fs.existsSync(p)) found.push(p);
  }
  if (fs.existsSync('/usr/bin/jupyter')) found.push('/usr/bin/jupyter');
  return [...new Set(found)];
}

function has(jupyter, sub) {
  const r = spawnSync(jupyter, [sub, '--version'], { stdio: 'ignore', env: jupyterEnv() });
  return r.status === 0;
}

function choose() {
  const all = candidates();
  for (const j of all) if (has(j, 'lab')) return { jupyter: j, app: 'lab' };
  // No JupyterLab of the user's own: the project's, unless JUPYTER_BIN names the one to use.
  const ownLab = process.env.JUPYTER_BIN ? null : projectLab();
  if (ownLab) return ownLab;
  for (const j of all) if (has(j, 'notebook')) return { jupyter: j, app: 'notebook' };
  return null;
}

if (!fs.existsSync(path.join(kernelDir, 'kernel.json'))) {
  console.error('The lessons kernel is not registered: run "npm install" first.');
  process.exit(1);
}
const choice = choose();
if (!choice) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
// The project's JupyterLab is installed and built on first use (progress is printed).
if (choice.prepare) {
  try {
    await choice.prepare();
  } catch (err) {
    console.error(err.message ?? err);
    process.exit(1);
  }
}
const port = process.env.PORT ?? '8888';
const token = process.env.JUPYTER_TOKEN ?? randomBytes(24).toString('hex');
const args = [...(choice.argv ?? [choice.app]), '--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--notebook-dir=${path.join(repoRoot, 'notebooks')}`];
if (process.getuid?.() === 0) args.push('--allow-root');
// JUPYTER_TOKEN is read by both the classic Notebook server and jupyter_server (Lab, Notebook 7).
const child = spawn(choice.command ?? choice.jupyter, args, { env: { ...jupyterEnv(), JUPYTER_TOKEN: token }, stdio: ['inherit', 'inherit', 'pipe'] });
let announced = false;
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  const text = String(chunk);
  // Announce our URL once the server says it is listening (the port may differ if taken).
  const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
  if (!announced && m) {
    announced = true;
    const url = `http://127.0.0.1:${m[1]}/${choice.app === 'lab' ? 'lab' : 'tree'}?token=${token}`;
    console.log(`\nLessons are open in Jupyter ${choice.app === 'lab' ? 'Lab' : 'Notebook'} (${choice.jupyter}):\n  ${url}\nPick the kernel "TypeScript (lessons)". Stop with Ctrl+C.\n`);
  }
});
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
