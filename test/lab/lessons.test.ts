// Every lesson in notebooks/ opened in the project's JupyterLab in Chromium and run to the end
// through Run ▸ Run All Cells, each against its own server (free port, fresh token, fresh
// settings). A notebook fails when a cell raises, writes to stderr or does not run, when a chart it
// sends is not drawn, when the page throws, or when the console logs an error other than the known
// harmless ones. One full-page screenshot per notebook goes to test-output/lab/.
// NOTEBOOK=03 runs only notebooks whose name contains "03"; LAB_NOTEBOOK_DIR serves another folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, Browser } from './harness/browser';
import { startLabServer } from './harness/labServer';
import { runNotebookInLab, LabRun } from './harness/runInLab';

const repoRoot = path.resolve(__dirname, '..', '..');
const notebookDir = path.resolve(process.env.LAB_NOTEBOOK_DIR ?? path.join(repoRoot, 'notebooks'));
const screenshotDir = path.join(repoRoot, 'test-output', 'lab');
const only = process.env.NOTEBOOK;
const notebooks = fs.existsSync(notebookDir)
  ? fs
      .readdirSync(notebookDir)
      .filter((f) => f.endsWith('.ipynb') && (!only || f.includes(only)))
      .sort()
  : [];

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let browser: Browser;
const runs: LabRun[] = [];

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (runs.length) {
    const head = `  ${'notebook'.padEnd(36)} ${'visible'.padStart(8)} ${'kernel'.padStart(8)} ${'run all'.padStart(8)} ${'charts'.padStart(7)} ${'total'.padStart(8)}`;
    const lines = runs.map((r) => {
      const t = r.timings;
      const s = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} s` : '—').padStart(8);
      const note = r.kernelReconnects ? `  (kernel websocket reconnected ${r.kernelReconnects}×)` : '';
      return `  ${r.notebook.padEnd(36)} ${s(t.visible)} ${s(t.kernelIdle)} ${s(t.runAll)} ${String(r.chartsDrawn).padStart(7)} ${s(t.total)}${note}`;
    });
    console.log(`JupyterLab runs (seconds from opening; run all from the click):\n${head}\n${lines.join('\n')}\nscreenshots: ${path.relative(repoRoot, screenshotDir)}/`);
  }
});

test('there are notebooks to open in JupyterLab', () => {
  assert.ok(notebooks.length > 0, `no notebooks found in ${notebookDir}${only ? ` matching NOTEBOOK=${only}` : ''}`);
});

for (const name of notebooks) {
  // Bounded: opening (2 min) + running (LAB_RUN_TIMEOUT_MS, 5 min) + charts (1 min) + margins.
  test(`${name} runs in JupyterLab in Chromium`, { timeout: 12 * 60_000 }, async () => {
    const file = path.join(notebookDir, name);
    const before = sha256(file);
    const server = await startLabServer(notebookDir);
    let run: LabRun;
    try {
      run = await runNotebookInLab(browser, server, name, { screenshotPath: path.join(screenshotDir, name.replace(/\.ipynb$/, '.png')) });
    } finally {
      await server.stop();
    }
    runs.push(run);
    // Unless someone edited it meanwhile, the notebook on disk is as it was: the test never saves.
    if (sha256(file) !== before) run.problems.push(`${name} changed on disk during its run (the browser test must not save notebooks)`);
    if (run.problems.length) assert.fail(`${run.problems.join('\n\n')}\n(screenshot: ${run.screenshot ?? 'none'})`);
  });
}
