// End to end: a failing notebook run by nbclient (what nbconvert --execute, papermill and the
// notebook tests use) raises a CellExecutionError that names the real error, and the notebook
// keeps an error output with name, message and traceback (what JupyterLab shows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelBuildProblem, kernelName, runPython } from './harness';

/** What the Python side reports for one notebook. */
interface NotebookRun {
  raised: boolean;
  ename?: string;
  evalue?: string;
  /** str(CellExecutionError): the text nbconvert prints. */
  message?: string;
  /** Outputs of the failing cell as saved in the notebook. */
  outputs: { output_type: string; ename?: string; evalue?: string; traceback?: string[] }[];
}

// Reads JSON {name: [cell sources]} on stdin, runs each notebook with nbclient, prints JSON results.
const RUNNER = `
import json, sys
import nbformat, nbclient
from nbclient.exceptions import CellExecutionError
results = {}
for name, sources in json.load(sys.stdin).items():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": ${JSON.stringify(kernelName)}, "display_name": "TypeScript (lessons)", "language": "typescript"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    run = {"raised": False}
    try:
        nbclient.NotebookClient(nb, timeout=120).execute()
    except CellExecutionError as e:
        run = {"raised": True, "ename": e.ename, "evalue": e.evalue, "message": str(e)}
    run["outputs"] = nb.cells[-1].get("outputs", [])
    results[name] = run
print(json.dumps(results))
`;

test('nbclient names the real error of a failing TypeScript cell', { timeout: 240_000 }, () => {
  const problem = kernelBuildProblem();
  assert.equal(problem, null, `cannot test the kernel: ${problem}`);
  const notebooks = {
    runtime: ['const lr = 3;', 'function step(n: number) {\n  throw new RangeError("bad learning rate " + n);\n}\nstep(lr);'],
    type: ['const n: number = "three";'],
  };
  const run = runPython(['-c', RUNNER], { timeoutMs: 200_000, input: JSON.stringify(notebooks) });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  assert.equal(run.status, 0, `the nbclient runner exited with ${run.status}${run.error ? ` (${run.error.message})` : ''}:\n${output}`);
  const lastLine = run.stdout.trim().split('\n').pop() ?? '';
  const runs = JSON.parse(lastLine) as Record<keyof typeof notebooks, NotebookRun>;

  const rt = runs.runtime;
  assert.equal(rt.raised, true, 'a failing cell must raise CellExecutionError');
  assert.equal(rt.ename, 'RangeError');
  assert.equal(rt.evalue, 'bad learning rate 3');
  assert.match(rt.message ?? '', /RangeError: bad learning rate 3/);
  assert.match(rt.message ?? '', /at step \(evalmachine\.<anonymous>:\d+:\d+\)/);
  const rtError = rt.outputs.find((o) => o.output_type === 'error');
  assert.ok(rtError, `the failing cell keeps an error output; outputs: ${JSON.stringify(rt.outputs)}`);
  assert.equal(rtError.ename, 'RangeError');
  assert.ok(rtError.traceback?.includes('RangeError: bad learning rate 3'));

  const ty = runs.type;
  assert.equal(ty.raised, true);
  assert.equal(ty.ename, 'TSError');
  assert.equal(ty.evalue, "Type 'string' is not assignable to type 'number'. (cell line 1, column 7)");
  assert.match(ty.message ?? '', /cell:1:7 - error TS2322: Type 'string' is not assignable to type 'number'\./);
});
