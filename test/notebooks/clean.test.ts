// Notebooks are committed without outputs or execution counts, and with the project's kernelspec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness/jupyterServer';

const notebookDir = path.join(repoRoot, 'notebooks');

for (const name of fs.readdirSync(notebookDir).filter((f) => f.endsWith('.ipynb')).sort()) {
  test(`notebook ${name} is committed clean`, () => {
    const nb = JSON.parse(fs.readFileSync(path.join(notebookDir, name), 'utf8'));
    assert.equal(nb.nbformat, 4, 'nbformat 4');
    assert.equal(nb.metadata?.kernelspec?.name, 'typescript-lessons', 'kernelspec is the project kernel');
    nb.cells.forEach((cell: { cell_type: string; outputs?: unknown[]; execution_count?: number | null; id?: string }, i: number) => {
      assert.ok(typeof cell.id === 'string' && cell.id.length > 0, `cell ${i} has an id`);
      if (cell.cell_type === 'code') {
        assert.deepEqual(cell.outputs, [], `cell ${i} has outputs: clear them before committing`);
        assert.equal(cell.execution_count, null, `cell ${i} has an execution count: clear it before committing`);
      }
    });
  });
}
