// Strips outputs and execution counts from notebooks and gives every cell a stable id, so that
// notebooks are committed clean (the notebook hygiene test checks this).
// Usage: node scripts/clean-notebooks.mjs [files...]   (default: every notebooks/*.ipynb)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './kernelspec.mjs';

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : fs.readdirSync(path.join(repoRoot, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(repoRoot, 'notebooks', f));

for (const file of files) {
  const before = fs.readFileSync(file, 'utf8');
  const nb = JSON.parse(before);
  nb.cells.forEach((cell, i) => {
    // Ids derived from position and content stay the same across runs of this script.
    if (!cell.id) cell.id = crypto.createHash('sha1').update(`${i}:${[].concat(cell.source).join('')}`).digest('hex').slice(0, 8);
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (cell.metadata) {
      delete cell.metadata.execution;
      delete cell.metadata.collapsed;
      delete cell.metadata.scrolled;
    }
  });
  nb.nbformat = 4;
  nb.nbformat_minor = Math.max(nb.nbformat_minor ?? 5, 5);
  const after = JSON.stringify(nb, null, 1) + '\n';
  if (after !== before) {
    fs.writeFileSync(file, after);
    console.log(`cleaned ${path.relative(repoRoot, file)}`);
  }
}
