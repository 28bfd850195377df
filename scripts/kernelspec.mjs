// Where the project's kernelspec lives and how Jupyter is pointed at it. Shared by
// install-kernel.mjs, start.mjs and the notebook tests, so all three agree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A Jupyter data directory owned by the project; Jupyter finds it through JUPYTER_PATH. */
export const jupyterDataDir = path.join(repoRoot, '.jupyter-lessons');
export const kernelName = 'typescript-lessons';
export const kernelDisplayName = 'TypeScript (lessons)';
export const kernelDir = path.join(jupyterDataDir, 'kernels', kernelName);

/** The environment for a Jupyter process that should see the project's kernelspec (and only add to, not replace, the user's). */
export function jupyterEnv(base = process.env) {
  const existing = base.JUPYTER_PATH ? base.JUPYTER_PATH.split(path.delimiter) : [];
  return { ...base, JUPYTER_PATH: [jupyterDataDir, ...existing].join(path.delimiter) };
}
