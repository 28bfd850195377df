// Registers the project's kernelspec "TypeScript (lessons)" in a project-local Jupyter data
// directory (.jupyter-lessons/). It never touches the user's global or per-user Jupyter config:
// `npm start` and the notebook tests point Jupyter at it through JUPYTER_PATH.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, kernelDir, kernelName, kernelDisplayName, jupyterDataDir } from './kernelspec.mjs';

const kernelMain = path.join(repoRoot, 'kernel-helpers', 'dist', 'kernel', 'main.js');
if (!fs.existsSync(kernelMain)) {
  console.error(`install-kernel: ${path.relative(repoRoot, kernelMain)} is missing; run "npm run build" first`);
  process.exit(1);
}

const spec = {
  // Absolute paths: Jupyter starts kernels with the notebook's folder as working directory.
  argv: [process.execPath, kernelMain, '--config-path', '{connection_file}'],
  display_name: kernelDisplayName,
  language: 'typescript',
  interrupt_mode: 'signal',
  metadata: { origin: 'training-neural-networks-lessons (npm install)' },
};

fs.mkdirSync(kernelDir, { recursive: true });
fs.writeFileSync(path.join(kernelDir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
console.log(`install-kernel: registered kernelspec "${kernelName}" (${kernelDisplayName}) in ${path.relative(repoRoot, jupyterDataDir)}/`);
