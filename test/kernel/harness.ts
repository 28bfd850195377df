// Shared by the kernel tests: where the project's kernelspec is, a check that the kernel is built
// (and built from the current sources), and how to run Debian's Python with Jupyter.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root, found from this file's location (test/kernel/). */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** The project's Jupyter data directory, holding kernels/typescript-lessons/kernel.json. */
export const jupyterDataDir = path.join(repoRoot, '.jupyter-lessons');
/** The kernelspec every kernel test runs against. */
export const kernelName = 'typescript-lessons';
/** Debian's Python, the one with Jupyter (the first `python3` on PATH has none). */
export const python = '/usr/bin/python3';

const kernelSrc = path.join(repoRoot, 'kernel-helpers', 'src', 'kernel');
const kernelDist = path.join(repoRoot, 'kernel-helpers', 'dist', 'kernel');

/**
 * Why the kernel cannot be tested as built, or `null` when it can: the build or the kernelspec is
 * missing, or a kernel source is newer than its compiled file (testing stale code would prove
 * nothing about the sources).
 */
export function kernelBuildProblem(): string | null {
  if (!fs.existsSync(path.join(kernelDist, 'main.js'))) {
    return 'kernel-helpers/dist/kernel/main.js is missing: run "npm run build" (and "node scripts/install-kernel.mjs") first';
  }
  const spec = path.join(jupyterDataDir, 'kernels', kernelName, 'kernel.json');
  if (!fs.existsSync(spec)) return `${path.relative(repoRoot, spec)} is missing: run "node scripts/install-kernel.mjs"`;
  for (const file of fs.readdirSync(kernelSrc).filter((f) => f.endsWith('.ts'))) {
    const built = path.join(kernelDist, file.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(kernelSrc, file)).mtimeMs) {
      return `kernel-helpers/dist/kernel is older than src/kernel/${file}: run "npm run build"`;
    }
  }
  return null;
}

/** The environment for a Jupyter process that should find the project's kernelspec first. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  const existing = process.env.JUPYTER_PATH ? [process.env.JUPYTER_PATH] : [];
  return { ...process.env, JUPYTER_PATH: [jupyterDataDir, ...existing].join(path.delimiter), PYTHONUNBUFFERED: '1' };
}

/**
 * Runs Debian's Python with `args` from the repository root, with the project's kernelspec visible
 * and `input` (if given) on stdin.
 */
export function runPython(args: string[], options: { timeoutMs: number; input?: string }): SpawnSyncReturns<string> {
  return spawnSync(python, args, {
    cwd: repoRoot,
    env: jupyterEnv(),
    encoding: 'utf8',
    input: options.input,
    timeout: options.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
}
