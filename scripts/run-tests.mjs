// `npm test` and friends: one node:test run over the chosen groups, so the runner prints one
// summary. Groups: unit (helpers), kernel (conformance of the lessons kernel), notebooks
// (hygiene + every notebook executed through Jupyter). Usage: node scripts/run-tests.mjs [all|unit|kernel|notebooks]...
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './kernelspec.mjs';

const groups = {
  unit: ['test/unit'],
  kernel: ['test/kernel'],
  notebooks: ['test/notebooks'],
};

function testFiles(dir) {
  const abs = path.join(repoRoot, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

const asked = process.argv.slice(2).length ? process.argv.slice(2) : ['all'];
const chosen = asked.includes('all') ? Object.keys(groups) : asked;
for (const g of chosen) {
  if (!groups[g]) {
    console.error(`run-tests: unknown group "${g}" (expected all, ${Object.keys(groups).join(', ')})`);
    process.exit(2);
  }
}
const files = chosen.flatMap((g) => groups[g].flatMap(testFiles));
if (files.length === 0) {
  console.error(`run-tests: no test files found for ${chosen.join(', ')}`);
  process.exit(1);
}
if (!fs.existsSync(path.join(repoRoot, 'kernel-helpers', 'dist', 'index.js'))) {
  console.error('run-tests: kernel-helpers is not built; run "npm install" or "npm run build"');
  process.exit(1);
}
// Type errors in the helpers, tests or scripts fail the run before any test starts (tsx, which
// runs the tests, strips types without checking them).
if (chosen.includes('unit')) {
  const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    console.error('run-tests: type errors (npm run typecheck); no tests were run');
    process.exit(tsc.status ?? 1);
  }
}
// Files run one at a time: the notebook and kernel tests start kernels and time their work, and
// the machine has two cores.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
