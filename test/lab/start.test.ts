// `npm start` with no JupyterLab of the user's own serves the lessons in the project's JupyterLab,
// and on a first run (no build yet) builds it first, printing its progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, descendants } from './harness/labServer';

const repoRoot = path.resolve(__dirname, '..', '..');
const startScript = path.join(repoRoot, 'scripts', 'start.mjs');

/** Whether some jupyter on this machine has its own `lab` (then npm start rightly uses that one). */
function userHasJupyterLab(): boolean {
  const candidates = [...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'jupyter')), '/usr/bin/jupyter'];
  return candidates.some((j) => fs.existsSync(j) && spawnSync(j, ['lab', '--version'], { stdio: 'ignore' }).status === 0);
}
const skip = userHasJupyterLab() ? 'this machine has a JupyterLab of its own, which npm start prefers' : false;

/** Runs npm start until it prints the lessons URL; returns the URL and everything printed before it. */
function startUntilUrl(env: NodeJS.ProcessEnv, timeoutMs: number): { child: ChildProcess; ready: Promise<{ url: string; output: string }> } {
  const child = spawn(process.execPath, [startScript], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<{ url: string; output: string }>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d;
      const m = output.match(/Lessons are open in[^\n]*\n\s*(http:\/\/127\.0\.0\.1:\d+\/\S+\?token=\w+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { child, ready };
}

/** Stops npm start with Ctrl+C and makes sure the server it started is gone too. */
async function stop(child: ChildProcess): Promise<void> {
  const below = child.pid ? descendants(child.pid) : [];
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  const deadline = Date.now() + 10_000;
  const alive = (pid: number) => {
    try {
      return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie is gone
    } catch {
      return false;
    }
  };
  while (below.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const left = below.filter(alive);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  assert.deepEqual(left, [], 'npm start left processes running after Ctrl+C');
}

test('with no JupyterLab of the user\'s own, npm start serves the project\'s JupyterLab', { skip, timeout: 120_000 }, async () => {
  const port = await freePort();
  const { child, ready } = startUntilUrl({ PORT: String(port), JUPYTER_BIN: '' }, 90_000);
  try {
    const { url, output } = await ready;
    assert.match(output, /Lessons are open in Jupyter Lab \(the project's JupyterLab 4\.6\.3, lab\/\)/);
    const { origin, pathname, searchParams } = new URL(url);
    assert.equal(origin, `http://127.0.0.1:${port}`);
    assert.equal(pathname, '/lab');
    const token = searchParams.get('token')!;
    const page = await (await fetch(`${origin}/lab?token=${token}`)).text();
    assert.match(page, /\/static\/lessons_lab\/main\.[0-9a-f]+\.js/, 'the project\'s build');
    const specs = await (await fetch(`${origin}/api/kernelspecs?token=${token}`)).json();
    assert.equal(specs.kernelspecs['typescript-lessons'].spec.display_name, 'TypeScript (lessons)');
    const contents = await (await fetch(`${origin}/api/contents?token=${token}`)).json();
    const onDisk = fs.readdirSync(path.join(repoRoot, 'notebooks')).filter((f) => !f.startsWith('.')).sort();
    assert.deepEqual(contents.content.map((f: { name: string }) => f.name).sort(), onDisk, 'serves notebooks/');
  } finally {
    await stop(child);
  }
});

test('on the first run npm start builds the lab, saying so with progress, then serves it', { skip, timeout: 600_000 }, async () => {
  const buildDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-first-run-')), 'build');
  const port = await freePort();
  const { child, ready } = startUntilUrl({ PORT: String(port), JUPYTER_BIN: '', LESSONS_LAB_BUILD_DIR: buildDir }, 540_000);
  try {
    const { url, output } = await ready;
    assert.match(output, /lab: building JupyterLab 4\.6\.3/);
    assert.match(output, /lab: bundling… \d+%/);
    assert.match(output, /lab: built in \d+ s/);
    assert.ok(output.indexOf('lab: built in') < output.indexOf('Lessons are open'), 'built before serving');
    assert.ok(fs.existsSync(path.join(buildDir, 'build-info.json')));
    const page = await (await fetch(url)).text();
    const info = JSON.parse(fs.readFileSync(path.join(buildDir, 'build-info.json'), 'utf8'));
    assert.ok(page.includes(info.mainJs), 'serves the new build');
  } finally {
    await stop(child);
    fs.rmSync(path.dirname(buildDir), { recursive: true, force: true });
  }
});
