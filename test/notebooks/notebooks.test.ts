// Executes every notebook in notebooks/ top to bottom through a real Jupyter server and the
// notebook's own kernelspec; a cell that errors, is aborted, times out or writes to stderr fails
// its notebook, and the failure shows that cell's source, the kernel's error and its stderr.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startJupyterServer, JupyterServer, repoRoot } from './harness/jupyterServer';
import { runNotebook, cellFailed, describeFailure } from './harness/runNotebook';

const notebookDir = path.join(repoRoot, 'notebooks');
const only = process.env.NOTEBOOK; // e.g. NOTEBOOK=03 runs only notebooks whose name contains "03"
const notebooks = fs
  .readdirSync(notebookDir)
  .filter((f) => f.endsWith('.ipynb') && (!only || f.includes(only)))
  .sort();

let server: JupyterServer;
const timings: Array<[string, number]> = [];

before(async () => {
  server = await startJupyterServer(notebookDir);
});

after(async () => {
  await server?.stop();
  if (timings.length) {
    const total = timings.reduce((s, [, ms]) => s + ms, 0);
    const lines = timings.map(([name, ms]) => `  ${name.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
    console.log(`notebook execution times:\n${lines.join('\n')}\n  ${'total'.padEnd(40)} ${(total / 1000).toFixed(1).padStart(6)} s`);
  }
});

test('there are notebooks to run', () => {
  assert.ok(notebooks.length > 0, `no notebooks found in ${notebookDir}${only ? ` matching NOTEBOOK=${only}` : ''}`);
});

for (const name of notebooks) {
  test(`notebook ${name} runs clean`, async () => {
    const run = await runNotebook(path.join(notebookDir, name), server);
    timings.push([name, run.ms]);
    if (process.env.CELL_TIMES) {
      for (const c of run.cells) console.log(`  ${name} cell ${String(c.index).padStart(3)}: ${(c.ms / 1000).toFixed(2)} s  ${c.source.split('\n')[0].slice(0, 60)}`);
    }
    const failed = run.cells.find(cellFailed);
    if (failed) assert.fail(describeFailure(`notebooks/${name}`, failed));
    assert.ok(run.cells.length > 0, `${name} has no code cells`);
  });
}
