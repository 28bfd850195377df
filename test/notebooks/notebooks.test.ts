// Executes every notebook in notebooks/ top to bottom through a real Jupyter server and the
// notebook's own kernelspec; a cell that errors, is aborted, times out or writes to stderr fails
// its notebook, and the failure shows that cell's source, the kernel's error and its stderr.
// Notebooks run NOTEBOOK_JOBS at a time (default: 2 on a machine with two or more cores), each in
// its own kernel; each notebook's cells still run in order, top to bottom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startJupyterServer, JupyterServer, repoRoot } from './harness/jupyterServer';
import { cellFailed, describeFailure, NotebookRun } from './harness/runNotebook';
import { notebookJobs, runNotebooks } from './harness/schedule';

const notebookDir = path.join(repoRoot, 'notebooks');
const only = process.env.NOTEBOOK; // e.g. NOTEBOOK=03 runs only notebooks whose name contains "03"
const notebooks = fs
  .readdirSync(notebookDir)
  .filter((f) => f.endsWith('.ipynb') && (!only || f.includes(only)))
  .sort();
const jobs = notebookJobs();

let server: JupyterServer;
let runs: Map<string, Promise<NotebookRun>>;
let startedAt = 0;
const timings: Array<[string, number]> = [];

before(async () => {
  server = await startJupyterServer(notebookDir);
  startedAt = Date.now();
  runs = runNotebooks(notebooks.map((n) => path.join(notebookDir, n)), server, { jobs });
});

after(async () => {
  // Wait for any run still going (a test that failed early stops awaiting), then stop the server.
  if (runs) await Promise.allSettled(runs.values());
  const wallMs = Date.now() - startedAt;
  await server?.stop();
  if (timings.length) {
    const sum = timings.reduce((s, [, ms]) => s + ms, 0);
    const row = (label: string, ms: number) => `  ${label.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(6)} s`;
    console.log([
      `notebook execution times (${jobs} at a time):`,
      ...timings.map(([name, ms]) => row(name, ms)),
      row('sum of the notebooks', sum),
      row(`collection, wall clock (${jobs} at a time)`, wallMs),
    ].join('\n'));
  }
});

test('there are notebooks to run', () => {
  assert.ok(notebooks.length > 0, `no notebooks found in ${notebookDir}${only ? ` matching NOTEBOOK=${only}` : ''}`);
});

for (const name of notebooks) {
  test(`notebook ${name} runs clean`, async () => {
    const run = await runs.get(path.join(notebookDir, name))!;
    timings.push([name, run.ms]);
    if (process.env.CELL_TIMES) {
      for (const c of run.cells) console.log(`  ${name} cell ${String(c.index).padStart(3)}: ${(c.ms / 1000).toFixed(2)} s  ${c.source.split('\n')[0].slice(0, 60)}`);
    }
    const failed = run.cells.find(cellFailed);
    if (failed) assert.fail(describeFailure(`notebooks/${name}`, failed));
    assert.ok(run.cells.length > 0, `${name} has no code cells`);
  });
}
