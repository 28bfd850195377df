// `npm run test:lab`: installs and builds the project's JupyterLab when needed (saying so), then
// runs the browser tests in test/lab/ in one node:test run. Not part of `npm test`: it needs
// Chromium and Debian's JupyterLab server packages, and downloads the lab workspace on first use.
// Extra arguments go to node --test (e.g. --test-name-pattern=02).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../kernelspec.mjs';
import { ensureLab, pythonProblem } from './lab.mjs';

const chromium = process.env.LAB_CHROMIUM || '/usr/bin/chromium';
const problems = [];
const py = pythonProblem();
if (py) problems.push(py);
if (!fs.existsSync(chromium)) problems.push(`no Chromium at ${chromium}: sudo apt-get install chromium (or set LAB_CHROMIUM)`);
if (!fs.existsSync(path.join(repoRoot, 'kernel-helpers', 'dist', 'index.js'))) problems.push('kernel-helpers is not built: run "npm install" first');
if (problems.length) {
  console.error(`test:lab cannot run:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

try {
  await ensureLab();
} catch (err) {
  console.error(err.message ?? err);
  process.exit(1);
}

const dir = path.join(repoRoot, 'test', 'lab');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => path.join('test', 'lab', f));
// One file at a time: each starts servers, kernels and a browser on a two-core machine.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(2), ...files], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
