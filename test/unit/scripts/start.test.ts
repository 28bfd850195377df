// `npm start`: serves notebooks/ with the lessons kernel on 127.0.0.1 behind a token, or explains
// how to install Jupyter when there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../../support/freePort';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const startScript = path.join(repoRoot, 'scripts', 'start.mjs');


test('with no Jupyter it names how to install one and exits non-zero', () => {
  const r = spawnSync(process.execPath, [startScript], { env: { ...process.env, JUPYTER_BIN: '/nonexistent/jupyter' }, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /No Jupyter found/);
  assert.match(r.stderr, /apt-get install jupyter-notebook/);
  assert.match(r.stderr, /pip install jupyterlab/);
});

// The classic Notebook path (Debian's jupyter); test/lab/start.test.ts covers the project's JupyterLab.
test('serves the notebooks with the lessons kernel on 127.0.0.1, token required', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [startScript], { env: { ...process.env, PORT: String(port), JUPYTER_BIN: '/usr/bin/jupyter' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed within 45 s:\n${out}`)), 45_000);
      child.stdout!.on('data', (d) => {
        out += d;
        const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/\S+\?token=\w+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.stderr!.on('data', (d) => (out += d));
      child.on('exit', (code) => reject(new Error(`start exited with ${code}:\n${out}`)));
    });
    const { origin, searchParams } = new URL(url);
    assert.equal(origin, `http://127.0.0.1:${port}`);
    const token = searchParams.get('token')!;
    assert.ok(token.length >= 32, 'a long random token');
    const specs = await (await fetch(`${origin}/api/kernelspecs?token=${token}`)).json();
    assert.equal(specs.kernelspecs['typescript-lessons'].spec.display_name, 'TypeScript (lessons)');
    const contents = await (await fetch(`${origin}/api/contents?token=${token}`)).json();
    const served = contents.content.map((f: { name: string }) => f.name).sort();
    const onDisk = fs.readdirSync(path.join(repoRoot, 'notebooks')).filter((f) => !f.startsWith('.')).sort();
    assert.deepEqual(served, onDisk, 'serves notebooks/');
    const anonymous = await fetch(`${origin}/api/kernelspecs`);
    assert.equal(anonymous.status, 403, 'the API refuses requests without the token');
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
});
